using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.TrueNegatives</c>: the (weighted) number of true negatives: label negative and prediction at or below the threshold, accumulated over
/// batches. <c>thresholds</c> is Keras' default 0.5, one number, or a list (one count per threshold).
/// </summary>
public sealed class TrueNegatives : ConfusionConditionCount
{
    /// <summary>Creates the metric with one threshold.</summary>
    /// <param name="thresholds">The decision threshold in [0, 1]; null means Keras' default 0.5.</param>
    /// <param name="name">The log key (Keras default <c>true_negatives</c>).</param>
    public TrueNegatives(double? thresholds = null, string name = "true_negatives")
        : base(thresholds is double t ? [t] : null, thresholds, name) { }

    /// <summary>Creates the metric with a list of thresholds: the result has one count per threshold.</summary>
    /// <param name="thresholds">Thresholds in [0, 1] (null: Keras' default 0.5).</param>
    /// <param name="name">The log key (Keras default <c>true_negatives</c>).</param>
    public TrueNegatives(IReadOnlyList<double>? thresholds, string name = "true_negatives")
        : base(thresholds, thresholds?.ToArray(), name) { }

    private protected override Tensor Select(ConfusionCounts.Counts counts) => counts.TrueNegatives;
}
