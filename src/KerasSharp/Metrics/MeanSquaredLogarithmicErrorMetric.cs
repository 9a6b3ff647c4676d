namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.MeanSquaredLogarithmicError</c> (named <c>MeanSquaredLogarithmicErrorMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.MeanSquaredLogarithmicError</c>): the running mean of <c>mean(square(log(y_pred + 1) - log(y_true + 1)), axis=-1)</c>.
/// </summary>
public sealed class MeanSquaredLogarithmicErrorMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>mean_squared_logarithmic_error</c>).</param>
    public MeanSquaredLogarithmicErrorMetric(string name = "mean_squared_logarithmic_error") : base(Losses.LossFunctions.MeanSquaredLogarithmicError, name, rowWise: true) { }
}
