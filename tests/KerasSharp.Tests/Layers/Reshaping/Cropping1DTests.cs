using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class Cropping1DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Cropping1D(), [2, 5, 3], [2, 3, 3]);

    [Fact]
    public void CropsStartAndEnd()
    {
        // steps [0, 1, 2, 3, 4] cropped (1, 2) -> [1, 2]
        var y = new Cropping1D((1, 2)).Apply(arange(5, dtype: ScalarType.Float32).reshape(1, 5, 1));
        TensorAssert.Close([1, 2], y);
    }

    [Fact]
    public void CroppingEverythingIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Cropping1D((2, 3)).Apply(ones(1, 5, 1)));
        Assert.Contains("(1, 5, 1)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Cropping1D(-1));
    }
}
