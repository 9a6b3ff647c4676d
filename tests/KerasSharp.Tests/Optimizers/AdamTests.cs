using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Optimizers;

public class AdamTests
{
    // Keras adam.py, per element, step t = iterations + 1:
    //   alpha = lr * sqrt(1 - b2^t) / (1 - b1^t)
    //   m += (g - m) * (1 - b1);  v += (g^2 - v) * (1 - b2)
    //   (amsgrad: v_hat = max(v_hat, v); v = v_hat)
    //   w -= alpha * m / (sqrt(v) + eps)
    internal static double[] KerasAdam(double lr, double b1, double b2, double eps, bool amsgrad = false,
        double weightDecay = 0)
    {
        var m = new double[2];
        var v = new double[2];
        var vHat = new double[2];
        return Reference((i, w, g, t) =>
        {
            w -= w * weightDecay * lr; // Keras _apply_weight_decay, before the update (AdamW)
            double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            m[i] += (g - m[i]) * (1 - b1);
            v[i] += (g * g - v[i]) * (1 - b2);
            double vUsed = v[i];
            if (amsgrad)
            {
                vHat[i] = Math.Max(vHat[i], v[i]);
                vUsed = vHat[i];
            }
            return w - alpha * m[i] / (Math.Sqrt(vUsed) + eps);
        });
    }

    [Fact]
    public void OneStepMatchesHandComputation()
    {
        var opt = new Adam(learningRate: 0.1);
        var w = Param(W0);
        Step(opt, w, G1);
        // t = 1: alpha = 0.1 * sqrt(1 - 0.999) / (1 - 0.9) = sqrt(0.001)
        // m = 0.1 * g = [0.05, -0.1];  v = 0.001 * g^2 = [0.00025, 0.001]
        // w = [1 - sqrt(0.001) * 0.05 / (sqrt(0.00025) + 1e-7), -2 + sqrt(0.001) * 0.1 / (sqrt(0.001) + 1e-7)]
        double alpha = Math.Sqrt(0.001);
        TensorAssert.Close([1 - alpha * 0.05 / (Math.Sqrt(0.00025) + 1e-7), -2 + alpha * 0.1 / (Math.Sqrt(0.001) + 1e-7)], w, 1e-12);
        Assert.Equal(1, opt.Iterations);
    }

    [Fact]
    public void TwoStepsMatchKerasUpdateRule()
    {
        var w = TwoSteps(new Adam(learningRate: 0.1));
        TensorAssert.Close(KerasAdam(0.1, 0.9, 0.999, 1e-7), w, 1e-12);
    }

    [Fact]
    public void AmsgradUsesRunningMaximumOfVelocity()
    {
        // beta_2 = 0.5, G1 = [0.5, -1] then G2 = [0.2, 0.3]: v = [0.125, 0.5] then [0.0825, 0.295] shrinks,
        // so step 2 divides by sqrt(v_hat) = sqrt(step-1 v), not sqrt(v).
        var w = TwoSteps(new Adam(learningRate: 0.1, beta2: 0.5, amsgrad: true));
        var expected = KerasAdam(0.1, 0.9, 0.5, 1e-7, amsgrad: true);
        TensorAssert.Close(expected, w, 1e-12);
        var withoutAmsgrad = KerasAdam(0.1, 0.9, 0.5, 1e-7);
        Assert.True(Math.Abs(withoutAmsgrad[0] - expected[0]) > 1e-3);
    }

    [Fact]
    public void CustomBetasAndEpsilonAreUsed()
    {
        var w = TwoSteps(new Adam(learningRate: 0.05, beta1: 0.5, beta2: 0.9, epsilon: 0.1));
        TensorAssert.Close(KerasAdam(0.05, 0.5, 0.9, 0.1), w, 1e-12);
    }

    [Fact]
    public void Float32ParametersAreUpdatedInTheirDtype()
    {
        var opt = new Adam(learningRate: 0.1);
        var w = Param(W0, ScalarType.Float32);
        Step(opt, w, G1);
        Step(opt, w, G2);
        Assert.Equal(ScalarType.Float32, w.dtype);
        Assert.All(opt.StateTensors, s => Assert.Equal(ScalarType.Float32, s.dtype));
        TensorAssert.Close(KerasAdam(0.1, 0.9, 0.999, 1e-7), w, 1e-5);
    }

    [Fact]
    public void DefaultsMatchKerasAndRegistry()
    {
        var opt = new Adam();
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.9, opt.Beta1);
        Assert.Equal(0.999, opt.Beta2);
        Assert.Equal(1e-7, opt.Epsilon);
        Assert.False(opt.Amsgrad);
        Assert.Null(opt.WeightDecay);
        Assert.Null(opt.Clipnorm);
        Assert.Null(opt.Clipvalue);
        Assert.Null(opt.GlobalClipnorm);
        Assert.Equal("adam", opt.Name);
        Assert.Null(opt.Schedule);

        var fromRegistry = Assert.IsType<Adam>(OptimizerRegistry.Get("adam"));
        Assert.Equal(opt.GetConfig(), fromRegistry.GetConfig());
    }

    [Fact]
    public void GetConfigHasKerasKeys()
    {
        var config = new Adam(learningRate: 1e-4, beta1: 0.8, amsgrad: true).GetConfig();
        Assert.Equal("adam", config["name"]);
        Assert.Equal(1e-4, config["learning_rate"]);
        Assert.Equal(0.8, config["beta_1"]);
        Assert.Equal(0.999, config["beta_2"]);
        Assert.Equal(1e-7, config["epsilon"]);
        Assert.Equal(true, config["amsgrad"]);
        Assert.Null(config["weight_decay"]);
        Assert.Contains("clipnorm", config.Keys);
        Assert.Contains("global_clipnorm", config.Keys);
        Assert.Contains("clipvalue", config.Keys);
    }

    [Fact]
    public void StateTensorsAreInKerasOrderMomentumThenVelocityPerVariableThenVelocityHats()
    {
        var opt = new Adam(learningRate: 0.1, amsgrad: true);
        var a = Param([1.0, 2.0]);
        var b = Param([3.0]);
        using (var scope = NewDisposeScope())
        {
            (a * tensor(new[] { 0.5, -1.0 }, dtype: ScalarType.Float64)).sum().add((b * 2.0).sum()).backward();
            opt.Apply([a, b]);
        }
        var s = opt.StateTensors;
        Assert.Equal(6, s.Count);
        TensorAssert.Close([0.05, -0.1], s[0], 1e-12);        // m(a) = 0.1 * g
        TensorAssert.Close([0.00025, 0.001], s[1], 1e-12);    // v(a) = 0.001 * g^2
        TensorAssert.Close([0.2], s[2], 1e-12);               // m(b)
        TensorAssert.Close([0.004], s[3], 1e-12);             // v(b)
        TensorAssert.Close([0.00025, 0.001], s[4], 1e-12);    // v_hat(a)
        TensorAssert.Close([0.004], s[5], 1e-12);             // v_hat(b)
    }

    [Fact]
    public void StateTensorsSurviveTheCallersDisposeScope()
    {
        var opt = new Adam(learningRate: 0.1);
        var w = Param(W0);
        using (var outer = NewDisposeScope())
            Step(opt, w, G1);
        Assert.All(opt.StateTensors, s => Assert.False(s.IsInvalid));
        Step(opt, w, G2);
        TensorAssert.Close(KerasAdam(0.1, 0.9, 0.999, 1e-7), w, 1e-12);
    }
}

public class AdamWTests
{
    [Fact]
    public void TwoStepsDecayWeightsBeforeTheAdamUpdate()
    {
        var w = TwoSteps(new AdamW(learningRate: 0.1, weightDecay: 0.5));
        // Per step: w -= w * 0.5 * 0.1, then Adam's update.
        TensorAssert.Close(AdamTests.KerasAdam(0.1, 0.9, 0.999, 1e-7, weightDecay: 0.5), w, 1e-12);
    }

    [Fact]
    public void DefaultsMatchKeras()
    {
        var opt = new AdamW();
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.004, opt.WeightDecay);
        Assert.Equal(0.9, opt.Beta1);
        Assert.Equal(0.999, opt.Beta2);
        Assert.Equal(1e-7, opt.Epsilon);
        Assert.False(opt.Amsgrad);
        Assert.Equal("adamw", opt.Name);
        Assert.Equal(0.004, opt.GetConfig()["weight_decay"]);
        var w = TwoSteps(new AdamW(learningRate: 0.1));
        TensorAssert.Close(AdamTests.KerasAdam(0.1, 0.9, 0.999, 1e-7, weightDecay: 0.004), w, 1e-12);
    }
}
