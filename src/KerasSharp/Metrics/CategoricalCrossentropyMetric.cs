namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.CategoricalCrossentropy</c> (named <c>CategoricalCrossentropyMetric</c> here so
/// that it does not clash with <c>KerasSharp.Losses.CategoricalCrossentropy</c>): the running mean of the
/// categorical cross-entropy of one-hot targets.
/// </summary>
public sealed class CategoricalCrossentropyMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="fromLogits">Whether predictions are logits (Keras default false).</param>
    /// <param name="labelSmoothing">In [0, 1]: labels become <c>t (1 - s) + s / classes</c>.</param>
    /// <param name="axis">The class axis (Keras default -1).</param>
    /// <param name="name">The log key (Keras default <c>categorical_crossentropy</c>).</param>
    public CategoricalCrossentropyMetric(bool fromLogits = false, double labelSmoothing = 0.0, int axis = -1, string name = "categorical_crossentropy")
        : base((t, p) => Losses.LossFunctions.CategoricalCrossentropy(t, p, fromLogits, labelSmoothing, axis, "categorical_crossentropy"), name, rowWise: axis == -1 || axis >= 1)
    {
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
