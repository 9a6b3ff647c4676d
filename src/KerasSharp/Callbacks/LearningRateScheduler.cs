namespace KerasSharp.Callbacks;

/// <summary>
/// Sets the learning rate at the start of every epoch from a function (Keras'
/// <c>keras.callbacks.LearningRateScheduler</c>): <c>schedule(epoch, currentLr)</c> with the 0-based epoch. The rate
/// is written to <c>logs["learning_rate"]</c> at the end of the epoch. Setting the rate replaces any optimizer schedule.
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> schedule;
    private readonly int verbose;
    private readonly TextWriter? output;

    /// <summary>A schedule of the epoch and the current learning rate.</summary>
    /// <param name="schedule"><c>(epoch, lr) =&gt; newLr</c>.</param>
    /// <param name="verbose">1 prints the rate set at each epoch.</param>
    /// <param name="output">Where verbose messages go (default: the console).</param>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0, TextWriter? output = null)
    {
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        this.verbose = verbose;
        this.output = output;
    }

    /// <summary>A schedule of the epoch only (Keras accepts <c>schedule(epoch)</c> too).</summary>
    /// <param name="schedule"><c>epoch =&gt; lr</c>.</param>
    /// <param name="verbose">1 prints the rate set at each epoch.</param>
    /// <param name="output">Where verbose messages go (default: the console).</param>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0, TextWriter? output = null)
        : this(WithoutRate(schedule), verbose, output) { }

    private static Func<int, double, double> WithoutRate(Func<int, double> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return (epoch, _) => schedule(epoch);
    }

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        var optimizer = Model?.Optimizer ?? throw new InvalidOperationException("LearningRateScheduler needs a compiled model (an optimizer).");
        double lr = schedule(epoch, optimizer.LearningRate);
        if (!double.IsFinite(lr) || lr < 0)
            throw new InvalidOperationException($"The output of the schedule function should be a finite learning rate >= 0, but it returned {PythonFormat.Repr(lr)} for epoch {epoch}.");
        optimizer.LearningRate = lr;
        if (verbose > 0)
            (output ?? Console.Out).WriteLine($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {PythonFormat.Repr(lr)}.");
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (Model?.Optimizer is { } optimizer) logs["learning_rate"] = (float)optimizer.LearningRate;
    }
}
