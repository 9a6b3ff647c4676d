namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.SparseCategoricalAccuracy</c>: how often the integer label equals <c>argmax(y_pred)</c>; labels of shape (n) or (n, 1).
/// </summary>
public sealed class SparseCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>sparse_categorical_accuracy</c>).</param>
    public SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : base(MetricFunctions.SparseCategoricalAccuracy, name, rowWise: true) { }
}
