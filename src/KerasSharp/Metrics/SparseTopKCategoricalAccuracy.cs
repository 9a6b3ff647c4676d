namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.SparseTopKCategoricalAccuracy</c>: how often the target class (integer targets) is among the
/// <see cref="K"/> largest predictions (a tie with the k-th largest counts as a hit, as Keras' <c>in_top_k</c>).
/// </summary>
public sealed class SparseTopKCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="k">How many top predictions to look at (Keras default 5).</param>
    /// <param name="name">The log key (Keras default <c>sparse_top_k_categorical_accuracy</c>).</param>
    public SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy")
        : base((t, p) => MetricFunctions.SparseTopKCategoricalAccuracy(t, p, k), name, rowWise: true)
    {
        Internal.Guard.Positive(k, nameof(k));
        K = k;
    }

    /// <summary>How many top predictions count.</summary>
    public int K { get; }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["k"] = K;
        return c;
    }
}
