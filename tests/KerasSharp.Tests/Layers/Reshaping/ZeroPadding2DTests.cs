using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class ZeroPadding2DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new ZeroPadding2D(), [2, 3, 4, 2], [2, 5, 6, 2]);

    [Fact]
    public void HarnessChannelsFirst() =>
        LayerTest.Run(() => new ZeroPadding2D((1, 2), dataFormat: "channels_first"), [2, 2, 3, 4], [2, 2, 5, 8]);

    [Fact]
    public void PadsEachSideAsGiven()
    {
        // one pixel [[5]] with top 1, bottom 0, left 0, right 2 -> [[0, 0, 0], [5, 0, 0]]
        var y = new ZeroPadding2D(((1, 0), (0, 2))).Apply(tensor(new float[] { 5 }).reshape(1, 1, 1, 1));
        Assert.Equal(new long[] { 1, 2, 3, 1 }, y.shape);
        TensorAssert.Close([0, 0, 0, 5, 0, 0], y);
        var config = new ZeroPadding2D((1, 2)).GetConfig();
        var padding = (int[][])config["padding"]!;
        Assert.Equal(new[] { 1, 1 }, padding[0]);
        Assert.Equal(new[] { 2, 2 }, padding[1]);
    }

    [Fact]
    public void NegativePaddingIsRejected() =>
        Assert.Contains("((1, -1), (0, 0))", Assert.Throws<ArgumentOutOfRangeException>(() => new ZeroPadding2D(((1, -1), (0, 0)))).Message);
}
