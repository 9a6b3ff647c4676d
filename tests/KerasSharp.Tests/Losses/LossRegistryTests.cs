using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

public class LossRegistryTests
{
    public static IEnumerable<object[]> Expected() => new (string Name, Type Type)[]
    {
        ("mean_squared_error", typeof(MeanSquaredError)), ("mse", typeof(MeanSquaredError)), ("MSE", typeof(MeanSquaredError)), ("MeanSquaredError", typeof(MeanSquaredError)),
        ("mean_absolute_error", typeof(MeanAbsoluteError)), ("mae", typeof(MeanAbsoluteError)), ("MAE", typeof(MeanAbsoluteError)), ("MeanAbsoluteError", typeof(MeanAbsoluteError)),
        ("mean_absolute_percentage_error", typeof(MeanAbsolutePercentageError)), ("mape", typeof(MeanAbsolutePercentageError)), ("MAPE", typeof(MeanAbsolutePercentageError)), ("MeanAbsolutePercentageError", typeof(MeanAbsolutePercentageError)),
        ("mean_squared_logarithmic_error", typeof(MeanSquaredLogarithmicError)), ("msle", typeof(MeanSquaredLogarithmicError)), ("MSLE", typeof(MeanSquaredLogarithmicError)), ("MeanSquaredLogarithmicError", typeof(MeanSquaredLogarithmicError)),
        ("binary_crossentropy", typeof(BinaryCrossentropy)), ("bce", typeof(BinaryCrossentropy)), ("BCE", typeof(BinaryCrossentropy)), ("BinaryCrossentropy", typeof(BinaryCrossentropy)),
        ("categorical_crossentropy", typeof(CategoricalCrossentropy)), ("CategoricalCrossentropy", typeof(CategoricalCrossentropy)),
        ("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy)), ("SparseCategoricalCrossentropy", typeof(SparseCategoricalCrossentropy)),
        ("kl_divergence", typeof(KLDivergence)), ("kld", typeof(KLDivergence)), ("KLD", typeof(KLDivergence)), ("kullback_leibler_divergence", typeof(KLDivergence)), ("KLDivergence", typeof(KLDivergence)),
        ("huber", typeof(Huber)), ("Huber", typeof(Huber)),
        ("log_cosh", typeof(LogCosh)), ("logcosh", typeof(LogCosh)), ("LogCosh", typeof(LogCosh)),
        ("hinge", typeof(Hinge)), ("Hinge", typeof(Hinge)), ("squared_hinge", typeof(SquaredHinge)), ("SquaredHinge", typeof(SquaredHinge)),
        ("categorical_hinge", typeof(CategoricalHinge)), ("CategoricalHinge", typeof(CategoricalHinge)),
        ("poisson", typeof(Poisson)), ("Poisson", typeof(Poisson)),
        ("cosine_similarity", typeof(CosineSimilarity)), ("CosineSimilarity", typeof(CosineSimilarity)),
        ("binary_focal_crossentropy", typeof(BinaryFocalCrossentropy)), ("BinaryFocalCrossentropy", typeof(BinaryFocalCrossentropy)),
        ("categorical_focal_crossentropy", typeof(CategoricalFocalCrossentropy)), ("CategoricalFocalCrossentropy", typeof(CategoricalFocalCrossentropy)),
        ("dice", typeof(Dice)), ("Dice", typeof(Dice)), ("tversky", typeof(Tversky)), ("Tversky", typeof(Tversky)),
        ("ctc", typeof(CTC)), ("CTC", typeof(CTC)),
        ("crossentropy", typeof(ShapeResolvedCrossentropy)), ("ce", typeof(ShapeResolvedCrossentropy)),
    }.Select(e => new object[] { e.Name, e.Type });

    [Theory]
    [MemberData(nameof(Expected))]
    public void NameResolves(string name, Type type)
    {
        Loss loss = name;
        Assert.IsType(type, loss);
    }

    [Fact]
    public void EveryRegisteredNameIsCovered()
    {
        var covered = Expected().Select(e => (string)e[0]).ToHashSet();
        Assert.All(LossRegistry.Names, n => Assert.Contains(n, covered));
    }

    [Fact]
    public void FunctionNamesNameTheLossClassNamesKeepDefaults()
    {
        Assert.Equal("mse", LossRegistry.Get("mse").Name);
        Assert.Equal("mean_squared_error", LossRegistry.Get("MeanSquaredError").Name);
        Assert.Equal("huber_loss", LossRegistry.Get("Huber").Name);
    }

    [Fact]
    public void UnknownNameListsValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => LossRegistry.Get("mean_sqared_error"));
        Assert.Contains("mean_sqared_error", ex.Message);
        Assert.Contains("mean_squared_error", ex.Message);
        Assert.Contains("sparse_categorical_crossentropy", ex.Message);
    }

    [Fact]
    public void FuncConvertsToALoss()
    {
        Loss loss = (Func<Tensor, Tensor, Tensor>)((t, p) => (t - p).abs().sum([-1L]));
        // per sample |1-3| + |2-2| = 2 and 1; mean 1.5
        TensorAssert.Close(1.5, loss.Compute(T.F([1, 2, 0, 0], 2, 2), T.F([3, 2, 1, 0], 2, 2)));
    }

    [Fact]
    public void CrossentropyResolvesFromShapes()
    {
        var bin = (ShapeResolvedCrossentropy)LossRegistry.Get("ce");
        TensorAssert.Close(0.2231436, bin.Compute(T.F([1], 1, 1), T.F([0.8f], 1, 1)), 1e-6);
        Assert.IsType<BinaryCrossentropy>(bin.Resolved);
        Assert.Equal("ce", bin.Name);

        var sparse = (ShapeResolvedCrossentropy)LossRegistry.Get("crossentropy");
        sparse.Compute(tensor(new long[] { 1 }), T.F([0.1f, 0.8f, 0.1f], 1, 3));
        Assert.IsType<SparseCategoricalCrossentropy>(sparse.Resolved);

        var cat = (ShapeResolvedCrossentropy)LossRegistry.Get("CE");
        TensorAssert.Close(0.2231436, cat.Compute(T.F([0, 1, 0], 1, 3), T.F([0.1f, 0.8f, 0.1f], 1, 3)), 1e-6);
        Assert.IsType<CategoricalCrossentropy>(cat.Resolved);
    }
}
