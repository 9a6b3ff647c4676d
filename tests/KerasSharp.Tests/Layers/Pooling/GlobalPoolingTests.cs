using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Pooling;

[Collection(GlobalState.Name)]

public class GlobalPoolingTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new GlobalAveragePooling1D(), [2, 5, 3], [2, 3]);
        LayerTest.Run(() => new GlobalMaxPooling1D(keepdims: true), [2, 5, 3], [2, 1, 3]);
        LayerTest.Run(() => new GlobalAveragePooling2D(), [2, 4, 5, 3], [2, 3]);
        LayerTest.Run(() => new GlobalMaxPooling2D(dataFormat: "channels_first", keepdims: true), [2, 3, 4, 5], [2, 3, 1, 1]);
        LayerTest.Run(() => new GlobalAveragePooling3D(), [2, 2, 3, 2, 3], [2, 3]);
        LayerTest.Run(() => new GlobalMaxPooling3D(), [2, 2, 3, 2, 3], [2, 3]);
    }

    [Fact]
    public void Values()
    {
        // channels_last (1, 2, 2, 2): channel 0 = [1, 2, 3, 4], channel 1 = [10, -20, 30, -40]
        var x = tensor(new float[] { 1, 10, 2, -20, 3, 30, 4, -40 }).reshape(1, 2, 2, 2);
        // mean: (1+2+3+4)/4 = 2.5, (10-20+30-40)/4 = -5; max: 4, 30
        TensorAssert.Close([2.5, -5], new GlobalAveragePooling2D().Apply(x));
        TensorAssert.Close([4, 30], new GlobalMaxPooling2D().Apply(x));
        // channels_first view of the same numbers: axis 1 has size 2 (rows), spatial = (cols, channels)
        // rows: [1, 10, 2, -20] -> mean -1.75, max 10; [3, 30, 4, -40] -> mean -0.75, max 30
        TensorAssert.Close([-1.75, -0.75], new GlobalAveragePooling2D(dataFormat: "channels_first").Apply(x));
        TensorAssert.Close([10, 30], new GlobalMaxPooling2D(dataFormat: "channels_first").Apply(x));
        var kept = new GlobalAveragePooling2D(keepdims: true).Apply(x);
        Assert.Equal(new long[] { 1, 1, 1, 2 }, kept.shape);
    }

    [Fact]
    public void NameConfigAndArguments()
    {
        Keras.ClearSession();
        var pool = Keras.GlobalAveragePooling2D();
        Assert.Equal("global_average_pooling2d", pool.Name);
        Assert.Equal("channels_last", pool.GetConfig()["data_format"]);
        Assert.Equal(false, pool.GetConfig()["keepdims"]);
        Assert.Equal(new Shape(null, 64), pool.ComputeOutputShape(new Shape(null, 7, 7, 64)));
        Assert.Equal(new Shape(null, 1, 64), Keras.GlobalMaxPooling1D(keepdims: true).ComputeOutputShape(new Shape(null, 7, 64)));
        var e = Assert.Throws<ArgumentException>(() => new GlobalMaxPooling2D(dataFormat: "nchw"));
        Assert.Contains("\"nchw\"", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new GlobalMaxPooling2D(name: "g").Apply(zeros(2, 3, 4)));
        Assert.Contains("\"g\"", e2.Message);
    }
}
