namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.CategoricalHinge</c> (named <c>CategoricalHingeMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.CategoricalHinge</c>): the running mean of the categorical hinge loss.
/// </summary>
public sealed class CategoricalHingeMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>categorical_hinge</c>).</param>
    public CategoricalHingeMetric(string name = "categorical_hinge") : base(Losses.LossFunctions.CategoricalHinge, name, rowWise: true) { }
}
