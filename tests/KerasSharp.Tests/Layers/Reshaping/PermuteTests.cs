using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class PermuteTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Permute((2, 1)), [2, 3, 4], [2, 4, 3]);

    [Fact]
    public void DimsAreOneBasedAndSwapAxes()
    {
        // x[0] = [[0, 1, 2], [3, 4, 5]] -> transposed [[0, 3], [1, 4], [2, 5]]
        var y = new Permute((2, 1)).Apply(arange(6, dtype: ScalarType.Float32).reshape(1, 2, 3));
        TensorAssert.Close([0, 3, 1, 4, 2, 5], y);
        Assert.Equal(new long[] { 1, 3, 2 }, y.shape);
        Assert.Equal(new Shape(null, 5, 3, 4), new Permute((3, 1, 2)).ComputeOutputShape([null, 3, 4, 5]));
    }

    [Fact]
    public void BadDimsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Permute((1, 3)));
        Assert.Contains("(1, 3)", e.Message);
        Assert.Throws<ArgumentException>(() => new Permute((0, 1)));
        var wrongRank = Assert.Throws<ArgumentException>(() => new Permute((2, 1)).Apply(ones(2, 3)));
        Assert.Contains("expected ndim=3", wrongRank.Message);
    }
}
