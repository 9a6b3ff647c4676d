using KerasSharp.Metrics;

namespace KerasSharp.Tests.Metrics;

public class MetricRegistryTests
{
    public static IEnumerable<object[]> Expected() => new (string Name, Type Type)[]
    {
        ("accuracy", typeof(ShapeResolvedAccuracy)), ("acc", typeof(ShapeResolvedAccuracy)), ("Accuracy", typeof(ShapeResolvedAccuracy)),
        ("binary_accuracy", typeof(BinaryAccuracy)), ("BinaryAccuracy", typeof(BinaryAccuracy)),
        ("categorical_accuracy", typeof(CategoricalAccuracy)), ("CategoricalAccuracy", typeof(CategoricalAccuracy)),
        ("sparse_categorical_accuracy", typeof(SparseCategoricalAccuracy)), ("SparseCategoricalAccuracy", typeof(SparseCategoricalAccuracy)),
        ("top_k_categorical_accuracy", typeof(TopKCategoricalAccuracy)), ("TopKCategoricalAccuracy", typeof(TopKCategoricalAccuracy)),
        ("sparse_top_k_categorical_accuracy", typeof(SparseTopKCategoricalAccuracy)), ("SparseTopKCategoricalAccuracy", typeof(SparseTopKCategoricalAccuracy)),
        ("mean_squared_error", typeof(MeanSquaredErrorMetric)), ("mse", typeof(MeanSquaredErrorMetric)), ("MSE", typeof(MeanSquaredErrorMetric)), ("MeanSquaredError", typeof(MeanSquaredErrorMetric)),
        ("mean_absolute_error", typeof(MeanAbsoluteErrorMetric)), ("mae", typeof(MeanAbsoluteErrorMetric)), ("MAE", typeof(MeanAbsoluteErrorMetric)), ("MeanAbsoluteError", typeof(MeanAbsoluteErrorMetric)),
        ("mean_absolute_percentage_error", typeof(MeanAbsolutePercentageErrorMetric)), ("mape", typeof(MeanAbsolutePercentageErrorMetric)), ("MAPE", typeof(MeanAbsolutePercentageErrorMetric)), ("MeanAbsolutePercentageError", typeof(MeanAbsolutePercentageErrorMetric)),
        ("mean_squared_logarithmic_error", typeof(MeanSquaredLogarithmicErrorMetric)), ("msle", typeof(MeanSquaredLogarithmicErrorMetric)), ("MSLE", typeof(MeanSquaredLogarithmicErrorMetric)), ("MeanSquaredLogarithmicError", typeof(MeanSquaredLogarithmicErrorMetric)),
        ("root_mean_squared_error", typeof(RootMeanSquaredError)), ("RootMeanSquaredError", typeof(RootMeanSquaredError)),
        ("r2_score", typeof(R2Score)), ("R2Score", typeof(R2Score)),
        ("auc", typeof(AUC)), ("AUC", typeof(AUC)), ("precision", typeof(Precision)), ("Precision", typeof(Precision)),
        ("recall", typeof(Recall)), ("Recall", typeof(Recall)), ("f1_score", typeof(F1Score)), ("F1Score", typeof(F1Score)),
        ("f_beta_score", typeof(FBetaScore)), ("FBetaScore", typeof(FBetaScore)),
        ("true_positives", typeof(TruePositives)), ("TruePositives", typeof(TruePositives)),
        ("false_positives", typeof(FalsePositives)), ("FalsePositives", typeof(FalsePositives)),
        ("true_negatives", typeof(TrueNegatives)), ("TrueNegatives", typeof(TrueNegatives)),
        ("false_negatives", typeof(FalseNegatives)), ("FalseNegatives", typeof(FalseNegatives)),
        ("binary_crossentropy", typeof(BinaryCrossentropyMetric)), ("bce", typeof(BinaryCrossentropyMetric)), ("BCE", typeof(BinaryCrossentropyMetric)), ("BinaryCrossentropy", typeof(BinaryCrossentropyMetric)),
        ("categorical_crossentropy", typeof(CategoricalCrossentropyMetric)), ("CategoricalCrossentropy", typeof(CategoricalCrossentropyMetric)),
        ("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropyMetric)), ("SparseCategoricalCrossentropy", typeof(SparseCategoricalCrossentropyMetric)),
        ("kl_divergence", typeof(KLDivergenceMetric)), ("KLDivergence", typeof(KLDivergenceMetric)),
        ("poisson", typeof(PoissonMetric)), ("Poisson", typeof(PoissonMetric)),
        ("hinge", typeof(HingeMetric)), ("Hinge", typeof(HingeMetric)), ("squared_hinge", typeof(SquaredHingeMetric)), ("SquaredHinge", typeof(SquaredHingeMetric)),
        ("categorical_hinge", typeof(CategoricalHingeMetric)), ("CategoricalHinge", typeof(CategoricalHingeMetric)),
        ("log_cosh_error", typeof(LogCoshError)), ("logcosh", typeof(LogCoshError)), ("LogCoshError", typeof(LogCoshError)),
        ("cosine_similarity", typeof(CosineSimilarityMetric)), ("CosineSimilarity", typeof(CosineSimilarityMetric)),
    }.Select(e => new object[] { e.Name, e.Type });

    [Theory]
    [MemberData(nameof(Expected))]
    public void NameResolvesAndBecomesTheLogKey(string name, Type type)
    {
        Metric m = name;
        Assert.IsType(type, m);
        Assert.Equal(name, m.Name);
    }

    [Fact]
    public void EveryRegisteredNameIsCovered()
    {
        var covered = Expected().Select(e => (string)e[0]).ToHashSet();
        Assert.All(MetricRegistry.Names, n => Assert.Contains(n, covered));
    }

    [Fact]
    public void AnyCaseOfAccuracyResolvesByShape()
    {
        var m = MetricRegistry.Get("ACC");
        Assert.IsType<ShapeResolvedAccuracy>(m);
        Assert.Equal("ACC", m.Name);
    }

    [Fact]
    public void UnknownNameListsValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => MetricRegistry.Get("acuracy"));
        Assert.Contains("acuracy", ex.Message);
        Assert.Contains("accuracy", ex.Message);
        Assert.Contains("root_mean_squared_error", ex.Message);
    }
}
