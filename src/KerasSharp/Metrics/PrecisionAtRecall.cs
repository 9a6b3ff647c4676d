namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.PrecisionAtRecall</c>: the best precision (<c>TP / (TP + FP)</c>) where the recall (<c>TP / (TP + FN)</c>) is at least the given value. Counts are accumulated over batches at
/// <see cref="SensitivitySpecificityBase.NumThresholds"/> evenly spaced thresholds; the result is the best precision among
/// the thresholds whose recall is at least <see cref="Recall"/> (0 when none is).
/// </summary>
public sealed class PrecisionAtRecall : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    /// <param name="recall">The target recall, in [0, 1].</param>
    /// <param name="numThresholds">Number of thresholds used to match the target (Keras default 200; must be &gt; 0).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key (Keras default <c>precision_at_recall</c>).</param>
    public PrecisionAtRecall(double recall, int numThresholds = 200, int? classId = null, string name = "precision_at_recall")
        : base(recall, nameof(recall), numThresholds, classId, name) { }

    /// <summary>The target recall.</summary>
    public double Recall => Value;

    private protected override (double Constrained, double Dependent) Rates(double tp, double fp, double tn, double fn) =>
        (ConfusionCounts.DivNoNan(tp, tp + fn), ConfusionCounts.DivNoNan(tp, tp + fp));

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["recall"] = Value;
        return c;
    }
}
