namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.SpecificityAtSensitivity</c>: the best specificity (<c>TN / (TN + FP)</c>) where the sensitivity (<c>TP / (TP + FN)</c>) is at least the given value. Counts are accumulated over batches at
/// <see cref="SensitivitySpecificityBase.NumThresholds"/> evenly spaced thresholds; the result is the best specificity among
/// the thresholds whose sensitivity is at least <see cref="Sensitivity"/> (0 when none is).
/// </summary>
public sealed class SpecificityAtSensitivity : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    /// <param name="sensitivity">The target sensitivity, in [0, 1].</param>
    /// <param name="numThresholds">Number of thresholds used to match the target (Keras default 200; must be &gt; 0).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key (Keras default <c>specificity_at_sensitivity</c>).</param>
    public SpecificityAtSensitivity(double sensitivity, int numThresholds = 200, int? classId = null, string name = "specificity_at_sensitivity")
        : base(sensitivity, nameof(sensitivity), numThresholds, classId, name) { }

    /// <summary>The target sensitivity.</summary>
    public double Sensitivity => Value;

    private protected override (double Constrained, double Dependent) Rates(double tp, double fp, double tn, double fn) =>
        (ConfusionCounts.DivNoNan(tp, tp + fn), ConfusionCounts.DivNoNan(tn, tn + fp));

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["sensitivity"] = Value;
        return c;
    }
}
