using KerasSharp.Optimizers;

namespace KerasSharp.Tests.Optimizers;

/// <summary>One <c>learning_rate</c> argument taking a number or a schedule, as Keras' does.</summary>
public class LearningRateTests
{
    [Fact]
    public void NumbersAndSchedulesConvertImplicitly()
    {
        LearningRate fromDouble = 0.01;
        LearningRate fromFloat = 0.5f;
        LearningRate fromInt = 1;
        var schedule = new ExponentialDecay(0.1, 10, 0.5);
        LearningRate fromSchedule = schedule;
        Assert.Equal((0.01, (LearningRateSchedule?)null), (fromDouble.Value, fromDouble.Schedule));
        Assert.Equal(0.5, fromFloat.Value);
        Assert.Equal(1.0, fromInt.Value);
        Assert.Same(schedule, fromSchedule.Schedule);
        Assert.True(double.IsNaN(fromSchedule.Value));
    }

    [Fact]
    public void EveryOptimizerTakesEitherInItsOneConstructor()
    {
        var schedule = new PolynomialDecay(0.1, 100);
        Optimizer[] fixedRate =
        [
            new SGD(0.2), new Adam(0.2), new AdamW(0.2), new RMSprop(0.2), new Adagrad(0.2), new Adadelta(0.2),
            new Adamax(0.2), new Nadam(0.2), new Adafactor(0.2), new Ftrl(0.2), new Lamb(0.2), new Lion(0.2),
        ];
        Optimizer[] scheduled =
        [
            new SGD(schedule), new Adam(schedule), new AdamW(schedule), new RMSprop(schedule), new Adagrad(schedule),
            new Adadelta(schedule), new Adamax(schedule), new Nadam(schedule), new Adafactor(schedule), new Ftrl(schedule),
            new Lamb(schedule), new Lion(schedule),
        ];
        Assert.All(fixedRate, o => Assert.Equal((0.2, (LearningRateSchedule?)null), (o.LearningRate, o.Schedule)));
        Assert.All(scheduled, o => Assert.Same(schedule, o.Schedule));
        foreach (var type in fixedRate.Select(o => o.GetType()))
            Assert.Single(type.GetConstructors());
    }

    [Fact]
    public void OmittedGivesEachOptimizersKerasDefault()
    {
        Assert.Equal(0.01, new SGD().LearningRate);
        Assert.Equal(0.001, new Adam().LearningRate);
        Assert.Equal(0.001, new Lion().LearningRate);
    }

    [Fact]
    public void NullScheduleThrows()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new SGD(learningRate: (LearningRateSchedule)null!));
        Assert.Equal("learningRate", ex.ParamName);
    }
}
