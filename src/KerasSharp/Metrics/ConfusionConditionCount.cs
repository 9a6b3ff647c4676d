using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>_ConfusionMatrixConditionCount</c>, the base of <see cref="TruePositives"/>, <see cref="FalsePositives"/>,
/// <see cref="TrueNegatives"/> and <see cref="FalseNegatives"/>: the weighted count of one confusion-matrix condition,
/// accumulated over batches, at each threshold (a prediction is positive above it, a label when non-zero). With one
/// threshold (Keras' default 0.5) the result is one number; with a list of several, one number per threshold
/// (<see cref="Metric.ResultValues"/>; <see cref="Result"/> is then their mean, as Keras' progress bar prints it).
/// </summary>
public abstract class ConfusionConditionCount : Metric
{
    private readonly MetricVariable accumulator = new();
    private readonly double[] thresholds;
    private readonly bool evenly;

    /// <summary>Checks and stores Keras' arguments.</summary>
    /// <param name="thresholds">The thresholds given (null: Keras' default 0.5); each in [0, 1].</param>
    /// <param name="initThresholds">The value to write back in the config (a number or a list, as given).</param>
    /// <param name="name">The log key.</param>
    private protected ConfusionConditionCount(IReadOnlyList<double>? thresholds, object? initThresholds, string name) : base(name)
    {
        this.thresholds = ConfusionCounts.Parse(thresholds, 0.5, nameof(thresholds));
        evenly = ConfusionCounts.IsEvenlyDistributed(this.thresholds);
        InitThresholds = initThresholds;
    }

    /// <summary>The thresholds in use (Keras' <c>thresholds</c>: the given ones, or <c>[0.5]</c>).</summary>
    public IReadOnlyList<double> Thresholds => thresholds;

    /// <summary>The <c>thresholds</c> argument as given (null, a number or a list); written to the config.</summary>
    private protected object? InitThresholds { get; }

    /// <inheritdoc />
    public override bool ResultIsVector => thresholds.Length > 1;

    /// <summary>This metric's condition among the four counts.</summary>
    private protected abstract Tensor Select(ConfusionCounts.Counts counts);

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var counts = ConfusionCounts.Compute(yTrue, yPred, sampleWeight, thresholds, evenly);
        var c = Select(counts);
        accumulator.Add(c.device, c, thresholds.Length);
    }

    /// <inheritdoc />
    public override double[] ResultValues() => accumulator.Exists ? accumulator.Read() : new double[thresholds.Length];

    /// <inheritdoc />
    public override double Result() => ResultValues().Average();

    /// <inheritdoc />
    public override void ResetState() => accumulator.Reset();

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["thresholds"] = InitThresholds;
        return c;
    }
}
