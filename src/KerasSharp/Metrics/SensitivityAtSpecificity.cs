namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.SensitivityAtSpecificity</c>: the best sensitivity (<c>TP / (TP + FN)</c>) where the specificity (<c>TN / (TN + FP)</c>) is at least the given value. Counts are accumulated over batches at
/// <see cref="SensitivitySpecificityBase.NumThresholds"/> evenly spaced thresholds; the result is the best sensitivity among
/// the thresholds whose specificity is at least <see cref="Specificity"/> (0 when none is).
/// </summary>
public sealed class SensitivityAtSpecificity : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    /// <param name="specificity">The target specificity, in [0, 1].</param>
    /// <param name="numThresholds">Number of thresholds used to match the target (Keras default 200; must be &gt; 0).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key (Keras default <c>sensitivity_at_specificity</c>).</param>
    public SensitivityAtSpecificity(double specificity, int numThresholds = 200, int? classId = null, string name = "sensitivity_at_specificity")
        : base(specificity, nameof(specificity), numThresholds, classId, name) { }

    /// <summary>The target specificity.</summary>
    public double Specificity => Value;

    private protected override (double Constrained, double Dependent) Rates(double tp, double fp, double tn, double fn) =>
        (ConfusionCounts.DivNoNan(tn, tn + fp), ConfusionCounts.DivNoNan(tp, tp + fn));

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["specificity"] = Value;
        return c;
    }
}
