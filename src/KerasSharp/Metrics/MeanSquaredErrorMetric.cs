namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.MeanSquaredError</c> (named <c>MeanSquaredErrorMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.MeanSquaredError</c>): the running mean of <c>mean(square(y_true - y_pred), axis=-1)</c>.
/// </summary>
public sealed class MeanSquaredErrorMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>mean_squared_error</c>).</param>
    public MeanSquaredErrorMetric(string name = "mean_squared_error") : base(Losses.LossFunctions.MeanSquaredError, name, rowWise: true) { }
}
