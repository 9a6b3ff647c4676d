using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class RepeatVectorTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new RepeatVector(4), [2, 3], [2, 4, 3]);

    [Fact]
    public void RepeatsEachSample()
    {
        var y = new RepeatVector(3).Apply(tensor(new float[] { 1, 2 }).reshape(1, 2));
        TensorAssert.Close([1, 2, 1, 2, 1, 2], y);
        Assert.Equal(new long[] { 1, 3, 2 }, y.shape);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatVector(0));
        Assert.Contains("received 0", e.Message);
        Assert.Throws<ArgumentException>(() => new RepeatVector(2).Apply(ones(1, 2, 3)));
    }
}
