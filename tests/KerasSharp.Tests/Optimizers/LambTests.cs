using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Golden values from keras/src/optimizers/lamb_test.py.</summary>
public class LambTests
{
    [Fact]
    public void SingleStepMatchesKeras() =>
        KerasOptimizerTestCases.SingleStep(new Lamb(learningRate: 0.5), [-0.3693, 0.6306, 1.6306, 2.6306]);

    [Fact]
    public void GoldenMatchesKeras() =>
        KerasOptimizerTestCases.Golden(new Lamb(), [[0.999], [0.9982], [0.9974], [0.9965], [0.9955]]);

    [Fact]
    public void WeightDecayAndExclusionsMatchKeras() =>
        KerasOptimizerTestCases.WeightDecay(() => new Lamb(learningRate: 1.0, weightDecay: 0.004));

    [Fact]
    public void TwoStepsMatchKerasUpdateRule()
    {
        var w = TwoSteps(new Lamb(learningRate: 0.1));
        // lamb.py: Adam's corrected step u, scaled by the trust ratio ||w|| / ||u|| (both norms over the whole variable).
        double b1 = 0.9, b2 = 0.999, eps = 1e-7, lr = 0.1;
        double[] wv = [.. W0], m = new double[2], v = new double[2];
        for (int t = 1; t <= 2; t++)
        {
            var g = t == 1 ? G1 : G2;
            var u = new double[2];
            for (int i = 0; i < 2; i++)
            {
                m[i] += (g[i] - m[i]) * (1 - b1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
                u[i] = m[i] / (1 - Math.Pow(b1, t)) / (Math.Sqrt(v[i] / (1 - Math.Pow(b2, t))) + eps);
            }
            double ratio = Math.Sqrt(wv.Sum(x => x * x)) / Math.Sqrt(u.Sum(x => x * x));
            for (int i = 0; i < 2; i++) wv[i] -= ratio * lr * u[i];
        }
        TensorAssert.Close(wv, w, 1e-12);
    }

    [Fact]
    public void ZeroVariableUsesRatioOne()
    {
        var opt = new Lamb(learningRate: 0.1);
        var w = Param([0.0, 0.0]);
        Step(opt, w, G1);
        // ||w|| = 0 -> ratio 1: w = -lr * m_hat / (sqrt(v_hat) + eps), with m_hat = g and v_hat = g^2 on the first step
        TensorAssert.Close([-0.1 * 0.5 / (0.5 + 1e-7), 0.1 * 1.0 / (1.0 + 1e-7)], w, 1e-9);
    }

    [Fact]
    public void DefaultsConfigAndStateMatchKeras()
    {
        var opt = new Lamb();
        Assert.Equal((0.001, 0.9, 0.999, 1e-7, "lamb"), (opt.LearningRate, opt.Beta1, opt.Beta2, opt.Epsilon, opt.Name));
        Assert.Equal(0.999, opt.GetConfig()["beta_2"]);
        Assert.IsType<Lamb>(OptimizerRegistry.Get("lamb"));
        KerasOptimizerTestCases.ConfigRoundTrip(new Lamb(learningRate: 0.5, beta1: 0.5, beta2: 0.67, epsilon: 1e-5));
        var a = Param(W0);
        var b = Param([3.0]);
        StepAll(opt, [a, b], [[0.5f, -1f], [2f]]);
        // momentum and velocity of each variable in turn: m = 0.1 g, v = 0.001 g^2
        var s = opt.StateTensors;
        Assert.Equal(4, s.Count);
        TensorAssert.Close([0.05, -0.1], s[0], 1e-9);
        TensorAssert.Close([0.00025, 0.001], s[1], 1e-9);
        TensorAssert.Close([0.2], s[2], 1e-9);
        TensorAssert.Close([0.004], s[3], 1e-9);
    }
}
