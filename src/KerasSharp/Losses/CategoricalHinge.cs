namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.CategoricalHinge</c>: <c>maximum(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)</c> over the last axis. Per-sample values reduce the last axis.
/// </summary>
public sealed class CategoricalHinge : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction (<c>"sum_over_batch_size"</c>, <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, <c>"none"</c>, or null: Keras' <c>None</c>, the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public CategoricalHinge(string? reduction = "sum_over_batch_size", string name = "categorical_hinge")
        : base((yTrue, yPred) => LossFunctions.CategoricalHinge(yTrue, yPred), name, reduction, rowWise: true) { }
}
