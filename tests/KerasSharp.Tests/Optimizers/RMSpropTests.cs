using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Optimizers;

public class RMSpropTests
{
    // Keras rmsprop.py, per element:
    //   v = rho * v + (1 - rho) * g^2
    //   centered: a = rho * a + (1 - rho) * g; denom = v - a^2 + eps   else denom = v + eps
    //   inc = lr * g / sqrt(denom)
    //   momentum > 0: mom = momentum * mom + inc; w -= mom      else w -= inc
    private static double[] KerasRMSprop(double lr, double rho, double momentum, double eps, bool centered)
    {
        var v = new double[2];
        var a = new double[2];
        var mom = new double[2];
        return Reference((i, w, g, t) =>
        {
            v[i] = rho * v[i] + (1 - rho) * g * g;
            double denom;
            if (centered)
            {
                a[i] = rho * a[i] + (1 - rho) * g;
                denom = v[i] - a[i] * a[i] + eps;
            }
            else
            {
                denom = v[i] + eps;
            }
            double inc = lr * g / Math.Sqrt(denom);
            if (momentum > 0)
            {
                mom[i] = momentum * mom[i] + inc;
                return w - mom[i];
            }
            return w - inc;
        });
    }

    [Fact]
    public void KerasDocstringExample()
    {
        // keras rmsprop.py docstring: var = 10, loss = var^2 / 2 (grad = var), lr = 0.1 -> 9.683772
        // v = 0.1 * 100 = 10; w = 10 - 0.1 * 10 / sqrt(10 + 1e-7)
        var opt = new RMSprop(learningRate: 0.1);
        var w = new Parameter(tensor(10.0));
        using (var scope = NewDisposeScope())
        {
            (w * w / 2).backward();
            opt.Apply([w]);
        }
        TensorAssert.Close(10 - 1.0 / Math.Sqrt(10 + 1e-7), w, 1e-12);
        TensorAssert.Close(9.683772, w, 1e-6);
    }

    [Fact]
    public void PlainTwoSteps()
    {
        var w = TwoSteps(new RMSprop(learningRate: 0.1));
        TensorAssert.Close(KerasRMSprop(0.1, 0.9, 0, 1e-7, false), w, 1e-12);
        // step 1 by hand, element 0: v = 0.1 * 0.25 = 0.025; w = 1 - 0.1 * 0.5 / sqrt(0.025 + 1e-7)
        var one = Param(W0);
        Step(new RMSprop(learningRate: 0.1), one, G1);
        TensorAssert.Close([1 - 0.05 / Math.Sqrt(0.025 + 1e-7), -2 + 0.1 / Math.Sqrt(0.1 + 1e-7)], one, 1e-12);
    }

    [Fact]
    public void MomentumAndCenteredTwoSteps()
    {
        var w = TwoSteps(new RMSprop(learningRate: 0.1, rho: 0.8, momentum: 0.5, epsilon: 1e-3, centered: true));
        TensorAssert.Close(KerasRMSprop(0.1, 0.8, 0.5, 1e-3, true), w, 1e-12);
    }

    [Fact]
    public void MomentumNotCenteredTwoSteps()
    {
        var w = TwoSteps(new RMSprop(learningRate: 0.1, momentum: 0.9));
        TensorAssert.Close(KerasRMSprop(0.1, 0.9, 0.9, 1e-7, false), w, 1e-12);
    }

    [Fact]
    public void StateTensorsVelocitiesThenMomentumsThenAverageGradients()
    {
        var opt = new RMSprop(learningRate: 0.1, momentum: 0.5, centered: true);
        var w = Param(W0);
        Step(opt, w, G1);
        var s = opt.StateTensors;
        Assert.Equal(3, s.Count);
        TensorAssert.Close([0.025, 0.1], s[0], 1e-12);   // v = 0.1 * g^2
        TensorAssert.Close([0.05, -0.1], s[2], 1e-12);   // average gradient = 0.1 * g

        var plain = new RMSprop();
        Step(plain, Param(W0), G1);
        Assert.Single(plain.StateTensors); // velocities only
    }

    [Fact]
    public void DefaultsMatchKeras()
    {
        var opt = new RMSprop();
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.9, opt.Rho);
        Assert.Equal(0.0, opt.Momentum);
        Assert.Equal(1e-7, opt.Epsilon);
        Assert.False(opt.Centered);
        Assert.Equal("rmsprop", opt.Name);
        var config = opt.GetConfig();
        Assert.Equal(0.9, config["rho"]);
        Assert.Equal(0.0, config["momentum"]);
        Assert.Equal(1e-7, config["epsilon"]);
        Assert.Equal(false, config["centered"]);
        Assert.Equal(config, OptimizerRegistry.Get("rmsprop").GetConfig());
    }
}
