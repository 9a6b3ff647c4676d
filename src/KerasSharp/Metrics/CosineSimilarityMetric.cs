namespace KerasSharp.Metrics;

/// <summary>
/// Mirrors Keras' <c>keras.metrics.CosineSimilarity</c> (named <c>CosineSimilarityMetric</c> here so that it does
/// not clash with <c>KerasSharp.Losses.CosineSimilarity</c>): the running mean of the cosine similarity
/// <c>sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)</c>; unlike the loss it is positive (1 = same direction).
/// </summary>
public sealed class CosineSimilarityMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="axis">The feature axis (Keras default -1).</param>
    /// <param name="name">The log key (Keras default <c>cosine_similarity</c>).</param>
    public CosineSimilarityMetric(int axis = -1, string name = "cosine_similarity")
        : base((t, p) => Losses.LossFunctions.CosineSimilarity(t, p, axis), name, rowWise: axis == -1 || axis >= 1) => Axis = axis;

    /// <summary>The feature axis.</summary>
    public int Axis { get; }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis;
        return c;
    }
}
