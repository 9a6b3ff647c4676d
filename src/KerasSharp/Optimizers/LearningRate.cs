namespace KerasSharp.Optimizers;

/// <summary>
/// The <c>learning_rate</c> argument of every optimizer: a fixed rate or a <see cref="LearningRateSchedule"/>, as
/// Keras accepts either in the same argument. Numbers and schedules convert implicitly, so <c>new Adam(0.01)</c>,
/// <c>new SGD(learningRate: 0.1f)</c> and <c>new Adam(learningRate: new ExponentialDecay(0.1, 100, 0.9))</c> all fit
/// the one constructor of each optimizer; leaving the argument out (null) gives the optimizer's Keras default.
/// </summary>
public sealed class LearningRate
{
    private LearningRate(double value, LearningRateSchedule? schedule)
    {
        Value = value;
        Schedule = schedule;
    }

    /// <summary>A fixed learning rate.</summary>
    /// <param name="value">The rate; must be &gt;= 0 (checked by the optimizer that receives it).</param>
    public static LearningRate FromValue(double value) => new(value, null);

    /// <summary>A learning rate that follows <paramref name="schedule"/>, evaluated every optimizer step.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public static LearningRate FromSchedule(LearningRateSchedule schedule) =>
        new(double.NaN, schedule ?? throw new ArgumentNullException("learningRate", "The learning-rate schedule is null."));

    /// <summary>The fixed rate; NaN when <see cref="Schedule"/> is set.</summary>
    public double Value { get; }

    /// <summary>The schedule, or null for a fixed rate.</summary>
    public LearningRateSchedule? Schedule { get; }

    /// <summary>A fixed learning rate (any number converts: <c>0.01</c>, <c>0.01f</c>, <c>1</c>).</summary>
    public static implicit operator LearningRate(double value) => FromValue(value);

    /// <summary>A scheduled learning rate.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public static implicit operator LearningRate(LearningRateSchedule schedule) => FromSchedule(schedule);

    /// <inheritdoc />
    public override string ToString() => Schedule is null
        ? Internal.Guard.Fmt(Value)
        : Schedule.GetType().Name;
}
