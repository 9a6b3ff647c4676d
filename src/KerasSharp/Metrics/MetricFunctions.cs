using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>Keras' accuracy functions (<c>keras/src/metrics/accuracy_metrics.py</c>): per-sample 0/1 matches.</summary>
internal static class MetricFunctions
{
    /// <summary><c>accuracy</c>: exact equality of targets and predictions.</summary>
    internal static Tensor Accuracy(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = LossFunctions.Prepare(yTrue, yPred);
        return t.eq(p).to_type(p.dtype);
    }

    /// <summary><c>binary_accuracy</c>: <c>(y_pred &gt; threshold) == y_true</c>.</summary>
    internal static Tensor BinaryAccuracy(Tensor yTrue, Tensor yPred, double threshold)
    {
        var p = LossFunctions.ToFloat(yPred);
        var t = yTrue.to_type(p.dtype);
        var predicted = p.gt(threshold).to_type(p.dtype);
        (t, predicted) = LossFunctions.SameRank(t, predicted);
        return t.eq(predicted).to_type(p.dtype);
    }

    /// <summary><c>categorical_accuracy</c>: <c>argmax(y_true) == argmax(y_pred)</c> over the last axis.</summary>
    internal static Tensor CategoricalAccuracy(Tensor yTrue, Tensor yPred) =>
        CategoricalMatches(yTrue, yPred).to_type(FloatOf(yPred));

    /// <summary><c>argmax(y_true) == argmax(y_pred)</c> as a bool tensor (what <see cref="CategoricalAccuracy"/> casts to float;
    /// the metric's running sum counts the matches directly).</summary>
    internal static Tensor CategoricalMatches(Tensor yTrue, Tensor yPred)
    {
        var t = yTrue.argmax(-1);
        if (t.dim() == yPred.dim() && t.dim() > 0 && t.size(-1) == 1) t = t.squeeze(-1);
        return t.eq(yPred.argmax(-1));
    }

    /// <summary><c>sparse_categorical_accuracy</c>: <c>y_true == argmax(y_pred)</c>, labels of shape (n) or (n, 1).</summary>
    internal static Tensor SparseCategoricalAccuracy(Tensor yTrue, Tensor yPred)
    {
        var t = yTrue;
        if (t.dim() == yPred.dim() && t.size(-1) == 1) t = t.squeeze(-1);
        var matches = t.to_type(ScalarType.Float64).eq(yPred.argmax(-1).to_type(ScalarType.Float64)).to_type(FloatOf(yPred));
        if (matches.dim() > 1 && matches.size(-1) == 1) matches = matches.squeeze(-1);
        return matches;
    }

    /// <summary><c>top_k_categorical_accuracy</c>: whether <c>argmax(y_true)</c> is among the k largest predictions (ties count).</summary>
    internal static Tensor TopKCategoricalAccuracy(Tensor yTrue, Tensor yPred, int k) => InTopK(yTrue.argmax(-1), yPred, k);

    /// <summary><c>sparse_top_k_categorical_accuracy</c>: whether the integer label is among the k largest predictions.</summary>
    internal static Tensor SparseTopKCategoricalAccuracy(Tensor yTrue, Tensor yPred, int k) => InTopK(yTrue.to_type(ScalarType.Int64), yPred, k);

    private static Tensor InTopK(Tensor targets, Tensor yPred, int k)
    {
        var shape = targets.shape;
        var classes = yPred.shape[^1];
        var p = yPred.reshape(-1, classes);
        var idx = targets.reshape(-1).to_type(ScalarType.Int64).clamp(0, classes - 1);
        var kth = p.topk((int)Math.Min(k, classes), dim: -1).values.select(-1, -1);
        var targetValues = p.gather(1, idx.unsqueeze(1)).squeeze(1);
        return targetValues.ge(kth).to_type(FloatOf(yPred)).reshape(shape);
    }

    private static ScalarType FloatOf(Tensor t) => t.is_floating_point() ? t.dtype : ScalarType.Float32;
}
