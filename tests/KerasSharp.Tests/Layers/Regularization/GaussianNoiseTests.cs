using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Regularization;

[Collection(GlobalState.Name)]

public class GaussianNoiseTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new GaussianNoise(0.1, seed: 1), [4, 3], [4, 3]);

    [Fact]
    public void IdentityInInference()
    {
        var x = randn(3, 4);
        TensorAssert.Close(x, new GaussianNoise(0.5).Apply(x));
    }

    [Fact]
    public void TrainingAddsNoiseOfTheStddevReproduciblyWithASeed()
    {
        var x = zeros(200, 100);
        var y = new GaussianNoise(0.5, seed: 7).Apply(x, training: true);
        Assert.InRange(y.mean().item<float>(), -0.02, 0.02);
        Assert.InRange(y.std().item<float>(), 0.48, 0.52);
        Assert.True(y.eq(new GaussianNoise(0.5, seed: 7).Apply(x, training: true)).all().item<bool>(), "the same seed must give the same noise");
    }

    [Fact]
    public void StddevOutsideKerasRangeIsRejected() =>
        Assert.Contains("received 1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(1.5)).Message);
}
