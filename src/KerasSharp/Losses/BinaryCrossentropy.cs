using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.BinaryCrossentropy</c>: <c>-(t log p + (1 - t) log(1 - p))</c> averaged over
/// <see cref="Axis"/>. Probabilities are clipped to [1e-7, 1 - 1e-7]; with <see cref="FromLogits"/> the stable
/// logits form <c>max(x, 0) - x t + log(1 + exp(-|x|))</c> is used, also for predictions that come straight from a
/// sigmoid (their logits are used, as Keras' default TensorFlow backend does).
/// </summary>
public sealed class BinaryCrossentropy : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether predictions are logits (Keras default false: probabilities).</param>
    /// <param name="labelSmoothing">In [0, 1]: labels become <c>t (1 - s) + 0.5 s</c>.</param>
    /// <param name="axis">The axis averaged over (Keras default -1).</param>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0.0, int axis = -1,
        string? reduction = "sum_over_batch_size", string name = "binary_crossentropy")
        : base((yTrue, yPred) => LossFunctions.BinaryCrossentropy(yTrue, yPred, fromLogits, labelSmoothing, axis), name, reduction, rowWise: axis == -1 || axis >= 1)
    {
        Internal.Guard.InRange(labelSmoothing, 0, 1, nameof(labelSmoothing));
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
        Axis = axis;
    }

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Label smoothing amount.</summary>
    public double LabelSmoothing { get; }

    /// <summary>The axis averaged over.</summary>
    public int Axis { get; }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        c["axis"] = Axis;
        return c;
    }
}
