using KerasSharp.Optimizers;

using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;

namespace KerasSharp.Tests.Optimizers;

public class SGDTests
{
    [Fact]
    public void PlainTwoSteps()
    {
        var w = TwoSteps(new SGD(learningRate: 0.1));
        // w -= lr * g each step: [1 - 0.1*0.5 - 0.1*0.2, -2 + 0.1*1 - 0.1*0.3] = [0.93, -1.93]
        TensorAssert.Close([0.93, -1.93], w, 1e-12);
    }

    [Fact]
    public void MomentumTwoSteps()
    {
        var w = TwoSteps(new SGD(learningRate: 0.1, momentum: 0.9));
        // Keras: m = momentum * m - lr * g; w += m
        // step 1: m = [-0.05, 0.1]                      -> w = [0.95, -1.9]
        // step 2: m = 0.9*m - 0.1*[0.2, 0.3] = [-0.065, 0.06] -> w = [0.885, -1.84]
        TensorAssert.Close([0.885, -1.84], w, 1e-12);
    }

    [Fact]
    public void NesterovTwoSteps()
    {
        var w = TwoSteps(new SGD(learningRate: 0.1, momentum: 0.9, nesterov: true));
        // Keras: m = momentum * m - lr * g; w += momentum * m - lr * g
        // step 1: m = [-0.05, 0.1];   w += 0.9*m - 0.1*g = [-0.095, 0.19]   -> w = [0.905, -1.81]
        // step 2: m = [-0.065, 0.06]; w += 0.9*m - 0.1*g = [-0.0785, 0.024] -> w = [0.8265, -1.786]
        TensorAssert.Close([0.8265, -1.786], w, 1e-12);
    }

    [Fact]
    public void MomentumStateTensorHoldsVelocity()
    {
        var opt = new SGD(learningRate: 0.1, momentum: 0.9);
        var w = Param(W0);
        Step(opt, w, G1);
        var m = Assert.Single(opt.StateTensors);
        TensorAssert.Close([-0.05, 0.1], m, 1e-12);
        Assert.Empty(new SGD().StateTensors);
    }

    [Fact]
    public void DefaultsMatchKeras()
    {
        var opt = new SGD();
        Assert.Equal(0.01, opt.LearningRate);
        Assert.Equal(0.0, opt.Momentum);
        Assert.False(opt.Nesterov);
        Assert.Equal("SGD", opt.Name);
        var config = opt.GetConfig();
        Assert.Equal(0.0, config["momentum"]);
        Assert.Equal(false, config["nesterov"]);
        Assert.Equal(0.01, config["learning_rate"]);
        Assert.Equal(opt.GetConfig(), OptimizerRegistry.Get("sgd").GetConfig());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void MomentumOutsideZeroOneThrows(double momentum)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SGD(momentum: momentum));
        Assert.Equal("momentum", ex.ParamName);
        Assert.Contains("[0, 1]", ex.Message);
    }

    [Fact]
    public void ScheduleIsAcceptedUnderTheLearningRateNameAndEvaluatedPerStep()
    {
        var decayed = new SGD(learningRate: new ExponentialDecay(0.1, decaySteps: 1000, decayRate: 0.96));
        Assert.Equal(0.1, decayed.LearningRate, 15);

        // lr = 0.1 at step 0 (step <= 0), 0.01 afterwards.
        var opt = new SGD(learningRate: new PiecewiseConstantDecay([0], [0.1, 0.01]));
        var w = Param(W0);
        Assert.Equal(0.1, opt.LearningRate);
        Step(opt, w, G1);
        Assert.Equal(0.01, opt.LearningRate);
        Step(opt, w, G2);
        // [1 - 0.1*0.5 - 0.01*0.2, -2 + 0.1*1 - 0.01*0.3] = [0.948, -1.903]
        TensorAssert.Close([0.948, -1.903], w, 1e-12);
        var lrConfig = Assert.IsType<Dictionary<string, object?>>(opt.GetConfig()["learning_rate"]);
        Assert.Equal("PiecewiseConstantDecay", lrConfig["class_name"]);
    }
}
