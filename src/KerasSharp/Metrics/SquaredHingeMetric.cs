namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.SquaredHinge</c> (named <c>SquaredHingeMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.SquaredHinge</c>): the running mean of the squared hinge loss.
/// </summary>
public sealed class SquaredHingeMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>squared_hinge</c>).</param>
    public SquaredHingeMetric(string name = "squared_hinge") : base(Losses.LossFunctions.SquaredHinge, name) { }
}
