using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class Cropping2DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Cropping2D(1), [2, 4, 5, 2], [2, 2, 3, 2]);

    [Fact]
    public void HarnessChannelsFirst() =>
        LayerTest.Run(() => new Cropping2D(((1, 0), (0, 2)), dataFormat: "channels_first"), [2, 2, 4, 5], [2, 2, 3, 3]);

    [Fact]
    public void CropsEachSideAsGiven()
    {
        // 4x4 image 0..15 row-major; crop top 1, bottom 0, left 0, right 2 -> rows 1..3, cols 0..1
        var y = new Cropping2D(((1, 0), (0, 2))).Apply(arange(16, dtype: ScalarType.Float32).reshape(1, 4, 4, 1));
        Assert.Equal(new long[] { 1, 3, 2, 1 }, y.shape);
        TensorAssert.Close([4, 5, 8, 9, 12, 13], y);
    }

    [Fact]
    public void CroppingTooMuchIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Cropping2D((2, 0)).Apply(ones(1, 4, 4, 1)));
        Assert.Contains("input_shape=(1, 4, 4, 1)", e.Message);
    }
}
