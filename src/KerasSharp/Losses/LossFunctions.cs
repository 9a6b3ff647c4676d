using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' loss functions (<c>keras.losses.mean_squared_error</c>, ...) as tensor math shared by the loss classes and
/// the loss-named metrics. Every function returns per-sample values (the last axis reduced) and runs on the device
/// of its inputs with no host synchronisation unless stated.
/// </summary>
internal static class LossFunctions
{
    /// <summary>Keras' <c>backend.epsilon()</c>.</summary>
    internal const double Epsilon = 1e-7;

    /// <summary>Casts both to the prediction's floating dtype (float32 when the prediction is not floating) and
    /// applies Keras' <c>squeeze_or_expand_to_same_rank</c>.</summary>
    internal static (Tensor YTrue, Tensor YPred) Prepare(Tensor yTrue, Tensor yPred)
    {
        var p = ToFloat(yPred);
        var t = yTrue.dtype == p.dtype ? yTrue : yTrue.to_type(p.dtype);
        return SameRank(t, p);
    }

    /// <summary>The tensor as a floating type (itself when already floating, else float32).</summary>
    internal static Tensor ToFloat(Tensor x) => x.is_floating_point() ? x : x.to_type(ScalarType.Float32);

    /// <summary>Keras' <c>squeeze_or_expand_to_same_rank</c>: when ranks differ by one and the larger has a last axis
    /// of 1, that axis is squeezed (or the rank-1 side expanded).</summary>
    internal static (Tensor X1, Tensor X2) SameRank(Tensor x1, Tensor x2)
    {
        long r1 = x1.dim(), r2 = x2.dim();
        if (r1 == r2 + 1 && x1.size(-1) == 1)
        {
            if (r2 == 1) x2 = x2.unsqueeze(-1);
            else x1 = x1.squeeze(-1);
        }
        else if (r2 == r1 + 1 && x2.size(-1) == 1)
        {
            if (r1 == 1) x1 = x1.unsqueeze(-1);
            else x2 = x2.squeeze(-1);
        }
        return (x1, x2);
    }

    /// <summary><c>mean(square(y_true - y_pred), axis=-1)</c>.</summary>
    internal static Tensor MeanSquaredError(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        return (t - p).square().mean([-1L]);
    }

    /// <summary><c>mean(abs(y_true - y_pred), axis=-1)</c>.</summary>
    internal static Tensor MeanAbsoluteError(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        return (t - p).abs().mean([-1L]);
    }

    /// <summary><c>100 * mean(abs((y_true - y_pred) / maximum(abs(y_true), eps)), axis=-1)</c>.</summary>
    internal static Tensor MeanAbsolutePercentageError(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        return ((t - p) / t.abs().clamp_min(Epsilon)).abs().mean([-1L]) * 100.0;
    }

    /// <summary><c>mean(square(log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1)), axis=-1)</c>.</summary>
    internal static Tensor MeanSquaredLogarithmicError(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        return (p.clamp_min(Epsilon).log1p() - t.clamp_min(Epsilon).log1p()).square().mean([-1L]);
    }

    /// <summary>Huber: <c>0.5 e^2</c> where <c>|e| &lt;= delta</c>, else <c>delta |e| - 0.5 delta^2</c>; mean over the last axis.</summary>
    internal static Tensor Huber(Tensor yTrue, Tensor yPred, double delta)
    {
        var (t, p) = Prepare(yTrue, yPred);
        var error = p - t;
        var abs = error.abs();
        return where(abs <= delta, error.square() * 0.5, abs * delta - 0.5 * delta * delta).mean([-1L]);
    }

    /// <summary><c>mean(x + softplus(-2x) - log 2, axis=-1)</c> with <c>x = y_pred - y_true</c> (stable log cosh).</summary>
    internal static Tensor LogCosh(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        var x = p - t;
        return (x + nn.functional.softplus(x * -2.0) - Math.Log(2.0)).mean([-1L]);
    }

    /// <summary>Keras' <c>convert_binary_labels_to_hinge</c>: labels that are all 0/1 become -1/1 (decided on the device).</summary>
    internal static Tensor HingeLabels(Tensor t)
    {
        var isBinary = ((t == 0.0) | (t == 1.0)).all();
        return where(isBinary, t * 2.0 - 1.0, t);
    }

    /// <summary><c>mean(maximum(1 - y_true * y_pred, 0), axis=-1)</c>, binary labels mapped to -1/1.</summary>
    internal static Tensor Hinge(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        return (1.0 - HingeLabels(t) * p).clamp_min(0.0).mean([-1L]);
    }

    /// <summary><c>mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)</c>, binary labels mapped to -1/1.</summary>
    internal static Tensor SquaredHinge(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        return (1.0 - HingeLabels(t) * p).clamp_min(0.0).square().mean([-1L]);
    }

    /// <summary><c>maximum(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)</c> over the last axis.</summary>
    internal static Tensor CategoricalHinge(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        var pos = (t * p).sum([-1L]);
        var neg = ((1.0 - t) * p).amax([-1L]);
        return (neg - pos + 1.0).clamp_min(0.0);
    }

    /// <summary><c>mean(y_pred - y_true * log(y_pred + eps), axis=-1)</c>.</summary>
    internal static Tensor Poisson(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        return (p - t * (p + Epsilon).log()).mean([-1L]);
    }

    /// <summary><c>sum(y_true * log(y_true / y_pred), axis=-1)</c>, both clipped to [eps, 1].</summary>
    internal static Tensor KLDivergence(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Prepare(yTrue, yPred);
        t = t.clamp(Epsilon, 1.0);
        p = p.clamp(Epsilon, 1.0);
        return (t * (t / p).log()).sum([-1L]);
    }

    /// <summary>Keras' <c>normalize(x, axis)</c>: <c>x * minimum(rsqrt(sum(x^2)), 1/eps)</c>.</summary>
    internal static Tensor L2Normalize(Tensor x, long axis) =>
        x * x.square().sum([axis], keepdim: true).rsqrt().clamp_max(1.0 / Epsilon);

    /// <summary>Sum over <paramref name="axis"/> of the product of the L2-normalised inputs (positive similarity).</summary>
    internal static Tensor CosineSimilarity(Tensor yTrue, Tensor yPred, long axis)
    {
        var (t, p) = Prepare(yTrue, yPred);
        return (L2Normalize(t, axis) * L2Normalize(p, axis)).sum([axis]);
    }

    /// <summary>Element-wise binary cross-entropy: clipped probabilities, or the stable logits form
    /// <c>max(x, 0) - x t + log(1 + exp(-|x|))</c>.</summary>
    internal static Tensor BinaryCrossentropyElements(Tensor t, Tensor p, bool fromLogits)
    {
        if (fromLogits)
            return p.clamp_min(0.0) - p * t + (-p.abs()).exp().log1p();
        p = p.clamp(Epsilon, 1.0 - Epsilon);
        return -(t * p.log() + (1.0 - t) * (1.0 - p).log());
    }

    /// <summary>Keras' <c>binary_crossentropy</c>: labels smoothed towards 0.5, mean over <paramref name="axis"/>.</summary>
    internal static Tensor BinaryCrossentropy(Tensor yTrue, Tensor yPred, bool fromLogits, double labelSmoothing, long axis)
    {
        if (Activations.ActivationLogits.Sigmoid(yPred, fromLogits, "binary_crossentropy") is Tensor logits)
            (yPred, fromLogits) = (logits, true);
        var (t, p) = Prepare(yTrue, yPred);
        if (labelSmoothing != 0) t = t * (1.0 - labelSmoothing) + 0.5 * labelSmoothing;
        return BinaryCrossentropyElements(t, p, fromLogits).mean([axis]);
    }

    /// <summary>Keras' <c>binary_focal_crossentropy</c>.</summary>
    internal static Tensor BinaryFocalCrossentropy(Tensor yTrue, Tensor yPred, bool applyClassBalancing, double alpha,
        double gamma, bool fromLogits, double labelSmoothing, long axis)
    {
        var (t, p) = Prepare(yTrue, yPred);
        if (labelSmoothing != 0) t = t * (1.0 - labelSmoothing) + 0.5 * labelSmoothing;
        if (fromLogits) p = p.sigmoid();
        var bce = BinaryCrossentropyElements(t, p, fromLogits: false);
        var pT = t * p + (1.0 - t) * (1.0 - p);
        var focal = (1.0 - pT).pow(gamma) * bce;
        if (applyClassBalancing) focal = (t * alpha + (1.0 - t) * (1.0 - alpha)) * focal;
        return focal.mean([axis]);
    }

    /// <summary>Log-probabilities over <paramref name="axis"/>: <c>log_softmax</c> of logits, or the log of the
    /// predictions renormalised to sum 1 and clipped to [eps, 1 - eps].</summary>
    internal static Tensor LogProbabilities(Tensor p, bool fromLogits, long axis)
    {
        if (fromLogits) return nn.functional.log_softmax(p, axis);
        return (p / p.sum([axis], keepdim: true)).clamp(Epsilon, 1.0 - Epsilon).log();
    }

    /// <summary>Keras' <c>categorical_crossentropy</c> for one-hot (or soft) labels of the prediction's shape.</summary>
    internal static Tensor CategoricalCrossentropy(Tensor yTrue, Tensor yPred, bool fromLogits, double labelSmoothing, long axis, string lossName)
    {
        if (Activations.ActivationLogits.Softmax(yPred, axis, fromLogits, "categorical_crossentropy") is Tensor logits)
            (yPred, fromLogits) = (logits, true);
        var (t, p) = Prepare(yTrue, yPred);
        if (!Internal.TensorShapes.SameShape(t, p))
            throw new ArgumentException(
                $"{lossName} expects y_true with the shape of y_pred (one-hot labels), but received y_true shape {ShapeText(t)} " +
                $"and y_pred shape {ShapeText(p)}. For integer labels use sparse_categorical_crossentropy.", "yTrue");
        if (labelSmoothing != 0)
        {
            var classes = p.size((int)axis);
            t = t * (1.0 - labelSmoothing) + labelSmoothing / classes;
        }
        // From logits over the class axis 1 (2-D (batch, classes) predictions with axis -1 included), LibTorch's
        // cross_entropy with probability targets computes exactly -(log_softmax(p, 1) * t).sum(1) in one native call.
        if (fromLogits && p.dim() >= 2 && (axis == 1 || (axis == -1 && p.dim() == 2)))
            return nn.functional.cross_entropy(p, t, reduction: nn.Reduction.None);
        return -(t * LogProbabilities(p, fromLogits, axis)).sum([axis]);
    }

    /// <summary>
    /// Keras' <c>sparse_categorical_crossentropy</c> over the class axis <paramref name="axis"/> (default the last).
    /// Labels are integers (any dtype) of the prediction's shape without that axis, or that plus a trailing 1. Labels
    /// equal to <paramref name="ignoreClass"/> give 0. When <paramref name="validate"/> is true, one min/max reduction
    /// is read back and labels outside [0, classes) raise an <see cref="ArgumentException"/>; otherwise they are clamped
    /// (no host synchronisation).
    /// </summary>
    internal static Tensor SparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred, bool fromLogits, int? ignoreClass,
        bool validate, string lossName, long axis = -1)
    {
        long predRank = yPred.dim();
        if (predRank < 1 || axis < -predRank || axis >= predRank)
            throw new ArgumentException(
                $"{lossName}: axis {axis} is out of range for y_pred of rank {predRank} (shape {ShapeText(yPred)}).", nameof(axis));
        if (axis < 0) axis += predRank;
        if (Activations.ActivationLogits.Softmax(yPred, axis, fromLogits, "sparse_categorical_crossentropy") is Tensor logits)
            (yPred, fromLogits) = (logits, true);
        var p = ToFloat(yPred);
        // The class axis goes last, so that the labels' shape is the rest of the prediction's shape in order.
        if (axis != predRank - 1) p = p.movedim([axis], [predRank - 1]);
        var labels = yTrue;
        if (labels.dim() == p.dim() && labels.size(-1) == 1) labels = labels.squeeze(-1);
        if (!Internal.TensorShapes.SameShapeWithoutLastAxis(labels, p))
            throw new ArgumentException(
                $"{lossName} expects integer labels of the shape of y_pred without its class axis {axis} (or with a trailing 1), " +
                $"but received y_true shape {ShapeText(yTrue)} and y_pred shape {ShapeText(yPred)}.", "yTrue");
        long classes = p.size(-1);
        Tensor? valid = null;
        if (ignoreClass is int ignore)
        {
            valid = labels != (double)ignore;
            labels = where(valid, labels, zeros_like(labels));
        }
        var idx = labels.dtype == ScalarType.Int64 ? labels : labels.to_type(ScalarType.Int64);
        if (validate)
        {
            if (idx.numel() > 0)
            {
                var range = stack([idx.min(), idx.max()]).cpu().data<long>().ToArray();
                if (range[0] < 0 || range[1] >= classes)
                    throw new ArgumentException(
                        $"{lossName}: received labels in the range [{range[0]}, {range[1]}] but y_pred has {classes} classes; " +
                        $"labels must be integers in [0, {classes - 1}]" +
                        (ignoreClass is null ? "." : $" or the ignored class {ignoreClass}."), "yTrue");
            }
        }
        else
        {
            idx = idx.clamp(0, classes - 1);
        }
        var res = -LogProbabilities(p, fromLogits, -1).gather(-1, idx.unsqueeze(-1)).squeeze(-1);
        if (valid is not null) res = where(valid, res, zeros_like(res));
        return res;
    }

    /// <summary>
    /// Keras' <c>categorical_focal_crossentropy</c>: labels smoothed towards <c>1 / classes</c>, predictions (after a
    /// softmax when <paramref name="fromLogits"/>) renormalised over <paramref name="axis"/> and clipped to
    /// [eps, 1 - eps], then <c>sum(alpha * (1 - p)^gamma * -t log p, axis)</c>. <paramref name="alpha"/> has one value
    /// (all classes) or one per class, broadcast along the last axis as Keras' <c>ops.multiply</c> does.
    /// </summary>
    internal static Tensor CategoricalFocalCrossentropy(Tensor yTrue, Tensor yPred, IReadOnlyList<double> alpha, double gamma,
        bool fromLogits, double labelSmoothing, long axis, string lossName)
    {
        var p = ToFloat(yPred);
        var t = yTrue.dtype == p.dtype ? yTrue : yTrue.to_type(p.dtype);
        if (!Internal.TensorShapes.SameShape(t, p))
            throw new ArgumentException(
                $"{lossName} expects y_true with the shape of y_pred (one-hot labels), but received y_true shape {ShapeText(t)} " +
                $"and y_pred shape {ShapeText(p)}.", "yTrue");
        if (alpha.Count != 1 && (p.dim() == 0 || alpha.Count != p.size(-1)))
            throw new ArgumentException(
                $"{lossName}: alpha has {alpha.Count} values, but y_pred has {(p.dim() == 0 ? 0 : p.size(-1))} classes on its last axis; " +
                "give one alpha, or one per class.", nameof(alpha));
        if (labelSmoothing != 0)
            t = t * (1.0 - labelSmoothing) + labelSmoothing / t.size(-1);
        if (fromLogits) p = nn.functional.softmax(p, axis);
        var output = (p / p.sum([axis], keepdim: true)).clamp(Epsilon, 1.0 - Epsilon);
        var cce = -t * output.log();
        var modulating = (1.0 - output).pow(gamma);
        var weighting = alpha.Count == 1
            ? modulating * alpha[0]
            : modulating * tensor(alpha.ToArray(), dtype: p.dtype, device: p.device);
        return (weighting * cce).sum([axis]);
    }

    /// <summary>
    /// Keras' <c>dice</c>: <c>1 - 2 sum(t p) / (sum(t) + sum(p) + eps)</c>, the sums over <paramref name="axis"/> (all
    /// axes when null, giving one value).
    /// </summary>
    internal static Tensor Dice(Tensor yTrue, Tensor yPred, long[]? axis)
    {
        var (t, p) = Prepare(yTrue, yPred);
        var intersection = SumOver(t * p, axis);
        return 1.0 - 2.0 * intersection / (SumOver(t, axis) + SumOver(p, axis) + Epsilon);
    }

    /// <summary>
    /// Keras' <c>tversky</c>: <c>1 - TP / (TP + alpha FP + beta FN + eps)</c> with <c>TP = sum(t p)</c>,
    /// <c>FP = sum((1 - t) p)</c> and <c>FN = sum(t (1 - p))</c> over <paramref name="axis"/> (all axes when null).
    /// </summary>
    internal static Tensor Tversky(Tensor yTrue, Tensor yPred, double alpha, double beta, long[]? axis)
    {
        var (t, p) = Prepare(yTrue, yPred);
        var tp = SumOver(t * p, axis);
        var fp = SumOver((1.0 - t) * p, axis);
        var fn = SumOver(t * (1.0 - p), axis);
        return 1.0 - tp / (tp + fp * alpha + fn * beta + Epsilon);
    }

    private static Tensor SumOver(Tensor x, long[]? axis) => axis is null ? x.sum() : x.sum(axis);

    /// <summary>Checks a Dice/Tversky <c>axis</c> against the prediction's rank (Keras' <c>ops.sum</c> would fail the same way).</summary>
    internal static long[]? CheckAxes(int[]? axis, Tensor yPred, string lossName)
    {
        if (axis is null) return null;
        long rank = yPred.dim();
        foreach (var a in axis)
            if (a < -rank || a >= rank)
                throw new ArgumentException(
                    $"{lossName}: axis {a} is out of range for y_pred of rank {rank} (shape {ShapeText(yPred)}).", nameof(axis));
        return axis.Select(a => (long)a).ToArray();
    }

    /// <summary>
    /// Keras' <c>ctc</c>: the CTC negative log-likelihood of each sample. <paramref name="yTrue"/> holds integer labels
    /// <c>(batch, max_label_length)</c> padded with the blank/mask index 0 (each label length is the count of non-zero
    /// entries); <paramref name="yPred"/> holds logits <c>(batch, time, classes)</c>, normalised here with a
    /// <c>log_softmax</c> (as Keras' torch backend does); every sample uses all <c>time</c> steps.
    /// </summary>
    internal static Tensor Ctc(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.dim() != 2)
            throw new ArgumentException(
                "Targets `y_true` are expected to be a tensor of shape `(batch_size, max_length)` in integer format. " +
                $"Received: y_true.shape={ShapeText(yTrue)}", nameof(yTrue));
        if (yPred.dim() != 3)
            throw new ArgumentException(
                "Logits `y_pred` are expected to be a tensor of shape `(batch_size, max_length, num_classes)`. " +
                $"Received: y_pred.shape={ShapeText(yPred)}", nameof(yPred));
        if (yTrue.size(0) != yPred.size(0))
            throw new ArgumentException(
                $"ctc: y_true and y_pred must have the same batch size, but received y_true.shape={ShapeText(yTrue)} and " +
                $"y_pred.shape={ShapeText(yPred)}.", nameof(yTrue));
        const long maskIndex = 0;
        var p = yPred.dtype == ScalarType.Float64 ? yPred : yPred.to_type(ScalarType.Float32);
        var targets = yTrue.to_type(ScalarType.Int64);
        long batch = p.size(0), time = p.size(1);
        var inputLengths = full([batch], time, dtype: ScalarType.Int64, device: p.device);
        var labelLengths = (targets != maskIndex).sum([-1L], type: ScalarType.Int64);
        var logProbs = nn.functional.log_softmax(p.transpose(0, 1), -1);
        return nn.functional.ctc_loss(logProbs, targets, inputLengths, labelLengths, maskIndex, false, nn.Reduction.None);
    }

    /// <summary>Keras' text form of a tensor's shape, e.g. <c>(32, 10)</c>.</summary>
    internal static string ShapeText(Tensor t) => t.dim() == 1 ? $"({t.shape[0]},)" : "(" + string.Join(", ", t.shape) + ")";
}
