namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.MeanSquaredError</c>: <c>mean(square(y_true - y_pred), axis=-1)</c>. Per-sample values reduce the last axis.
/// </summary>
public sealed class MeanSquaredError : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction (<c>"sum_over_batch_size"</c>, <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, <c>"none"</c>, or null: Keras' <c>None</c>, the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public MeanSquaredError(string? reduction = "sum_over_batch_size", string name = "mean_squared_error")
        : base((yTrue, yPred) => LossFunctions.MeanSquaredError(yTrue, yPred), name, reduction, rowWise: true) { }
}
