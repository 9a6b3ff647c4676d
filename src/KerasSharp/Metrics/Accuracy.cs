namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.Accuracy</c>: how often predictions equal targets exactly (element-wise equality, averaged per sample). For the compile string <c>"accuracy"</c>, which Keras resolves from shapes, see <see cref="MetricRegistry"/>.
/// </summary>
public sealed class Accuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>accuracy</c>).</param>
    public Accuracy(string name = "accuracy") : base(MetricFunctions.Accuracy, name, rowWise: true) { }
}
