namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.LogCosh</c>: <c>mean(log(cosh(y_pred - y_true)), axis=-1)</c>, computed stably as <c>x + softplus(-2x) - log 2</c>. Per-sample values reduce the last axis.
/// </summary>
public sealed class LogCosh : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction (<c>"sum_over_batch_size"</c>, <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, <c>"none"</c>, or null: Keras' <c>None</c>, the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public LogCosh(string? reduction = "sum_over_batch_size", string name = "log_cosh")
        : base((yTrue, yPred) => LossFunctions.LogCosh(yTrue, yPred), name, reduction, rowWise: true) { }
}
