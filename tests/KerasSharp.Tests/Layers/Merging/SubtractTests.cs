using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Merging;

[Collection(GlobalState.Name)]

public class SubtractTests
{
    [Fact]
    public void MultiInput() => MultiInputLayerTest.Run(() => new Subtract(), [[2, 3], [2, 3]], [2, 3]);

    [Fact]
    public void SubtractsSecondFromFirst() =>
        TensorAssert.Close([4, 2], new Subtract().Apply([tensor(new float[] { 5, 3 }).reshape(1, 2), tensor(new float[] { 1, 1 }).reshape(1, 2)]));

    [Fact]
    public void NeedsExactlyTwoInputs()
    {
        var e = Assert.Throws<ArgumentException>(() => new Subtract().Apply([ones(1, 2), ones(1, 2), ones(1, 2)]));
        Assert.Contains("exactly 2 inputs", e.Message);
        Assert.Contains("received 3", e.Message);
        Assert.Throws<ArgumentException>(() => new Subtract().Apply(ones(1, 2)));
    }
}
