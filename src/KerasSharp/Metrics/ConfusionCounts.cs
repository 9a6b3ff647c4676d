using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>update_confusion_matrix_variables</c> over several thresholds: the weighted true-positive, false-positive,
/// true-negative and false-negative counts of one batch at each threshold (a prediction is positive when
/// <c>y_pred &gt; threshold</c>, a label when non-zero), as tensors of shape <c>(thresholds,)</c>, or
/// <c>(thresholds, labels)</c> with <c>multiLabel</c>. Evenly spaced thresholds take Keras' bucket algorithm
/// (predictions clipped to [0, 1], bucket <c>ceil(p (n-1)) - 1</c>, reversed cumulative sums); other thresholds
/// compare every prediction with every threshold, as Keras does.
/// </summary>
internal static class ConfusionCounts
{
    /// <summary>Keras' <c>NEG_INF</c>: the value top-k filtering gives to the predictions it drops (and the threshold
    /// Precision and Recall use by default with top-k).</summary>
    internal const double NegInf = -1e10;

    /// <summary>The four counts of one batch.</summary>
    internal readonly record struct Counts(Tensor TruePositives, Tensor FalsePositives, Tensor TrueNegatives, Tensor FalseNegatives);

    /// <summary>
    /// Computes the counts (under the caller's dispose scope and no_grad).
    /// </summary>
    /// <param name="yTrue">Labels (non-zero = positive).</param>
    /// <param name="yPred">Predictions.</param>
    /// <param name="sampleWeight">Optional weights, broadcastable to the labels (Keras: rank 0 or the labels' rank).</param>
    /// <param name="thresholds">The thresholds, ascending when <paramref name="evenly"/>.</param>
    /// <param name="evenly">Keras' <c>thresholds_distributed_evenly</c>.</param>
    /// <param name="topK">Only the k largest predictions of each row may be positive.</param>
    /// <param name="classId">Only this column of the last axis is scored.</param>
    /// <param name="multiLabel">Counts per label (column of a 2-D prediction) instead of pooled.</param>
    /// <param name="labelWeights">Per-label weights applied to every element (pooled counts only).</param>
    internal static Counts Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight, IReadOnlyList<double> thresholds, bool evenly,
        int? topK = null, int? classId = null, bool multiLabel = false, double[]? labelWeights = null)
    {
        var p = Losses.LossFunctions.ToFloat(yPred.detach());
        var t = yTrue.detach().to_type(p.dtype);
        (p, t) = Losses.LossFunctions.SameRank(p, t);
        Tensor? w = null;
        if (sampleWeight is not null)
        {
            // Keras: expand_dims(sample_weight, -1), then squeeze_or_expand_to_same_rank(y_true, sample_weight).
            w = sampleWeight.detach().to(p.device).to_type(p.dtype).unsqueeze(-1);
            if (w.dim() == t.dim() + 1 && w.size(-1) == 1) w = w.squeeze(-1);
        }
        if (topK is int k)
        {
            var idx = p.topk((int)Math.Min(k, p.shape[^1]), dim: -1).indexes;
            var keep = zeros_like(p).scatter_(-1, idx, ones_like(idx, dtype: p.dtype));
            p = p * keep + NegInf * (1.0 - keep);
        }
        if (classId is int c)
        {
            if (p.dim() == 1)
                throw new ArgumentException("When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), " +
                                            $"found shape: {Losses.LossFunctions.ShapeText(p)}.", nameof(classId));
            if (c >= p.shape[^1])
                throw new ArgumentException($"class_id {c} is out of range for y_pred with {p.shape[^1]} classes (last axis).", nameof(classId));
            p = p.narrow(-1, c, 1);
            t = t.narrow(-1, c, 1);
        }
        t = t.broadcast_to(p.shape);
        var weights = w is null ? ones_like(p) : BroadcastWeights(w, p);
        if (labelWeights is not null && !multiLabel)
        {
            if (p.dim() == 0 || p.shape[^1] != labelWeights.Length)
                throw new ArgumentException($"label_weights has {labelWeights.Length} values but y_pred has shape {Losses.LossFunctions.ShapeText(p)}; " +
                                            "they must match its last axis.", nameof(labelWeights));
            weights = weights * tensor(labelWeights, p.dtype, p.device);
        }
        var label = t.ne(0.0).to_type(p.dtype);
        if (multiLabel)
        {
            if (p.dim() != 2)
                throw new ArgumentException($"`y_pred` must have rank 2 when `multi_label=True`. Found rank {p.dim()}. " +
                                            $"Full shape received for `y_pred`: {Losses.LossFunctions.ShapeText(p)}.", nameof(yPred));
        }
        else
        {
            p = p.reshape(-1);
            label = label.reshape(-1);
            weights = weights.reshape(-1);
        }
        var trueLabels = label * weights;
        var falseLabels = (1.0 - label) * weights;
        int n = thresholds.Count;
        Tensor tp, fp;
        if (evenly)
        {
            bool withEpsilon = thresholds[0] < 0.0 || thresholds[^1] > 1.0;
            var bucket = (p.clamp(0.0, 1.0) * (n - 1)).ceil() - 1;
            if (withEpsilon) bucket = bucket.relu();
            // A bucket of -1 (a prediction of 0 without the epsilon endpoint) is above no threshold: Keras' segment sum drops it.
            var valid = bucket.ge(0).to_type(p.dtype);
            var index = bucket.clamp_min(0).to_type(ScalarType.Int64);
            long[] shape = multiLabel ? [n, p.shape[1]] : [n];
            tp = zeros(shape, p.dtype, p.device).scatter_add_(0, index, trueLabels * valid).flip(0).cumsum(0).flip(0);
            fp = zeros(shape, p.dtype, p.device).scatter_add_(0, index, falseLabels * valid).flip(0).cumsum(0).flip(0);
        }
        else
        {
            var thr = tensor(thresholds.ToArray(), p.dtype, p.device);
            thr = multiLabel ? thr.reshape(n, 1, 1) : thr.reshape(n, 1);
            var predPos = p.unsqueeze(0).gt(thr).to_type(p.dtype);
            tp = (predPos * trueLabels.unsqueeze(0)).sum(1);
            fp = (predPos * falseLabels.unsqueeze(0)).sum(1);
        }
        var totalTrue = trueLabels.sum([0L]);
        var totalFalse = falseLabels.sum([0L]);
        return new Counts(tp, fp, totalFalse - fp, totalTrue - tp);
    }

    /// <summary>Broadcasts weights of the labels' rank (or lower, aligned on the leading axes) to the predictions' shape.</summary>
    private static Tensor BroadcastWeights(Tensor w, Tensor p)
    {
        while (w.dim() > p.dim() && w.size(-1) == 1) w = w.squeeze(-1);
        if (w.dim() > 0)
            while (w.dim() < p.dim()) w = w.unsqueeze(-1);
        try { return w.broadcast_to(p.shape); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
        {
            throw new ArgumentException($"sample_weight of shape {Losses.LossFunctions.ShapeText(w)} cannot be broadcast to y_pred's shape " +
                                        $"{Losses.LossFunctions.ShapeText(p)}.", "sampleWeight", e);
        }
    }

    /// <summary>Keras' <c>divide_no_nan</c>: <paramref name="a"/> / <paramref name="b"/>, or 0 when <paramref name="b"/> is 0.</summary>
    internal static double DivNoNan(double a, double b) => b == 0 ? 0.0 : a / b;

    /// <summary>Keras' <c>is_evenly_distributed_thresholds</c>: at least 3 values equal to <c>i/(n-1)</c> within 1e-7.</summary>
    internal static bool IsEvenlyDistributed(IReadOnlyList<double> thresholds)
    {
        int n = thresholds.Count;
        if (n < 3) return false;
        for (int i = 0; i < n; i++)
        {
            double even = (float)i / (float)(n - 1);
            // numpy.allclose(a, b, atol=1e-7): |a - b| <= atol + rtol |b| with rtol 1e-5
            if (!(Math.Abs(thresholds[i] - even) <= 1e-7 + 1e-5 * Math.Abs(even))) return false;
        }
        return true;
    }

    /// <summary>
    /// Keras' <c>parse_init_thresholds</c>: the thresholds given (each checked to lie in [0, 1]) or the default as a
    /// one-element list.
    /// </summary>
    internal static double[] Parse(IReadOnlyList<double>? thresholds, double defaultThreshold, string paramName)
    {
        if (thresholds is null) return [defaultThreshold];
        if (thresholds.Count == 0)
            throw new ArgumentException($"{paramName} must hold at least one threshold, but received an empty list.", paramName);
        var invalid = thresholds.Where(v => !(v >= 0 && v <= 1)).ToArray();
        if (invalid.Length > 0)
            throw new ArgumentOutOfRangeException(paramName,
                $"Threshold values must be in [0, 1]. Received: [{string.Join(", ", invalid.Select(Internal.Guard.Fmt))}]");
        return thresholds.ToArray();
    }
}
