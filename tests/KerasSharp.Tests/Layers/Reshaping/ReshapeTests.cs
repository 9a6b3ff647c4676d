using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class ReshapeTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Reshape((3, 4)), [2, 12], [2, 3, 4]);

    [Fact]
    public void HarnessWithInferredAxis() => LayerTest.Run(() => new Reshape((-1, 2)), [2, 3, 4], [2, 6, 2]);

    [Fact]
    public void KeepsRowMajorOrderAndInfersMinusOne()
    {
        var y = new Reshape((2, -1)).Apply(arange(12, dtype: ScalarType.Float32).reshape(1, 12));
        Assert.Equal(new long[] { 1, 2, 6 }, y.shape);
        TensorAssert.Close([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], y);
        Assert.Equal(new Shape(null, 4, 3), new Reshape((4, -1)).ComputeOutputShape([null, 2, 6]));
        Assert.Equal(new Shape(null, null, 3), new Reshape((-1, 3)).ComputeOutputShape([null, null, 6]));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Reshape((-1, -1)));
        Assert.Contains("at most one unknown dimension", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Reshape((0, 2)));
        e = Assert.Throws<ArgumentException>(() => new Reshape((5, 2)).Apply(ones(1, 12)));
        Assert.Contains("total size of the tensor must be unchanged", e.Message);
        Assert.Contains("input_shape=(1, 12)", e.Message);
    }

    [Fact]
    public void ConfigHasTargetShape() => Assert.Equal(new[] { 3, 4 }, (int[])new Reshape((3, 4)).GetConfig()["target_shape"]!);
}
