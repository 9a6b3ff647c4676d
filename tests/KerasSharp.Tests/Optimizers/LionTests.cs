using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Golden values from keras/src/optimizers/lion_test.py.</summary>
public class LionTests
{
    [Fact]
    public void SingleStepMatchesKeras() =>
        KerasOptimizerTestCases.SingleStep(new Lion(learningRate: 0.5), [0.5, 1.5, 2.5, 3.5]);

    [Fact]
    public void GoldenMatchesKeras() =>
        KerasOptimizerTestCases.Golden(new Lion(), [[0.999], [0.998], [0.997], [0.996], [0.995]]);

    [Fact]
    public void WeightDecayAndExclusionsMatchKeras() =>
        KerasOptimizerTestCases.WeightDecay(() => new Lion(learningRate: 1.0, weightDecay: 0.004));

    [Fact]
    public void TwoStepsMatchKerasUpdateRule()
    {
        var w = TwoSteps(new Lion(learningRate: 0.1, beta1: 0.8, beta2: 0.95));
        // lion.py: w -= lr * sign(beta_1 * m + (1 - beta_1) * g); m = beta_2 * m + (1 - beta_2) * g
        var m = new double[2];
        var expected = Reference((i, wi, g, t) =>
        {
            double w2 = wi - 0.1 * Math.Sign(0.8 * m[i] + 0.2 * g);
            m[i] = 0.95 * m[i] + 0.05 * g;
            return w2;
        });
        TensorAssert.Close(expected, w, 1e-12);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(0.0)]
    [InlineData(1.1)]
    public void Beta1OutsideZeroOneThrows(double beta1)
    {
        // lion_test.py test_invalid_beta_1: "Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD."
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Lion(beta1: beta1));
        Assert.Equal("beta1", ex.ParamName);
        Assert.Contains("degenerates to SignSGD", ex.Message);
        Assert.Contains($"Received: beta1={beta1.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ex.Message);
    }

    [Fact]
    public void DefaultsConfigAndStateMatchKeras()
    {
        var opt = new Lion();
        Assert.Equal((0.001, 0.9, 0.99, "lion"), (opt.LearningRate, opt.Beta1, opt.Beta2, opt.Name));
        var config = opt.GetConfig();
        Assert.Equal(0.9, config["beta_1"]);
        Assert.Equal(0.99, config["beta_2"]);
        Assert.IsType<Lion>(OptimizerRegistry.Get("lion"));
        KerasOptimizerTestCases.ConfigRoundTrip(new Lion(learningRate: 0.5, beta1: 0.5, beta2: 0.67));
        Step(opt, Param(W0), G1);
        TensorAssert.Close([0.005, -0.01], Assert.Single(opt.StateTensors), 1e-12); // momentum = (1 - 0.99) * g
    }
}
