using KerasSharp.Internal;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.get</c> plus compile's name handling: resolves a metric name to a new
/// <see cref="Metric"/> whose <see cref="Metric.Name"/> (the log key) is the string passed. <c>"accuracy"</c> and
/// <c>"acc"</c> in any case (so also <c>"Accuracy"</c>, as Keras' compile lower-cases them) pick binary, sparse
/// categorical or categorical accuracy from the shapes at the first update; the exact-equality
/// <c>keras.metrics.Accuracy</c> is <c>new Accuracy()</c>. Unknown names raise an <see cref="ArgumentException"/>
/// that lists every valid name.
/// </summary>
public static class MetricRegistry
{
    private static readonly Registry<Metric> Table = new Registry<Metric>("metric", StringComparer.Ordinal)
        .Add(() => new ShapeResolvedAccuracy("accuracy"), "accuracy", "acc", "Accuracy")
        .Add(() => new BinaryAccuracy(), "binary_accuracy", "BinaryAccuracy")
        .Add(() => new CategoricalAccuracy(), "categorical_accuracy", "CategoricalAccuracy")
        .Add(() => new SparseCategoricalAccuracy(), "sparse_categorical_accuracy", "SparseCategoricalAccuracy")
        .Add(() => new TopKCategoricalAccuracy(), "top_k_categorical_accuracy", "TopKCategoricalAccuracy")
        .Add(() => new SparseTopKCategoricalAccuracy(), "sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy")
        .Add(() => new MeanSquaredErrorMetric(), "mean_squared_error", "mse", "MSE", "MeanSquaredError")
        .Add(() => new MeanAbsoluteErrorMetric(), "mean_absolute_error", "mae", "MAE", "MeanAbsoluteError")
        .Add(() => new MeanAbsolutePercentageErrorMetric(), "mean_absolute_percentage_error", "mape", "MAPE", "MeanAbsolutePercentageError")
        .Add(() => new MeanSquaredLogarithmicErrorMetric(), "mean_squared_logarithmic_error", "msle", "MSLE", "MeanSquaredLogarithmicError")
        .Add(() => new RootMeanSquaredError(), "root_mean_squared_error", "RootMeanSquaredError")
        .Add(() => new R2Score(), "r2_score", "R2Score")
        .Add(() => new AUC(), "auc", "AUC")
        .Add(() => new Precision(), "precision", "Precision")
        .Add(() => new Recall(), "recall", "Recall")
        .Add(() => new F1Score(), "f1_score", "F1Score")
        .Add(() => new FBetaScore(), "f_beta_score", "FBetaScore")
        .Add(() => new TruePositives(), "true_positives", "TruePositives")
        .Add(() => new FalsePositives(), "false_positives", "FalsePositives")
        .Add(() => new TrueNegatives(), "true_negatives", "TrueNegatives")
        .Add(() => new FalseNegatives(), "false_negatives", "FalseNegatives")
        .Add(() => new BinaryCrossentropyMetric(), "binary_crossentropy", "bce", "BCE", "BinaryCrossentropy")
        .Add(() => new CategoricalCrossentropyMetric(), "categorical_crossentropy", "CategoricalCrossentropy")
        .Add(() => new SparseCategoricalCrossentropyMetric(), "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy")
        .Add(() => new KLDivergenceMetric(), "kl_divergence", "KLDivergence")
        .Add(() => new PoissonMetric(), "poisson", "Poisson")
        .Add(() => new HingeMetric(), "hinge", "Hinge")
        .Add(() => new SquaredHingeMetric(), "squared_hinge", "SquaredHinge")
        .Add(() => new CategoricalHingeMetric(), "categorical_hinge", "CategoricalHinge")
        .Add(() => new LogCoshError(), "log_cosh_error", "logcosh", "LogCoshError")
        .Add(() => new CosineSimilarityMetric(), "cosine_similarity", "CosineSimilarity");

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="Metric"/> for <paramref name="name"/>, named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Metric Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.ToLowerInvariant();
        var metric = lower is "accuracy" or "acc" ? new ShapeResolvedAccuracy(name) : Table.Get(name, nameof(name));
        metric.Name = name;
        return metric;
    }
}
