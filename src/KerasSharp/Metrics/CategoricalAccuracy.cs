namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.CategoricalAccuracy</c>: how often <c>argmax(y_true)</c> equals <c>argmax(y_pred)</c> (one-hot targets).
/// </summary>
public sealed class CategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>categorical_accuracy</c>).</param>
    public CategoricalAccuracy(string name = "categorical_accuracy") : base(MetricFunctions.CategoricalMatches, name, rowWise: true) { }
}
