namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.Poisson</c>: <c>mean(y_pred - y_true * log(y_pred + 1e-7), axis=-1)</c>. Per-sample values reduce the last axis.
/// </summary>
public sealed class Poisson : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction (<c>"sum_over_batch_size"</c>, <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, <c>"none"</c>, or null: Keras' <c>None</c>, the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public Poisson(string? reduction = "sum_over_batch_size", string name = "poisson")
        : base((yTrue, yPred) => LossFunctions.Poisson(yTrue, yPred), name, reduction, rowWise: true) { }
}
