namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.KLDivergence</c>: <c>sum(y_true * log(y_true / y_pred), axis=-1)</c> with both clipped to [1e-7, 1]. Per-sample values reduce the last axis.
/// </summary>
public sealed class KLDivergence : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction (<c>"sum_over_batch_size"</c>, <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, <c>"none"</c>, or null: Keras' <c>None</c>, the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public KLDivergence(string? reduction = "sum_over_batch_size", string name = "kl_divergence")
        : base((yTrue, yPred) => LossFunctions.KLDivergence(yTrue, yPred), name, reduction, rowWise: true) { }
}
