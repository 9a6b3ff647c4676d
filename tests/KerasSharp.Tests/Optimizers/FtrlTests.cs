using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Golden values from keras/src/optimizers/ftrl_test.py.</summary>
public class FtrlTests
{
    private static Ftrl KerasTestOptimizer() => new(learningRate: 0.05, learningRatePower: -0.2, initialAccumulatorValue: 0.4,
        l1RegularizationStrength: 0.05, l2RegularizationStrength: 0.15, l2ShrinkageRegularizationStrength: 0.01, beta: 0.3);

    [Fact]
    public void SingleStepMatchesKeras() =>
        KerasOptimizerTestCases.SingleStep(new Ftrl(learningRate: 0.5), [0.2218, 1.3954, 2.3651, 2.8814]);

    [Fact]
    public void GoldenMatchesKeras() =>
        KerasOptimizerTestCases.Golden(KerasTestOptimizer(),
        [
            [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            [-0.0034, -0.0077, -0.0118, -0.0157, -0.0194, -0.023, -0.0263, -0.0294, -0.0325, -0.0354],
            [-0.0078, -0.0162, -0.0242, -0.0317, -0.0387, -0.0454, -0.0516, -0.0575, -0.0631, -0.0685],
            [-0.0121, -0.0246, -0.0363, -0.0472, -0.0573, -0.0668, -0.0757, -0.0842, -0.0922, -0.0999],
            [-0.0164, -0.0328, -0.0481, -0.0623, -0.0753, -0.0875, -0.099, -0.1098, -0.1201, -0.1299],
        ]);

    [Fact]
    public void TwoStepsMatchKerasUpdateRule()
    {
        double lr = 0.05, p = 0.2, l1 = 0.05, l2 = 0.15 + 0.3 / (2 * lr), shrink = 0.01;
        var w = TwoSteps(KerasTestOptimizer());
        // ftrl.py update_step, per element
        var n = new[] { 0.4, 0.4 };
        var z = new double[2];
        var expected = Reference((i, wi, g, t) =>
        {
            double gShrunk = g + 2 * shrink * wi;
            double nNew = n[i] + g * g;
            z[i] += gShrunk - (Math.Pow(nNew, p) - Math.Pow(n[i], p)) / lr * wi;
            double quadratic = Math.Pow(nNew, p) / lr + 2 * l2;
            n[i] = nNew;
            return (Math.Clamp(z[i], -l1, l1) - z[i]) / quadratic;
        });
        TensorAssert.Close(expected, w, 1e-12);
    }

    [Theory]
    [InlineData("initialAccumulatorValue")]
    [InlineData("learningRatePower")]
    [InlineData("l1RegularizationStrength")]
    [InlineData("l2RegularizationStrength")]
    [InlineData("l2ShrinkageRegularizationStrength")]
    public void InvalidArgumentsThrowNamingTheArgument(string argument)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => argument switch
        {
            "initialAccumulatorValue" => new Ftrl(initialAccumulatorValue: -0.1),
            "learningRatePower" => new Ftrl(learningRatePower: 0.5),
            "l1RegularizationStrength" => new Ftrl(l1RegularizationStrength: -1),
            "l2RegularizationStrength" => new Ftrl(l2RegularizationStrength: -1),
            _ => new Ftrl(l2ShrinkageRegularizationStrength: -1),
        });
        Assert.Equal(argument, ex.ParamName);
        Assert.Contains("received", ex.Message);
    }

    [Fact]
    public void DefaultsConfigAndStateMatchKeras()
    {
        var opt = new Ftrl();
        Assert.Equal((0.001, -0.5, 0.1, 0.0, 0.0, 0.0, 0.0, "ftrl"),
            (opt.LearningRate, opt.LearningRatePower, opt.InitialAccumulatorValue, opt.L1RegularizationStrength,
             opt.L2RegularizationStrength, opt.L2ShrinkageRegularizationStrength, opt.Beta, opt.Name));
        var config = opt.GetConfig();
        foreach (var key in new[] { "learning_rate_power", "initial_accumulator_value", "l1_regularization_strength",
                     "l2_regularization_strength", "l2_shrinkage_regularization_strength", "beta" })
            Assert.True(config.ContainsKey(key), key);
        Assert.IsType<Ftrl>(OptimizerRegistry.Get("ftrl"));
        KerasOptimizerTestCases.ConfigRoundTrip(KerasTestOptimizer());
        Step(opt, Param(W0), G1);
        // accumulator then linear: n = 0.1 + g^2; z = g - (n^0.5 - 0.1^0.5) / lr * w
        var s = opt.StateTensors;
        Assert.Equal(2, s.Count);
        TensorAssert.Close([0.35, 1.1], s[0], 1e-12);
        TensorAssert.Close([0.5 - (Math.Sqrt(0.35) - Math.Sqrt(0.1)) / 0.001, -1.0 + (Math.Sqrt(1.1) - Math.Sqrt(0.1)) / 0.001 * 2], s[1], 1e-9);
    }
}
