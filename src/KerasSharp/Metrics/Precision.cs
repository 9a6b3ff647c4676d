using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.Precision</c>: the fraction of predicted positives that are positive: <c>TP / (TP + FP)</c>, accumulated over batches (weighted counts). A prediction is positive
/// when above the threshold; with <see cref="ConfusionRatioMetric.TopK"/> only the k largest predictions of each sample can be positive;
/// with <see cref="ConfusionRatioMetric.ClassId"/> only that class column is scored. Targets are positive when non-zero.
/// With a list of thresholds the result has one value per threshold (<see cref="Metric.ResultValues"/>).
/// </summary>
public sealed class Precision : ConfusionRatioMetric
{
    /// <summary>Creates the metric with one threshold (or none).</summary>
    /// <param name="thresholds">The decision threshold in [0, 1]; null means Keras' default (0.5, or no threshold with <paramref name="topK"/>).</param>
    /// <param name="topK">Only the k largest predictions per sample count as positive (null: all).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key (Keras default <c>precision</c>).</param>
    public Precision(double? thresholds = null, int? topK = null, int? classId = null, string name = "precision")
        : base(thresholds is double t ? [t] : null, thresholds, topK, classId, name) { }

    /// <summary>Creates the metric with a list of thresholds: the result has one value per threshold.</summary>
    /// <param name="thresholds">Thresholds in [0, 1] (null: Keras' default, as the other constructor).</param>
    /// <param name="topK">Only the k largest predictions per sample count as positive (null: all).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key (Keras default <c>precision</c>).</param>
    public Precision(IReadOnlyList<double>? thresholds, int? topK = null, int? classId = null, string name = "precision")
        : base(thresholds, thresholds?.ToArray(), topK, classId, name) { }

    private protected override Tensor OtherCount(ConfusionCounts.Counts counts) => counts.FalsePositives;
}
