namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.LogCoshError</c>: the running mean of <c>mean(log(cosh(y_pred - y_true)), axis=-1)</c>.
/// </summary>
public sealed class LogCoshError : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>logcosh</c>).</param>
    public LogCoshError(string name = "logcosh") : base(Losses.LossFunctions.LogCosh, name, rowWise: true) { }
}
