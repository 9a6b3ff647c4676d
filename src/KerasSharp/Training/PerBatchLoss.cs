using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Keras' per-batch loss for many equal batches in one pass, for losses that declare it safe (<see cref="IRowWiseLoss"/>):
/// the evaluation fast path (<see cref="EvaluationBatcher"/>).
/// </summary>
internal static class PerBatchLoss
{
    /// <summary>The largest reduction that <see cref="Compute"/> splits into rows (<see cref="Internal.ReductionGrain"/>).</summary>
    public const long MaxRowReduction = Internal.ReductionGrain.MaxRowElements;

    /// <summary>
    /// The loss of each of <paramref name="batches"/> equal batches stacked along axis 0 in <paramref name="yTrue"/> and
    /// <paramref name="yPred"/>, unweighted: element <c>b</c> is bitwise what <see cref="Loss.Compute"/> returns for
    /// batch <c>b</c> alone (the per-sample values are the same, and each batch's sum or mean reduces the same elements
    /// in the same order). Null when the loss cannot (not <see cref="IRowWiseLoss"/>, or not row-wise as configured),
    /// for the reduction <c>"none"</c>, or when a batch holds more values than LibTorch reduces in one piece.
    /// </summary>
    public static Tensor? Compute(Loss loss, Tensor yTrue, Tensor yPred, int batches)
    {
        if (loss is not IRowWiseLoss { RowWise: true } || loss.Reduction is null or "none" || batches < 1 || yPred.dim() < 1
            || yPred.size(0) % batches != 0)
            return null;
        var values = loss.Call(yTrue, yPred);
        if (values.dim() < 1 || values.size(0) != yPred.size(0) || values.numel() == 0) return null;
        var perBatch = values.reshape(batches, -1);
        if (perBatch.size(1) > MaxRowReduction) return null;
        return loss.Reduction == "sum" ? perBatch.sum(1) : perBatch.mean([1L]);
    }
}
