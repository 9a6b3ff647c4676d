using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Merging;

[Collection(GlobalState.Name)]

public class ConcatenateTests
{
    [Fact]
    public void HarnessSingleInput() => LayerTest.Run(() => new Concatenate(), [2, 3], [2, 3]);

    [Fact]
    public void MultiInput() => MultiInputLayerTest.Run(() => new Concatenate(), [[2, 3], [2, 4]], [2, 7]);

    [Fact]
    public void JoinsAlongTheAxis()
    {
        TensorAssert.Close([1, 2, 3, 4, 5], new Concatenate().Apply([tensor(new float[] { 1, 2 }).reshape(1, 2), tensor(new float[] { 3, 4, 5 }).reshape(1, 3)]));
        // axis 1 of (1, 1, 2) and (1, 2, 2): rows [0, 1] then [2, 3], [4, 5]
        var y = new Concatenate(axis: 1).Apply([arange(2, dtype: ScalarType.Float32).reshape(1, 1, 2), arange(2, 6, dtype: ScalarType.Float32).reshape(1, 2, 2)]);
        Assert.Equal(new long[] { 1, 3, 2 }, y.shape);
        TensorAssert.Close([0, 1, 2, 3, 4, 5], y);
        Assert.Equal(new Shape(null, 4, 3), new Concatenate(1).ComputeOutputShapes([[null, 1, 3], [null, 3, null]])[0]);
    }

    [Fact]
    public void MismatchedShapesListEveryShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new Concatenate().Apply([ones(1, 2, 3), ones(1, 4, 3)]));
        Assert.Contains("(None, 2, 3), (None, 4, 3)", e.Message);
        Assert.Throws<ArgumentException>(() => new Concatenate().Apply([ones(1, 2), ones(1, 2, 2)]));
    }
}
