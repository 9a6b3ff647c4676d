namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.SparseCategoricalCrossentropy</c> (named
/// <c>SparseCategoricalCrossentropyMetric</c> here so that it does not clash with
/// <c>KerasSharp.Losses.SparseCategoricalCrossentropy</c>): the running mean of the sparse categorical
/// cross-entropy. Unlike the loss it does not read labels back to check their range (updates never synchronise
/// with the host); out-of-range labels are clamped, and the loss computed in the same step reports them.
/// </summary>
public sealed class SparseCategoricalCrossentropyMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="fromLogits">Whether predictions are logits (Keras default false).</param>
    /// <param name="name">The log key (Keras default <c>sparse_categorical_crossentropy</c>).</param>
    public SparseCategoricalCrossentropyMetric(bool fromLogits = false, string name = "sparse_categorical_crossentropy")
        : base((t, p) => Losses.LossFunctions.SparseCategoricalCrossentropy(t, p, fromLogits, null, validate: false, "sparse_categorical_crossentropy"), name, rowWise: true)
        => FromLogits = fromLogits;

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        return c;
    }
}
