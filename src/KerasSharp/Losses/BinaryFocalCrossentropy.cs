using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.BinaryFocalCrossentropy</c>: binary cross-entropy times the focal factor
/// <c>(1 - p_t)^gamma</c> with <c>p_t = t p + (1 - t)(1 - p)</c>, optionally weighted by <c>alpha</c> for class 1 and
/// <c>1 - alpha</c> for class 0; mean over <see cref="Axis"/>.
/// </summary>
public sealed class BinaryFocalCrossentropy : Loss, IRowWiseLoss
{
    /// <inheritdoc />
    bool IRowWiseLoss.RowWise => Axis == -1 || Axis >= 1;

    /// <summary>Creates the loss.</summary>
    /// <param name="applyClassBalancing">Whether to weight classes by <paramref name="alpha"/> (Keras default false).</param>
    /// <param name="alpha">Weight of class 1 when balancing (Keras default 0.25).</param>
    /// <param name="gamma">Focusing parameter (Keras default 2.0).</param>
    /// <param name="fromLogits">Whether predictions are logits (a sigmoid is applied first).</param>
    /// <param name="labelSmoothing">In [0, 1]: labels become <c>t (1 - s) + 0.5 s</c>.</param>
    /// <param name="axis">The axis averaged over (Keras default -1).</param>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public BinaryFocalCrossentropy(bool applyClassBalancing = false, double alpha = 0.25, double gamma = 2.0, bool fromLogits = false,
        double labelSmoothing = 0.0, int axis = -1, string? reduction = "sum_over_batch_size", string name = "binary_focal_crossentropy")
        : base(name, reduction)
    {
        Internal.Guard.InRange(labelSmoothing, 0, 1, nameof(labelSmoothing));
        Internal.Guard.NonNegative(gamma, nameof(gamma));
        ApplyClassBalancing = applyClassBalancing;
        Alpha = alpha;
        Gamma = gamma;
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
        Axis = axis;
    }

    /// <summary>Whether classes are weighted by <see cref="Alpha"/>.</summary>
    public bool ApplyClassBalancing { get; }

    /// <summary>Weight of class 1 when balancing.</summary>
    public double Alpha { get; }

    /// <summary>Focusing parameter.</summary>
    public double Gamma { get; }

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Label smoothing amount.</summary>
    public double LabelSmoothing { get; }

    /// <summary>The axis averaged over.</summary>
    public int Axis { get; }

    /// <inheritdoc />
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        return LossFunctions.BinaryFocalCrossentropy(yTrue, yPred, ApplyClassBalancing, Alpha, Gamma, FromLogits, LabelSmoothing, Axis)
            .MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["apply_class_balancing"] = ApplyClassBalancing;
        c["alpha"] = Alpha;
        c["gamma"] = Gamma;
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        c["axis"] = Axis;
        return c;
    }
}
