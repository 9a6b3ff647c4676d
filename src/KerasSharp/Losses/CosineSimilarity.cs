using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.CosineSimilarity</c>: <c>-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)</c>
/// (between -1 and 1; -1 means identical directions, 0 for a zero vector).
/// </summary>
public sealed class CosineSimilarity : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="axis">The feature axis (Keras default -1).</param>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public CosineSimilarity(int axis = -1, string? reduction = "sum_over_batch_size", string name = "cosine_similarity")
        : base((yTrue, yPred) => -LossFunctions.CosineSimilarity(yTrue, yPred, axis), name, reduction, rowWise: axis == -1 || axis >= 1)
        => Axis = axis;

    /// <summary>The feature axis.</summary>
    public int Axis { get; }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis;
        return c;
    }
}
