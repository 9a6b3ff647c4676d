using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>update_confusion_matrix_variables</c> input handling for one threshold: optional top-k filtering
/// (others set to -1e10), optional class slice, <c>y_pred &gt; threshold</c> as predicted positive,
/// <c>y_true != 0</c> as positive label, sample weights broadcast to the prediction's shape.
/// </summary>
internal static class ConfusionInputs
{
    /// <summary>Keras' <c>NEG_INF</c> used by top-k filtering.</summary>
    internal const double NegInf = -1e10;

    /// <summary>Float 0/1 tensors (predicted positive, label positive) and weights, all of one shape.</summary>
    internal static (Tensor PredPos, Tensor LabelPos, Tensor Weight) Prepare(Tensor yTrue, Tensor yPred, Tensor? sampleWeight,
        double threshold, int? topK, int? classId)
    {
        var p = Losses.LossFunctions.ToFloat(yPred.detach());
        var t = yTrue.detach().to_type(p.dtype);
        (p, t) = Losses.LossFunctions.SameRank(p, t);
        if (topK is int k)
        {
            var idx = p.topk((int)Math.Min(k, p.shape[^1]), dim: -1).indexes;
            var keep = zeros_like(p).scatter_(-1, idx, ones_like(idx, dtype: p.dtype));
            p = p * keep + NegInf * (1.0 - keep);
        }
        if (classId is int c)
        {
            p = p.narrow(-1, c, 1);
            t = t.narrow(-1, c, 1);
        }
        t = t.broadcast_to(p.shape);
        var predPos = p.gt(threshold).to_type(p.dtype);
        var labelPos = t.ne(0.0).to_type(p.dtype);
        Tensor w;
        if (sampleWeight is null) w = ones_like(p);
        else
        {
            w = sampleWeight.detach().to(p.device).to_type(p.dtype);
            while (w.dim() > predPos.dim() && w.shape[^1] == 1) w = w.squeeze(-1);
            while (w.dim() < predPos.dim()) w = w.unsqueeze(-1);
            w = w.broadcast_to(predPos.shape);
        }
        return (predPos, labelPos, w);
    }
}
