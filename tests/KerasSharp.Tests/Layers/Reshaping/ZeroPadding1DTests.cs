using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

public class ZeroPadding1DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new ZeroPadding1D(), [2, 3, 4], [2, 5, 4]);

    [Fact]
    public void PadsStartAndEnd()
    {
        var y = new ZeroPadding1D((1, 2)).Apply(tensor(new float[] { 1, 2 }).reshape(1, 2, 1));
        TensorAssert.Close([0, 1, 2, 0, 0], y);
        Assert.Equal(new[] { 2, 2 }, (int[])new ZeroPadding1D(2).GetConfig()["padding"]!);
    }

    [Fact]
    public void NegativePadding_IsRejected() =>
        Assert.Contains("padding", Assert.Throws<ArgumentOutOfRangeException>(() => new ZeroPadding1D(-1)).Message);
}
