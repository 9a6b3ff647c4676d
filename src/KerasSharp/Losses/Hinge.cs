namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.Hinge</c>: <c>mean(maximum(1 - y_true * y_pred, 0), axis=-1)</c>; labels that are all 0/1 are mapped to -1/1. Per-sample values reduce the last axis.
/// </summary>
public sealed class Hinge : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction (<c>"sum_over_batch_size"</c>, <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, <c>"none"</c>, or null: Keras' <c>None</c>, the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public Hinge(string? reduction = "sum_over_batch_size", string name = "hinge")
        : base((yTrue, yPred) => LossFunctions.Hinge(yTrue, yPred), name, reduction, rowWise: false) { }
}
