using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;

namespace KerasSharp.Tests.Optimizers;

public class AdagradTests
{
    [Fact]
    public void TwoStepsMatchKerasUpdateRule()
    {
        var w = TwoSteps(new Adagrad(learningRate: 0.1));
        // Keras adagrad.py: acc starts at 0.1; acc += g^2; w -= lr * g / sqrt(acc + eps)
        var acc = new[] { 0.1, 0.1 };
        var expected = Reference((i, wi, g, t) =>
        {
            acc[i] += g * g;
            return wi - 0.1 * g / Math.Sqrt(acc[i] + 1e-7);
        });
        TensorAssert.Close(expected, w, 1e-12);
        // element 0 by hand: acc = 0.35 -> w = 1 - 0.05/sqrt(0.35+1e-7); acc = 0.39 -> w -= 0.02/sqrt(0.39+1e-7)
        Assert.Equal(1 - 0.05 / Math.Sqrt(0.35 + 1e-7) - 0.02 / Math.Sqrt(0.39 + 1e-7), expected[0], 12);
    }

    [Fact]
    public void DefaultsMatchKerasAndAccumulatorsStartAtInitialValue()
    {
        var opt = new Adagrad();
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.1, opt.InitialAccumulatorValue);
        Assert.Equal(1e-7, opt.Epsilon);
        Assert.Equal("adagrad", opt.Name);
        Assert.Equal(0.1, opt.GetConfig()["initial_accumulator_value"]);
        Assert.Equal(opt.GetConfig(), OptimizerRegistry.Get("adagrad").GetConfig());

        var custom = new Adagrad(learningRate: 0.1, initialAccumulatorValue: 0.5);
        Step(custom, Param(W0), G1);
        TensorAssert.Close([0.75, 1.5], Assert.Single(custom.StateTensors), 1e-12); // 0.5 + g^2
    }

    [Fact]
    public void NegativeInitialAccumulatorThrows()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(initialAccumulatorValue: -1));
        Assert.Equal("initialAccumulatorValue", ex.ParamName);
    }
}

public class AdadeltaTests
{
    [Fact]
    public void TwoStepsMatchKerasUpdateRule()
    {
        var w = TwoSteps(new Adadelta(learningRate: 1.0, rho: 0.9, epsilon: 1e-3));
        // Keras adadelta.py, rms(x) = sqrt(x + eps):
        //   acc_g = rho * acc_g + (1 - rho) * g^2
        //   delta = -rms(acc_d) * g / rms(acc_g)
        //   acc_d = rho * acc_d + (1 - rho) * delta^2
        //   w += lr * delta
        double rho = 0.9, eps = 1e-3, lr = 1.0;
        var accG = new double[2];
        var accD = new double[2];
        var expected = Reference((i, wi, g, t) =>
        {
            accG[i] = rho * accG[i] + (1 - rho) * g * g;
            double delta = -Math.Sqrt(accD[i] + eps) * g / Math.Sqrt(accG[i] + eps);
            accD[i] = rho * accD[i] + (1 - rho) * delta * delta;
            return wi + lr * delta;
        });
        TensorAssert.Close(expected, w, 1e-12);
    }

    [Fact]
    public void StateTensorsInterleaveAccumulatedGradAndDelta()
    {
        var opt = new Adadelta(learningRate: 1.0, rho: 0.9, epsilon: 1e-3);
        Step(opt, Param(W0), G1);
        var s = opt.StateTensors;
        Assert.Equal(2, s.Count);
        TensorAssert.Close([0.025, 0.1], s[0], 1e-12); // acc_g = 0.1 * g^2
        // delta = -sqrt(1e-3) * g / sqrt(acc_g + 1e-3); acc_d = 0.1 * delta^2
        double d0 = Math.Sqrt(1e-3) * 0.5 / Math.Sqrt(0.026), d1 = Math.Sqrt(1e-3) * 1.0 / Math.Sqrt(0.101);
        TensorAssert.Close([0.1 * d0 * d0, 0.1 * d1 * d1], s[1], 1e-12);
    }

    [Fact]
    public void DefaultsMatchKeras()
    {
        var opt = new Adadelta();
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.95, opt.Rho);
        Assert.Equal(1e-7, opt.Epsilon);
        Assert.Equal("adadelta", opt.Name);
        Assert.Equal(0.95, opt.GetConfig()["rho"]);
        Assert.Equal(opt.GetConfig(), OptimizerRegistry.Get("adadelta").GetConfig());
    }
}

public class AdamaxTests
{
    [Fact]
    public void TwoStepsMatchKerasUpdateRule()
    {
        var w = TwoSteps(new Adamax(learningRate: 0.1));
        // Keras adamax.py:
        //   m += (g - m) * (1 - b1);  u = max(b2 * u, |g|)
        //   w -= lr * m / ((1 - b1^t) * (u + eps))
        double b1 = 0.9, b2 = 0.999, eps = 1e-7, lr = 0.1;
        var m = new double[2];
        var u = new double[2];
        var expected = Reference((i, wi, g, t) =>
        {
            m[i] += (g - m[i]) * (1 - b1);
            u[i] = Math.Max(b2 * u[i], Math.Abs(g));
            return wi - lr * m[i] / ((1 - Math.Pow(b1, t)) * (u[i] + eps));
        });
        TensorAssert.Close(expected, w, 1e-12);
    }

    [Fact]
    public void StateTensorsInterleaveMomentumAndNorm()
    {
        var opt = new Adamax(learningRate: 0.1);
        var w = Param(W0);
        Step(opt, w, G1);
        Step(opt, w, G2);
        var s = opt.StateTensors;
        Assert.Equal(2, s.Count);
        TensorAssert.Close([0.9 * 0.05 + 0.1 * 0.2, 0.9 * -0.1 + 0.1 * 0.3], s[0], 1e-12);
        TensorAssert.Close([Math.Max(0.999 * 0.5, 0.2), Math.Max(0.999 * 1.0, 0.3)], s[1], 1e-12);
    }

    [Fact]
    public void DefaultsMatchKeras()
    {
        var opt = new Adamax();
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.9, opt.Beta1);
        Assert.Equal(0.999, opt.Beta2);
        Assert.Equal(1e-7, opt.Epsilon);
        Assert.Equal("adamax", opt.Name);
        Assert.Equal(opt.GetConfig(), OptimizerRegistry.Get("adamax").GetConfig());
    }
}

public class NadamTests
{
    // Keras nadam.py, step t = iterations + 1, u_product starts at 1:
    //   u_t = b1 * (1 - 0.5 * 0.96^t);  u_t1 = b1 * (1 - 0.5 * 0.96^(t+1))
    //   u_product_t = u_product * u_t (stored);  u_product_t1 = u_product_t * u_t1
    //   m += (g - m) * (1 - b1);  v += (g^2 - v) * (1 - b2)
    //   m_hat = u_t1 * m / (1 - u_product_t1) + (1 - u_t) * g / (1 - u_product_t)
    //   v_hat = v / (1 - b2^t)
    //   w -= lr * m_hat / (sqrt(v_hat) + eps)
    private static double[] KerasNadam(double lr, double b1, double b2, double eps, out double uProduct)
    {
        var m = new double[2];
        var v = new double[2];
        double up = 1.0;
        int lastT = 0;
        var result = Reference((i, w, g, t) =>
        {
            double uT = b1 * (1 - 0.5 * Math.Pow(0.96, t));
            double uT1 = b1 * (1 - 0.5 * Math.Pow(0.96, t + 1));
            if (t != lastT) { up *= uT; lastT = t; } // once per step, before the variable updates
            double upT1 = up * uT1;
            m[i] += (g - m[i]) * (1 - b1);
            v[i] += (g * g - v[i]) * (1 - b2);
            double mHat = uT1 * m[i] / (1 - upT1) + (1 - uT) * g / (1 - up);
            double vHat = v[i] / (1 - Math.Pow(b2, t));
            return w - lr * mHat / (Math.Sqrt(vHat) + eps);
        });
        uProduct = up;
        return result;
    }

    [Fact]
    public void TwoStepsMatchKerasUpdateRule()
    {
        var opt = new Nadam(learningRate: 0.1);
        var w = TwoSteps(opt);
        TensorAssert.Close(KerasNadam(0.1, 0.9, 0.999, 1e-7, out double uProduct), w, 1e-12);
        // u_product = u_1 * u_2 = 0.9 * (1 - 0.5 * 0.96) * 0.9 * (1 - 0.5 * 0.9216)
        Assert.Equal(0.9 * 0.52 * 0.9 * 0.5392, uProduct, 14);
        var s = opt.StateTensors;
        Assert.Equal(3, s.Count); // m, v, u_product
        TensorAssert.Close(uProduct, s[2], 1e-12);
    }

    [Fact]
    public void DefaultsMatchKeras()
    {
        var opt = new Nadam();
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.9, opt.Beta1);
        Assert.Equal(0.999, opt.Beta2);
        Assert.Equal(1e-7, opt.Epsilon);
        Assert.Equal("nadam", opt.Name);
        Assert.Equal(opt.GetConfig(), OptimizerRegistry.Get("nadam").GetConfig());
    }
}
