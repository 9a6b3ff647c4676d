using KerasSharp.Optimizers;


namespace KerasSharp.Tests.Optimizers.Schedules;

public class ExponentialDecayTests
{
    [Theory]
    // 0.1 * 0.5^(step / 10)
    [InlineData(0, 0.1)]
    [InlineData(5, 0.07071067811865475)]   // 0.1 * 0.5^0.5
    [InlineData(10, 0.05)]
    [InlineData(25, 0.017677669529663688)] // 0.1 * 0.5^2.5
    public void Continuous(long step, double expected) =>
        Assert.Equal(expected, new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5).Call(step), 15);

    [Theory]
    // 0.1 * 0.5^floor(step / 10)
    [InlineData(0, 0.1)]
    [InlineData(9, 0.1)]
    [InlineData(10, 0.05)]
    [InlineData(25, 0.025)]
    public void Staircase(long step, double expected) =>
        Assert.Equal(expected, new ExponentialDecay(0.1, 10, 0.5, staircase: true).Call(step), 15);

    [Fact]
    public void NonPositiveDecayStepsThrows()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, 0, 0.5));
        Assert.Equal("decaySteps", ex.ParamName);
        Assert.Contains("> 0", ex.Message);
    }

    [Fact]
    public void ConfigHasKerasKeys()
    {
        var c = new ExponentialDecay(0.1, decaySteps: 1000, decayRate: 0.96).GetConfig();
        Assert.Equal(0.1, c["initial_learning_rate"]);
        Assert.Equal(1000L, c["decay_steps"]);
        Assert.Equal(0.96, c["decay_rate"]);
        Assert.Equal(false, c["staircase"]);
        Assert.Equal("ExponentialDecay", c["name"]);
    }
}

public class PiecewiseConstantDecayTests
{
    [Theory]
    // values[0] while step <= 100, values[1] while 100 < step <= 200, values[2] after
    [InlineData(0, 1.0)]
    [InlineData(100, 1.0)]
    [InlineData(101, 0.5)]
    [InlineData(200, 0.5)]
    [InlineData(201, 0.1)]
    [InlineData(100000, 0.1)]
    public void StepsFallInTheirInterval(long step, double expected) =>
        Assert.Equal(expected, new PiecewiseConstantDecay([100, 200], [1.0, 0.5, 0.1]).Call(step));

    [Fact]
    public void LengthMismatchThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([100, 200], [1.0, 0.5]));
        Assert.Equal("boundaries", ex.ParamName);
        Assert.Contains("1 less than the length of values", ex.Message);
    }

    [Fact]
    public void NonIncreasingBoundariesThrow()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([200, 100], [1.0, 0.5, 0.1]));
        Assert.Contains("strictly increasing", ex.Message);
    }

    [Fact]
    public void ConfigHasKerasKeys()
    {
        var c = new PiecewiseConstantDecay([100], [1.0, 0.5]).GetConfig();
        Assert.Equal(new List<long> { 100 }, c["boundaries"]);
        Assert.Equal(new List<double> { 1.0, 0.5 }, c["values"]);
        Assert.Equal("PiecewiseConstant", c["name"]);
    }
}

public class PolynomialDecayTests
{
    [Theory]
    // (0.1 - 0.01) * (1 - min(step, 10) / 10)^1 + 0.01
    [InlineData(0, 0.1)]
    [InlineData(5, 0.055)]
    [InlineData(10, 0.01)]
    [InlineData(15, 0.01)]
    public void Linear(long step, double expected) =>
        Assert.Equal(expected, new PolynomialDecay(0.1, 10, endLearningRate: 0.01).Call(step), 15);

    [Fact]
    public void PowerAndDefaultEnd()
    {
        // 0.09 * (1 - 0.5)^0.5 + 0.01
        Assert.Equal(0.09 * Math.Sqrt(0.5) + 0.01, new PolynomialDecay(0.1, 10, 0.01, power: 0.5).Call(5), 15);
        // default end_learning_rate = 1e-4
        Assert.Equal(1e-4, new PolynomialDecay(0.1, 10).Call(50), 15);
        Assert.Equal(1e-4, new PolynomialDecay(0.1, 10).GetConfig()["end_learning_rate"]);
    }

    [Theory]
    // cycle: decay_steps *= ceil(step / 10) (1 at step 0)
    [InlineData(0, 0.1)]
    [InlineData(5, 0.055)]
    [InlineData(10, 0.01)]     // ceil(1) = 1 -> p = 1
    [InlineData(15, 0.0325)]   // ceil(1.5) = 2 -> decay_steps 20, p = 0.75 -> 0.09 * 0.25 + 0.01
    [InlineData(20, 0.01)]
    public void Cycle(long step, double expected) =>
        Assert.Equal(expected, new PolynomialDecay(0.1, 10, 0.01, cycle: true).Call(step), 15);

    [Fact]
    public void NonPositiveDecayStepsThrows() =>
        Assert.Equal("decaySteps", Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialDecay(0.1, -5)).ParamName);
}

public class InverseTimeDecayTests
{
    [Theory]
    // 0.1 / (1 + 0.5 * step / 1)
    [InlineData(0, 0.1)]
    [InlineData(1, 0.1 / 1.5)]
    [InlineData(2, 0.05)]
    public void Continuous(long step, double expected) =>
        Assert.Equal(expected, new InverseTimeDecay(0.1, decaySteps: 1.0, decayRate: 0.5).Call(step), 15);

    [Theory]
    // 0.1 / (1 + 0.5 * floor(step / 4))
    [InlineData(3, 0.1)]
    [InlineData(4, 0.1 / 1.5)]
    [InlineData(7, 0.1 / 1.5)]
    [InlineData(8, 0.05)]
    public void Staircase(long step, double expected) =>
        Assert.Equal(expected, new InverseTimeDecay(0.1, 4, 0.5, staircase: true).Call(step), 15);

    [Fact]
    public void NotStaircaseUsesFractionalSteps()
    {
        Assert.Equal(0.1 / 1.375, new InverseTimeDecay(0.1, 4, 0.5).Call(3), 15); // 1 + 0.5 * 0.75
        Assert.Equal("InverseTimeDecay", new InverseTimeDecay(0.1, 4, 0.5).GetConfig()["name"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseTimeDecay(0.1, 0, 0.5));
    }
}

public class CosineDecayTests
{
    [Theory]
    // 0.1 * 0.5 * (1 + cos(pi * min(step, 10) / 10))
    [InlineData(0, 0.1)]
    [InlineData(2, 0.09045084971874737)]  // 0.05 * (1 + cos(0.2 pi)) = 0.05 * 1.8090169943749475
    [InlineData(5, 0.05)]
    [InlineData(10, 0.0)]
    [InlineData(20, 0.0)]
    public void NoWarmup(long step, double expected) =>
        Assert.Equal(expected, new CosineDecay(0.1, decaySteps: 10).Call(step), 15);

    [Theory]
    // 0.1 * ((1 - 0.1) * 0.5 * (1 + cos(pi * step / 10)) + 0.1)
    [InlineData(5, 0.055)]
    [InlineData(10, 0.01)]
    public void Alpha(long step, double expected) =>
        Assert.Equal(expected, new CosineDecay(0.1, 10, alpha: 0.1).Call(step), 15);

    [Theory]
    // warmup 0 -> 0.1 over 5 steps: 0.1 * step / 5; then cosine from 0.1 over 10 steps; clamped at 15
    [InlineData(0, 0.0)]
    [InlineData(2, 0.04)]
    [InlineData(5, 0.1)]
    [InlineData(10, 0.05)]
    [InlineData(15, 0.0)]
    [InlineData(100, 0.0)]
    public void Warmup(long step, double expected) =>
        Assert.Equal(expected, new CosineDecay(0.0, 10, warmupTarget: 0.1, warmupSteps: 5).Call(step), 15);

    [Fact]
    public void WarmupFromNonZeroWithAlpha()
    {
        var s = new CosineDecay(0.02, 10, alpha: 0.2, warmupTarget: 0.1, warmupSteps: 4);
        Assert.Equal(0.02 + (0.1 - 0.02) * 0.75, s.Call(3), 15); // (target - initial) * 3/4 + initial
        Assert.Equal(0.1 * 0.2, s.Call(14), 15);                  // end of decay: warmup_target * alpha
        var c = s.GetConfig();
        Assert.Equal(0.1, c["warmup_target"]);
        Assert.Equal(4L, c["warmup_steps"]);
        Assert.Equal(0.2, c["alpha"]);
        Assert.Equal("CosineDecay", c["name"]);
        Assert.Null(new CosineDecay(0.1, 10).GetConfig()["warmup_target"]);
    }

    [Fact]
    public void NonPositiveDecayStepsThrows() =>
        Assert.Equal("decaySteps", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 0)).ParamName);
}

public class CosineDecayRestartsTests
{
    [Theory]
    // t_mul = 2: periods of 10, 20, 40 steps starting at 0, 10, 30.
    [InlineData(0, 1.0)]
    [InlineData(5, 0.5)]                    // half of the first period: 0.5 * (1 + cos(pi/2))
    [InlineData(10, 1.0)]                   // restart 1
    [InlineData(20, 0.5)]                   // half of the 20-step period
    [InlineData(25, 0.14644660940672624)]   // 0.75 of it: 0.5 * (1 + cos(0.75 pi))
    [InlineData(30, 1.0)]                   // restart 2
    public void Geometric(long step, double expected) =>
        Assert.Equal(expected, new CosineDecayRestarts(1.0, firstDecaySteps: 10).Call(step), 12);

    [Theory]
    // t_mul = 1: every period is 10 steps; the i-th starts at m_mul^i = 0.5^i; alpha = 0.1:
    // lr = (1 - 0.1) * 0.5 * 0.5^i * (1 + cos(pi * fraction)) + 0.1
    [InlineData(0, 1.0)]
    [InlineData(15, 0.325)]                 // i = 1, fraction 0.5: 0.9 * 0.25 + 0.1
    [InlineData(22, 0.3035144118671816)]    // i = 2, fraction 0.2: 0.9 * 0.125 * 1.8090169943749475 + 0.1
    public void ConstantPeriodsWithMMulAndAlpha(long step, double expected) =>
        Assert.Equal(expected, new CosineDecayRestarts(1.0, 10, tMul: 1.0, mMul: 0.5, alpha: 0.1).Call(step), 12);

    [Fact]
    public void ConfigHasKerasKeysAndValidation()
    {
        var c = new CosineDecayRestarts(0.1, 100).GetConfig();
        Assert.Equal(0.1, c["initial_learning_rate"]);
        Assert.Equal(100L, c["first_decay_steps"]);
        Assert.Equal(2.0, c["t_mul"]);
        Assert.Equal(1.0, c["m_mul"]);
        Assert.Equal(0.0, c["alpha"]);
        Assert.Equal("SGDRDecay", c["name"]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecayRestarts(0.1, 0));
        Assert.Equal("firstDecaySteps", ex.ParamName);
    }
}
