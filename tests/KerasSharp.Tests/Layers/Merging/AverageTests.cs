using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Merging;

[Collection(GlobalState.Name)]

public class AverageTests
{
    [Fact]
    public void HarnessSingleInput() => LayerTest.Run(() => new Average(), [2, 3], [2, 3]);

    [Fact]
    public void MultiInput() => MultiInputLayerTest.Run(() => new Average(), [[2, 3], [2, 1]], [2, 3]);

    [Fact]
    public void CombinesElementWise()
    {
        // (5 + 4) / 2 = 4.5, (-3 + 2) / 2 = -0.5
        var y = new Average().Apply([tensor(new float[] { 5, -3 }).reshape(1, 2), tensor(new float[] { 4, 2 }).reshape(1, 2)]);
        TensorAssert.Close([4.5, -0.5], y);
    }

    [Fact]
    public void MismatchedShapesListEveryShape() =>
        Assert.Contains("(None, 2), (None, 5)", Assert.Throws<ArgumentException>(() => new Average().Apply([ones(1, 2), ones(1, 5)])).Message);
}
