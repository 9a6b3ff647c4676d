using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.SparseCategoricalCrossentropy</c>: categorical cross-entropy with integer labels of the
/// prediction's shape without its class axis <see cref="Axis"/> (e.g. <c>(batch)</c> or <c>(batch, 1)</c>; any integer
/// dtype, or floats holding integers). Probabilities are
/// renormalised and clipped to [1e-7, 1 - 1e-7] as in <see cref="CategoricalCrossentropy"/> (softmax outputs are
/// computed from their logits, as there); logits use <c>log_softmax</c>. Labels outside [0, classes) raise an <see cref="ArgumentException"/> (checked with one
/// min/max read-back per call). Labels equal to <see cref="IgnoreClass"/> contribute 0 and are left out of the
/// <c>sum_over_batch_size</c> average, as Keras' mask does.
/// </summary>
public sealed class SparseCategoricalCrossentropy : Loss, IRowWiseLoss
{
    /// <inheritdoc />
    bool IRowWiseLoss.RowWise => IgnoreClass is null && (Axis == -1 || Axis >= 1);

    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether predictions are logits (Keras default false: probabilities).</param>
    /// <param name="ignoreClass">A label value to ignore (e.g. -1 or 255 in segmentation), or null.</param>
    /// <param name="axis">The class axis of the predictions (Keras default -1; e.g. 1 for channels-first segmentation).</param>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public SparseCategoricalCrossentropy(bool fromLogits = false, int? ignoreClass = null, int axis = -1,
        string? reduction = "sum_over_batch_size", string name = "sparse_categorical_crossentropy") : base(name, reduction)
    {
        FromLogits = fromLogits;
        IgnoreClass = ignoreClass;
        Axis = axis;
    }

    /// <inheritdoc />
    internal override bool ExpectsSparseTargets => true;

    /// <summary>Checks all labels at once (one read-back) against the number of classes of the predictions.</summary>
    internal override void ValidateTargets(Tensor yTrue, Shape predictionShape)
    {
        int rank = predictionShape.Rank;
        if (yTrue.numel() == 0 || rank == 0 || Axis < -rank || Axis >= rank) return;
        if (predictionShape[Axis < 0 ? Axis + rank : Axis] is not long classes) return;
        using var scope = NewDisposeScope();
        var labels = yTrue.to_type(ScalarType.Float64);
        if (IgnoreClass is int ignore)
            labels = labels.masked_select(labels.ne((double)ignore));
        if (labels.numel() == 0) return;
        var range = stack([labels.min(), labels.max()]).cpu().data<double>().ToArray();
        if (range[0] < 0 || range[1] >= classes || labels.ne(labels.round()).any().item<bool>())
            throw new ArgumentException(
                $"Loss \"{Name}\": received labels in the range [{range[0]}, {range[1]}] but y_pred has {classes} classes; " +
                $"sparse categorical labels must be integers in [0, {classes - 1}].", "y");
    }

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>The ignored label value, or null.</summary>
    public int? IgnoreClass { get; }

    /// <summary>The class axis of the predictions.</summary>
    public int Axis { get; }

    /// <inheritdoc />
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        return LossFunctions.SparseCategoricalCrossentropy(yTrue, yPred, FromLogits, IgnoreClass, validate: !TargetsPrevalidated, Name, Axis)
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// As <see cref="Loss.Compute"/>; with <see cref="IgnoreClass"/> set, ignored positions are masked out of the
    /// reduction (Keras' <c>apply_mask</c>: <c>sum_over_batch_size</c> divides by the number of valid positions).
    /// </summary>
    public override Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        if (IgnoreClass is not int ignore) return base.Compute(yTrue, yPred, sampleWeight);
        using var scope = NewDisposeScope();
        var values = Call(yTrue, yPred);
        var labels = yTrue.dim() == yPred.dim() && yTrue.shape[^1] == 1 ? yTrue.squeeze(-1) : yTrue;
        var mask = (labels != (double)ignore).to_type(values.dtype);
        if (Reduction is "sum_over_batch_size" or "mean")
        {
            var valid = mask.sum();
            mask = mask * where(valid > 0, mask.numel() / valid, zeros_like(valid));
        }
        var w = mask;
        if (sampleWeight is not null)
        {
            var sw = sampleWeight.to_type(values.dtype);
            while (sw.dim() > w.dim() && sw.shape[^1] == 1) sw = sw.squeeze(-1);
            while (sw.dim() < w.dim()) sw = sw.unsqueeze(-1);
            w = w * sw;
        }
        values = values * w;
        if (ReducesNothing) return values.MoveToOuterDisposeScope();
        var result = Reduction switch
        {
            "sum" => values.sum(),
            "mean_with_sample_weight" => DivideNoNan(values.sum(), w.sum()),
            _ => values.numel() == 0 ? zeros(1, values.dtype, values.device).squeeze() : values.mean(),
        };
        return result.MoveToOuterDisposeScope();
    }

    private static Tensor DivideNoNan(Tensor a, Tensor b) => where(b != 0, a / b, zeros_like(a));

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["ignore_class"] = IgnoreClass;
        c["axis"] = Axis;
        return c;
    }
}
