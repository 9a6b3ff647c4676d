namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.Poisson</c> (named <c>PoissonMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.Poisson</c>): the running mean of the Poisson loss <c>mean(y_pred - y_true * log(y_pred + 1e-7), axis=-1)</c>.
/// </summary>
public sealed class PoissonMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>poisson</c>).</param>
    public PoissonMetric(string name = "poisson") : base(Losses.LossFunctions.Poisson, name, rowWise: true) { }
}
