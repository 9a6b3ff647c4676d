using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.TruePositives</c>: the (weighted) number of true positives: label positive and prediction above the threshold, accumulated over
/// batches. <c>thresholds</c> is Keras' default 0.5, one number, or a list (one count per threshold).
/// </summary>
public sealed class TruePositives : ConfusionConditionCount
{
    /// <summary>Creates the metric with one threshold.</summary>
    /// <param name="thresholds">The decision threshold in [0, 1]; null means Keras' default 0.5.</param>
    /// <param name="name">The log key (Keras default <c>true_positives</c>).</param>
    public TruePositives(double? thresholds = null, string name = "true_positives")
        : base(thresholds is double t ? [t] : null, thresholds, name) { }

    /// <summary>Creates the metric with a list of thresholds: the result has one count per threshold.</summary>
    /// <param name="thresholds">Thresholds in [0, 1] (null: Keras' default 0.5).</param>
    /// <param name="name">The log key (Keras default <c>true_positives</c>).</param>
    public TruePositives(IReadOnlyList<double>? thresholds, string name = "true_positives")
        : base(thresholds, thresholds?.ToArray(), name) { }

    private protected override Tensor Select(ConfusionCounts.Counts counts) => counts.TruePositives;
}
