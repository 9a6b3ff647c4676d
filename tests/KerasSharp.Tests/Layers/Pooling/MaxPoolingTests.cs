using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Pooling;

[Collection(GlobalState.Name)]

public class MaxPoolingTests
{
    internal static Tensor Counting(int h, int w) => arange(1, h * w + 1, dtype: ScalarType.Float32).reshape(1, h, w, 1);

    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new MaxPooling1D(), [2, 7, 3], [2, 3, 3]);
        LayerTest.Run(() => new MaxPooling2D(2), [2, 4, 5, 3], [2, 2, 2, 3]);
        LayerTest.Run(() => new MaxPooling2D((3, 2), strides: 1, padding: "same"), [2, 4, 5, 3], [2, 4, 5, 3]);
        LayerTest.Run(() => new MaxPooling2D(2, dataFormat: "channels_first"), [2, 3, 4, 6], [2, 3, 2, 3]);
        LayerTest.Run(() => new MaxPooling3D(2, padding: "same"), [2, 3, 4, 5, 2], [2, 2, 2, 3, 2]);
    }

    [Fact]
    public void ValidTakesWindowMaxima()
    {
        // x = [[1,2,3,4],[5,6,7,8],[9,10,11,12],[13,14,15,16]]; 2x2 windows -> [[6, 8], [14, 16]]
        var y = new MaxPooling2D(2).Apply(Counting(4, 4));
        Assert.Equal(new long[] { 1, 2, 2, 1 }, y.shape);
        TensorAssert.Close([6, 8, 14, 16], y.contiguous());
    }

    [Fact]
    public void SameOddTotalPaddingPadsAtTheEndAndNeverPicksPaddedCells()
    {
        // x = -[[1,2,3],[4,5,6],[7,8,9]], pool 2 stride 2: out ceil(3/2) = 2, total padding (2-1)*2 + 2 - 3 = 1 -> 0 before, 1 after
        // windows {0,1}x{0,1}: max(-1,-2,-4,-5) = -1; {0,1}x{2}: max(-3,-6) = -3; {2}x{0,1}: max(-7,-8) = -7; {2}x{2}: -9
        // (zero padding would give 0 for the three partial windows)
        var y = new MaxPooling2D(2, padding: "same").Apply(-Counting(3, 3));
        TensorAssert.Close([-1, -3, -7, -9], y.contiguous());
    }

    [Fact]
    public void OneDAndStrides()
    {
        // [1, 3, 2, 5, 4], pool 2 -> windows [1,3], [2,5] -> [3, 5]
        var x = tensor(new float[] { 1, 3, 2, 5, 4 }).reshape(1, 5, 1);
        TensorAssert.Close([3, 5], new MaxPooling1D(2).Apply(x).contiguous());
        // pool 2, stride 1 -> [3, 3, 5, 5]
        TensorAssert.Close([3, 3, 5, 5], new MaxPooling1D(2, strides: 1).Apply(x).contiguous());
    }

    [Fact]
    public void DefaultsNameAndConfigAreKeras()
    {
        Keras.ClearSession();
        var pool = new MaxPooling2D();
        Assert.Equal("max_pooling2d", pool.Name);
        var config = pool.GetConfig();
        Assert.Equal(new[] { 2, 2 }, config["pool_size"]);
        Assert.Equal(new[] { 2, 2 }, config["strides"]);
        Assert.Equal("valid", config["padding"]);
        Assert.Equal("channels_last", config["data_format"]);
        Assert.Equal(new Shape(null, 13, 13, 32), pool.ComputeOutputShape(new Shape(null, 26, 26, 32)));
        Assert.Equal(new Shape(null, 14, 14, 32), new MaxPooling2D(2, padding: "SAME").ComputeOutputShape(new Shape(null, 27, 27, 32)));
    }

    [Fact]
    public void BadArgumentsNameTheArgumentAndValue()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPooling2D(0));
        Assert.Contains("poolSize", e1.Message);
        Assert.Contains("received 0", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new MaxPooling2D(2, padding: "foo"));
        Assert.Equal("padding", e2.ParamName);
        Assert.Contains("\"foo\"", e2.Message);
        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPooling2D(2, strides: (1, -1)));
        Assert.Contains("strides", e3.Message);
        Assert.Contains("(1, -1)", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => new MaxPooling2D(2, name: "p").Apply(zeros(2, 4, 4)));
        Assert.Contains("\"p\"", e4.Message);
        Assert.Contains("expected ndim=4", e4.Message);
    }

    [Fact]
    public void FactoryTakesIntOrTuple()
    {
        Assert.Equal(new[] { 2, 2 }, Keras.MaxPooling2D(2).PoolSize);
        Assert.Equal(new[] { 2, 3 }, Keras.MaxPooling2D((2, 3)).PoolSize);
        Assert.Equal(new[] { 3 }, Keras.MaxPooling1D(3).PoolSize);
    }
}
