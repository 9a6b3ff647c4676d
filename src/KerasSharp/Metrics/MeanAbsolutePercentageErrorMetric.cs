namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.MeanAbsolutePercentageError</c> (named <c>MeanAbsolutePercentageErrorMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.MeanAbsolutePercentageError</c>): the running mean of <c>100 * mean(abs((y_true - y_pred) / maximum(abs(y_true), 1e-7)), axis=-1)</c>.
/// </summary>
public sealed class MeanAbsolutePercentageErrorMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>mean_absolute_percentage_error</c>).</param>
    public MeanAbsolutePercentageErrorMetric(string name = "mean_absolute_percentage_error") : base(Losses.LossFunctions.MeanAbsolutePercentageError, name, rowWise: true) { }
}
