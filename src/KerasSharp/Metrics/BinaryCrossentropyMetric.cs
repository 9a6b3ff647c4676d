namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.BinaryCrossentropy</c> (named <c>BinaryCrossentropyMetric</c> here so that it
/// does not clash with <c>KerasSharp.Losses.BinaryCrossentropy</c>): the running mean of the binary cross-entropy.
/// </summary>
public sealed class BinaryCrossentropyMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="fromLogits">Whether predictions are logits (Keras default false).</param>
    /// <param name="labelSmoothing">In [0, 1]: labels become <c>t (1 - s) + 0.5 s</c>.</param>
    /// <param name="name">The log key (Keras default <c>binary_crossentropy</c>).</param>
    public BinaryCrossentropyMetric(bool fromLogits = false, double labelSmoothing = 0.0, string name = "binary_crossentropy")
        : base((t, p) => Losses.LossFunctions.BinaryCrossentropy(t, p, fromLogits, labelSmoothing, -1), name, rowWise: true)
    {
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Label smoothing amount.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        return c;
    }
}
