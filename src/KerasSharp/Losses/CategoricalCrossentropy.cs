using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.CategoricalCrossentropy</c> for one-hot labels: <c>-sum(t log p, axis)</c>. Probabilities
/// are renormalised to sum 1 over <see cref="Axis"/> and clipped to [1e-7, 1 - 1e-7] before the log; with
/// <see cref="FromLogits"/> a <c>log_softmax</c> is used. Predictions that come straight from a softmax over the same
/// axis (<c>Dense(..., "softmax")</c>, <c>Activation("softmax")</c>, <c>Softmax</c>) are computed from their logits, as
/// Keras' default TensorFlow backend does (<c>_keras_logits</c>): no clipping, no vanishing gradient when saturated.
/// </summary>
public sealed class CategoricalCrossentropy : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether predictions are logits (Keras default false: probabilities).</param>
    /// <param name="labelSmoothing">In [0, 1]: labels become <c>t (1 - s) + s / classes</c>.</param>
    /// <param name="axis">The class axis (Keras default -1).</param>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0.0, int axis = -1,
        string? reduction = "sum_over_batch_size", string name = "categorical_crossentropy")
        : base((yTrue, yPred) => LossFunctions.CategoricalCrossentropy(yTrue, yPred, fromLogits, labelSmoothing, axis, name), name, reduction, rowWise: axis == -1 || axis >= 1)
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

    /// <summary>The class axis.</summary>
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
