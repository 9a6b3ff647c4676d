using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Regularization;

[Collection(GlobalState.Name)]

public class GaussianDropoutTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new GaussianDropout(0.1, seed: 1), [4, 3], [4, 3]);

    [Fact]
    public void IdentityInInference()
    {
        var x = randn(3, 4);
        TensorAssert.Close(x, new GaussianDropout(0.5).Apply(x));
    }

    [Fact]
    public void TrainingMultipliesByNoiseOfMeanOne()
    {
        // rate 0.2: stddev sqrt(0.2 / 0.8) = 0.5, mean 1
        var y = new GaussianDropout(0.2, seed: 3).Apply(ones(200, 100), training: true);
        Assert.InRange(y.mean().item<float>(), 0.98, 1.02);
        Assert.InRange(y.std().item<float>(), 0.48, 0.52);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void RateOutsideRangeIsRejected(double rate) =>
        Assert.Contains($"received {rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianDropout(rate)).Message);
}
