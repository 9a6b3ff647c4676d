namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.RecallAtPrecision</c>: the best recall (<c>TP / (TP + FN)</c>) where the precision (<c>TP / (TP + FP)</c>) is at least the given value; 0 when that precision cannot be reached. Counts are accumulated over batches at
/// <see cref="SensitivitySpecificityBase.NumThresholds"/> evenly spaced thresholds; the result is the best recall among
/// the thresholds whose precision is at least <see cref="Precision"/> (0 when none is).
/// </summary>
public sealed class RecallAtPrecision : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    /// <param name="precision">The target precision, in [0, 1].</param>
    /// <param name="numThresholds">Number of thresholds used to match the target (Keras default 200; must be &gt; 0).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key (Keras default <c>recall_at_precision</c>).</param>
    public RecallAtPrecision(double precision, int numThresholds = 200, int? classId = null, string name = "recall_at_precision")
        : base(precision, nameof(precision), numThresholds, classId, name) { }

    /// <summary>The target precision.</summary>
    public double Precision => Value;

    private protected override (double Constrained, double Dependent) Rates(double tp, double fp, double tn, double fn) =>
        (ConfusionCounts.DivNoNan(tp, tp + fp), ConfusionCounts.DivNoNan(tp, tp + fn));

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["precision"] = Value;
        return c;
    }
}
