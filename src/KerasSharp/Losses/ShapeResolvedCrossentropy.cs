using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' compile-time <c>"crossentropy"</c> / <c>"ce"</c> loss (<c>trainers/compile_utils.py get_loss</c>): on the
/// first call the shapes choose binary cross-entropy (prediction last dim 1), sparse categorical (target rank below
/// prediction rank, or target last dim 1) or categorical cross-entropy. Its name stays the string the user passed.
/// </summary>
internal sealed class ShapeResolvedCrossentropy(string name, string? reduction = "sum_over_batch_size") : Loss(name, reduction), IRowWiseLoss
{
    private Loss? resolved;

    /// <summary>The loss chosen at the first call (null before).</summary>
    internal Loss? Resolved => resolved;

    /// <inheritdoc />
    bool IRowWiseLoss.RowWise => (resolved as IRowWiseLoss)?.RowWise == true;

    /// <inheritdoc />
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        resolved ??= Resolve(yTrue, yPred, Name, Reduction);
        return resolved.Call(yTrue, yPred);
    }

    private static Loss Resolve(Tensor yTrue, Tensor yPred, string name, string? reduction)
    {
        bool isBinary = yPred.dim() > 0 && yPred.shape[^1] == 1;
        bool isSparse = yTrue.dim() < yPred.dim() || (yTrue.dim() > 0 && yTrue.shape[^1] == 1 && yPred.dim() > 0 && yPred.shape[^1] > 1);
        if (isBinary) return new BinaryCrossentropy(reduction: reduction, name: name);
        if (isSparse) return new SparseCategoricalCrossentropy(reduction: reduction, name: name);
        return new CategoricalCrossentropy(reduction: reduction, name: name);
    }
}
