using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.FalsePositives</c>: the (weighted) number of false positives: label negative and prediction above the threshold, accumulated over
/// batches. <c>thresholds</c> is Keras' default 0.5, one number, or a list (one count per threshold).
/// </summary>
public sealed class FalsePositives : ConfusionConditionCount
{
    /// <summary>Creates the metric with one threshold.</summary>
    /// <param name="thresholds">The decision threshold in [0, 1]; null means Keras' default 0.5.</param>
    /// <param name="name">The log key (Keras default <c>false_positives</c>).</param>
    public FalsePositives(double? thresholds = null, string name = "false_positives")
        : base(thresholds is double t ? [t] : null, thresholds, name) { }

    /// <summary>Creates the metric with a list of thresholds: the result has one count per threshold.</summary>
    /// <param name="thresholds">Thresholds in [0, 1] (null: Keras' default 0.5).</param>
    /// <param name="name">The log key (Keras default <c>false_positives</c>).</param>
    public FalsePositives(IReadOnlyList<double>? thresholds, string name = "false_positives")
        : base(thresholds, thresholds?.ToArray(), name) { }

    private protected override Tensor Select(ConfusionCounts.Counts counts) => counts.FalsePositives;
}
