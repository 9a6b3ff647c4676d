namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.BinaryAccuracy</c>: how often <c>y_pred &gt; threshold</c> equals the 0/1 target.
/// </summary>
public sealed class BinaryAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">Predictions above it count as 1 (Keras default 0.5).</param>
    /// <param name="name">The log key (Keras default <c>binary_accuracy</c>).</param>
    public BinaryAccuracy(double threshold = 0.5, string name = "binary_accuracy")
        : base((t, p) => MetricFunctions.BinaryAccuracy(t, p, threshold), name, rowWise: true) => Threshold = threshold;

    /// <summary>Predictions above it count as 1.</summary>
    public double Threshold { get; }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["threshold"] = Threshold;
        return c;
    }
}
