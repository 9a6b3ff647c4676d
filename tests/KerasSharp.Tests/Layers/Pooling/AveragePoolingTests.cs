using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Pooling;

[Collection(GlobalState.Name)]

public class AveragePoolingTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new AveragePooling1D(3, strides: 2, padding: "same"), [2, 7, 3], [2, 4, 3]);
        LayerTest.Run(() => new AveragePooling2D((2, 2)), [2, 4, 5, 3], [2, 2, 2, 3]);
        LayerTest.Run(() => new AveragePooling3D(2, dataFormat: "channels_first"), [2, 2, 4, 4, 5], [2, 2, 2, 2, 2]);
    }

    [Fact]
    public void ValidTakesWindowMeans()
    {
        // x = [[1,2,3,4],[5,6,7,8],[9,10,11,12],[13,14,15,16]]:
        // (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, (9+10+13+14)/4 = 11.5, (11+12+15+16)/4 = 13.5
        TensorAssert.Close([3.5, 5.5, 11.5, 13.5], new AveragePooling2D(2).Apply(MaxPoolingTests.Counting(4, 4)).contiguous());
    }

    [Fact]
    public void SameOddTotalPaddingExcludesPaddedCells()
    {
        // x = [[1,2,3],[4,5,6],[7,8,9]], pool 2 stride 2: 0 padding before, 1 after; padded cells are not counted:
        // (1+2+4+5)/4 = 3, (3+6)/2 = 4.5, (7+8)/2 = 7.5, 9/1 = 9
        TensorAssert.Close([3, 4.5, 7.5, 9], new AveragePooling2D(2, padding: "same").Apply(MaxPoolingTests.Counting(3, 3)).contiguous());
    }

    [Fact]
    public void SameSymmetricPaddingExcludesPaddedCells()
    {
        // pool 3 stride 1 on 3x3: total padding 2 -> 1 on each side; corners average 4 cells, edges 6, centre 9:
        // [(1+2+4+5)/4, (1+2+3+4+5+6)/6, (2+3+5+6)/4, (1+2+4+5+7+8)/6, 45/9, (2+3+5+6+8+9)/6, (4+5+7+8)/4, (4+5+6+7+8+9)/6, (5+6+8+9)/4]
        TensorAssert.Close([3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7],
            new AveragePooling2D(3, strides: 1, padding: "same").Apply(MaxPoolingTests.Counting(3, 3)).contiguous(), 1e-5);
    }

    [Fact]
    public void OneDSame()
    {
        // [1, 3, 2, 5, 4], pool 2 stride 2 same: out 3, total padding (3-1)*2 + 2 - 5 = 1 at the end -> [(1+3)/2, (2+5)/2, 4/1]
        var x = tensor(new float[] { 1, 3, 2, 5, 4 }).reshape(1, 5, 1);
        TensorAssert.Close([2, 3.5, 4], new AveragePooling1D(2, padding: "same").Apply(x).contiguous());
    }

    [Fact]
    public void NameConfigAndFactory()
    {
        Keras.ClearSession();
        var pool = Keras.AveragePooling2D((2, 3), strides: 1);
        Assert.Equal("average_pooling2d", pool.Name);
        Assert.Equal(new[] { 2, 3 }, pool.GetConfig()["pool_size"]);
        Assert.Equal(new[] { 1, 1 }, pool.GetConfig()["strides"]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AveragePooling1D(0));
        Assert.Contains("poolSize", e.Message);
    }
}
