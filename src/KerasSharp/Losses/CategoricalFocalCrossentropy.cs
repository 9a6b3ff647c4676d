using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.CategoricalFocalCrossentropy</c> (Lin et al., 2018) for one-hot labels:
/// <c>sum(alpha * (1 - p)^gamma * -t log p, axis)</c>, where <c>p</c> is the prediction renormalised to sum 1 over
/// <see cref="Axis"/> and clipped to [1e-7, 1 - 1e-7] (after a softmax when <see cref="FromLogits"/>). The focal factor
/// <c>(1 - p)^gamma</c> down-weights easy examples; <see cref="Alpha"/> weights all classes alike, or each class when it
/// holds one value per class.
/// </summary>
public sealed class CategoricalFocalCrossentropy : Loss, IRowWiseLoss
{
    private readonly bool alphaPerClass;

    /// <inheritdoc />
    bool IRowWiseLoss.RowWise => Axis == -1 || Axis >= 1;

    /// <summary>Creates the loss with one <paramref name="alpha"/> for every class.</summary>
    /// <param name="alpha">Weight of every class (Keras default 0.25).</param>
    /// <param name="gamma">Focusing parameter, at least 0 (Keras default 2.0; 0 gives <c>alpha</c> times cross-entropy).</param>
    /// <param name="fromLogits">Whether predictions are logits (a softmax over <paramref name="axis"/> is applied first).</param>
    /// <param name="labelSmoothing">In [0, 1]: labels become <c>t (1 - s) + s / classes</c>.</param>
    /// <param name="axis">The class axis (Keras default -1).</param>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public CategoricalFocalCrossentropy(double alpha = 0.25, double gamma = 2.0, bool fromLogits = false, double labelSmoothing = 0.0,
        int axis = -1, string? reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy")
        : this([alpha], false, gamma, fromLogits, labelSmoothing, axis, reduction, name)
    {
    }

    /// <summary>Creates the loss with one weight per class (Keras' <c>alpha</c> given as a list).</summary>
    /// <param name="alpha">One weight per class, in the order of the last axis of the predictions.</param>
    /// <param name="gamma">Focusing parameter, at least 0 (Keras default 2.0).</param>
    /// <param name="fromLogits">Whether predictions are logits (a softmax over <paramref name="axis"/> is applied first).</param>
    /// <param name="labelSmoothing">In [0, 1]: labels become <c>t (1 - s) + s / classes</c>.</param>
    /// <param name="axis">The class axis (Keras default -1).</param>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public CategoricalFocalCrossentropy(IReadOnlyList<double> alpha, double gamma = 2.0, bool fromLogits = false, double labelSmoothing = 0.0,
        int axis = -1, string? reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy")
        : this(CheckAlpha(alpha), true, gamma, fromLogits, labelSmoothing, axis, reduction, name)
    {
    }

    private CategoricalFocalCrossentropy(double[] alpha, bool perClass, double gamma, bool fromLogits, double labelSmoothing, int axis,
        string? reduction, string name) : base(name, reduction)
    {
        Internal.Guard.InRange(labelSmoothing, 0, 1, nameof(labelSmoothing));
        Internal.Guard.NonNegative(gamma, nameof(gamma));
        Alpha = alpha;
        alphaPerClass = perClass;
        Gamma = gamma;
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
        Axis = axis;
    }

    private static double[] CheckAlpha(IReadOnlyList<double> alpha)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        if (alpha.Count == 0)
            throw new ArgumentException("alpha must hold one weight per class, but received an empty list.", nameof(alpha));
        return alpha.ToArray();
    }

    /// <summary>The class weights: one value for every class, or one per class.</summary>
    public IReadOnlyList<double> Alpha { get; }

    /// <summary>Focusing parameter.</summary>
    public double Gamma { get; }

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Label smoothing amount.</summary>
    public double LabelSmoothing { get; }

    /// <summary>The class axis.</summary>
    public int Axis { get; }

    /// <inheritdoc />
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        return LossFunctions.CategoricalFocalCrossentropy(yTrue, yPred, Alpha, Gamma, FromLogits, LabelSmoothing, Axis, Name)
            .MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        c["axis"] = Axis;
        c["alpha"] = alphaPerClass ? Alpha.ToArray() : Alpha[0];
        c["gamma"] = Gamma;
        return c;
    }
}
