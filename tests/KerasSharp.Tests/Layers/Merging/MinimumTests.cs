using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Merging;

[Collection(GlobalState.Name)]

public class MinimumTests
{
    [Fact]
    public void HarnessSingleInput() => LayerTest.Run(() => new Minimum(), [2, 3], [2, 3]);

    [Fact]
    public void MultiInput() => MultiInputLayerTest.Run(() => new Minimum(), [[2, 3], [2, 1]], [2, 3]);

    [Fact]
    public void CombinesElementWise()
    {
        // min(5, 4), min(-3, 2)
        var y = new Minimum().Apply([tensor(new float[] { 5, -3 }).reshape(1, 2), tensor(new float[] { 4, 2 }).reshape(1, 2)]);
        TensorAssert.Close([4, -3], y);
    }

    [Fact]
    public void MismatchedShapesListEveryShape() =>
        Assert.Contains("(None, 2), (None, 5)", Assert.Throws<ArgumentException>(() => new Minimum().Apply([ones(1, 2), ones(1, 5)])).Message);
}
