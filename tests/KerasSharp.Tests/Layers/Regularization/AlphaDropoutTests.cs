using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Regularization;

[Collection(GlobalState.Name)]

public class AlphaDropoutTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new AlphaDropout(0.1, seed: 1), [4, 3], [4, 3]);

    [Fact]
    public void IdentityInInference()
    {
        var x = randn(3, 4);
        TensorAssert.Close(x, new AlphaDropout(0.5).Apply(x));
    }

    [Fact]
    public void TrainingKeepsMeanAndVarianceAndUsesKerasAffineMap()
    {
        Keras.Utils.SetRandomSeed(5);
        var x = randn(200, 250);
        var y = new AlphaDropout(0.2, seed: 4).Apply(x, training: true);
        Assert.InRange(y.mean().item<float>(), -0.03, 0.03);
        Assert.InRange(y.var().item<float>(), 0.95, 1.05);
        // a = ((1 - 0.2) * (1 + 0.2 * alphaP^2))^-0.5, b = -a * alphaP * 0.2, alphaP = -1.6732632 * 1.0507010 = -1.7580993
        double alphaP = -1.6732632423543772 * 1.0507009873554805;
        double a = Math.Pow(0.8 * (1 + 0.2 * alphaP * alphaP), -0.5), b = -a * alphaP * 0.2;
        var dropped = (a * alphaP + b);
        var isKept = (y - (x * a + b)).abs().lt(1e-4);
        var isDropped = (y - dropped).abs().lt(1e-4);
        Assert.True(isKept.logical_or(isDropped).all().item<bool>());
        Assert.InRange(isDropped.to_type(ScalarType.Float32).mean().item<float>(), 0.18, 0.22);
    }

    [Fact]
    public void NoiseShapeSharesTheMask()
    {
        var y = new AlphaDropout(0.5, noiseShape: [null, 1], seed: 2).Apply(ones(50, 8), training: true);
        // every row is constant: one decision per sample
        Assert.True(y.std(1).abs().max().item<float>() < 1e-6);
        Assert.Equal(new long?[] { null, 1 }, (List<long?>)new AlphaDropout(0.5, noiseShape: [null, 1]).GetConfig()["noise_shape"]!);
    }

    [Fact]
    public void RateOutsideRangeIsRejected()
    {
        Assert.Contains("received 1", Assert.Throws<ArgumentOutOfRangeException>(() => new AlphaDropout(1)).Message);
        Assert.Contains("received -0.5", Assert.Throws<ArgumentOutOfRangeException>(() => new AlphaDropout(-0.5)).Message);
    }
}
