namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.KLDivergence</c> (named <c>KLDivergenceMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.KLDivergence</c>): the running mean of the Kullback-Leibler divergence <c>sum(y_true * log(y_true / y_pred), axis=-1)</c>.
/// </summary>
public sealed class KLDivergenceMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>kl_divergence</c>).</param>
    public KLDivergenceMetric(string name = "kl_divergence") : base(Losses.LossFunctions.KLDivergence, name, rowWise: true) { }
}
