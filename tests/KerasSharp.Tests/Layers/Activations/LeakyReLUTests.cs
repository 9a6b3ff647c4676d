using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Activations;

[Collection(GlobalState.Name)]

public class LeakyReLUTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new LeakyReLU(), [2, 3], [2, 3]);

    [Fact]
    public void DefaultSlopeIs0Point3()
    {
        // [-10, -5, 0, 5] -> [-3, -1.5, 0, 5]
        TensorAssert.Close([-3, -1.5, 0, 5], new LeakyReLU().Apply(tensor(new float[] { -10, -5, 0, 5 }).reshape(1, 4)), 1e-5);
        Assert.Equal(0.3, new LeakyReLU().GetConfig()["negative_slope"]);
        Assert.StartsWith("leaky_re_lu", new LeakyReLU().Name);
    }

    [Fact]
    public void NegativeSlopeIsRejected() =>
        Assert.Contains("received -0.5", Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReLU(-0.5)).Message);
}
