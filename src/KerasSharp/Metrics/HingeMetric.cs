namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.Hinge</c> (named <c>HingeMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.Hinge</c>): the running mean of the hinge loss <c>mean(maximum(1 - y_true * y_pred, 0), axis=-1)</c>.
/// </summary>
public sealed class HingeMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>hinge</c>).</param>
    public HingeMetric(string name = "hinge") : base(Losses.LossFunctions.Hinge, name) { }
}
