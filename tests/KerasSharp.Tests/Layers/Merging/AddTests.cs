using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Merging;

[Collection(GlobalState.Name)]

public class AddTests
{
    [Fact]
    public void HarnessSingleInput() => LayerTest.Run(() => new Add(), [2, 3], [2, 3]);

    [Fact]
    public void MultiInput() => MultiInputLayerTest.Run(() => new Add(), [[2, 3], [2, 3], [2, 3]], [2, 3]);

    [Fact]
    public void SumsEveryInput()
    {
        var y = new Add().Apply([tensor(new float[] { 1, 2 }).reshape(1, 2), tensor(new float[] { 10, 20 }).reshape(1, 2), tensor(new float[] { 100, 200 }).reshape(1, 2)]);
        TensorAssert.Close([111, 222], y);
    }

    [Fact]
    public void BroadcastsAsKeras()
    {
        // (1, 2) + (1, 1): the size-1 axis broadcasts
        TensorAssert.Close([11, 12], new Add().Apply([tensor(new float[] { 1, 2 }).reshape(1, 2), tensor(new float[] { 10 }).reshape(1, 1)]));
        // ranks differ: (1, 2) becomes (1, 1, 2) and broadcasts over (1, 3, 2)
        var y = new Add().Apply([tensor(new float[] { 1, 2 }).reshape(1, 2), zeros(1, 3, 2)]);
        Assert.Equal(new long[] { 1, 3, 2 }, y.shape);
        TensorAssert.Close([1, 2, 1, 2, 1, 2], y);
        Assert.Equal(new Shape(null, 3, 2), new Add().ComputeOutputShapes([[null, 2], [null, 3, 2]])[0]);
    }

    [Fact]
    public void MismatchedShapesListEveryShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new Add().Apply([ones(2, 3), ones(2, 3), ones(2, 4)]));
        Assert.Contains("(None, 3), (None, 3), (None, 4)", e.Message);
        var batch = Assert.Throws<ArgumentException>(() => new Add().ComputeOutputShapes([[2, 3], [4, 3]]));
        Assert.Contains("different batch sizes", batch.Message);
    }
}
