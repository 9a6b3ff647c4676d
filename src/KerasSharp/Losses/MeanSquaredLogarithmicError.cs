namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.MeanSquaredLogarithmicError</c>: <c>mean(square(log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1)), axis=-1)</c>. Per-sample values reduce the last axis.
/// </summary>
public sealed class MeanSquaredLogarithmicError : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction (<c>"sum_over_batch_size"</c>, <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, <c>"none"</c>, or null: Keras' <c>None</c>, the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public MeanSquaredLogarithmicError(string? reduction = "sum_over_batch_size", string name = "mean_squared_logarithmic_error")
        : base((yTrue, yPred) => LossFunctions.MeanSquaredLogarithmicError(yTrue, yPred), name, reduction, rowWise: true) { }
}
