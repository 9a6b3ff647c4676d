namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.MeanAbsoluteError</c> (named <c>MeanAbsoluteErrorMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.MeanAbsoluteError</c>): the running mean of <c>mean(abs(y_true - y_pred), axis=-1)</c>.
/// </summary>
public sealed class MeanAbsoluteErrorMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>mean_absolute_error</c>).</param>
    public MeanAbsoluteErrorMetric(string name = "mean_absolute_error") : base(Losses.LossFunctions.MeanAbsoluteError, name, rowWise: true) { }
}
