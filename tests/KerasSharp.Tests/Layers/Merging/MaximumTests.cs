using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Merging;

[Collection(GlobalState.Name)]

public class MaximumTests
{
    [Fact]
    public void HarnessSingleInput() => LayerTest.Run(() => new Maximum(), [2, 3], [2, 3]);

    [Fact]
    public void MultiInput() => MultiInputLayerTest.Run(() => new Maximum(), [[2, 3], [2, 1]], [2, 3]);

    [Fact]
    public void CombinesElementWise()
    {
        // max(5, 4), max(-3, 2)
        var y = new Maximum().Apply([tensor(new float[] { 5, -3 }).reshape(1, 2), tensor(new float[] { 4, 2 }).reshape(1, 2)]);
        TensorAssert.Close([5, 2], y);
    }

    [Fact]
    public void MismatchedShapesListEveryShape() =>
        Assert.Contains("(None, 2), (None, 5)", Assert.Throws<ArgumentException>(() => new Maximum().Apply([ones(1, 2), ones(1, 5)])).Message);
}
