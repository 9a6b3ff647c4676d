namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.MeanAbsolutePercentageError</c>: <c>100 * mean(abs((y_true - y_pred) / maximum(abs(y_true), 1e-7)), axis=-1)</c>. Per-sample values reduce the last axis.
/// </summary>
public sealed class MeanAbsolutePercentageError : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction (<c>"sum_over_batch_size"</c>, <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, <c>"none"</c>, or null: Keras' <c>None</c>, the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public MeanAbsolutePercentageError(string? reduction = "sum_over_batch_size", string name = "mean_absolute_percentage_error")
        : base((yTrue, yPred) => LossFunctions.MeanAbsolutePercentageError(yTrue, yPred), name, reduction, rowWise: true) { }
}
