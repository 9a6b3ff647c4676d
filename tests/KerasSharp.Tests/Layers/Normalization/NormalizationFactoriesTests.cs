using KerasSharp.Tests.TestSupport;
using KerasSharp.Layers;
using KerasSharp.Regularizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Normalization;

[Collection(GlobalState.Name)]

public class NormalizationFactoriesTests
{
    [Fact]
    public void FactoriesPassTheirArguments()
    {
        var bn = BatchNormalization(momentum: 0.9, epsilon: 1e-5, center: false, name: "bn_f");
        Assert.Equal(("bn_f", 0.9, 1e-5, false), (bn.Name, bn.Momentum, bn.Epsilon, bn.Center));
        var ln = LayerNormalization(axis: new[] { 1, 2 }, rmsScaling: true);
        Assert.Equal(new[] { 1, 2 }, ln.Axis.Values);
        Assert.True(ln.RmsScaling);
        var gn = GroupNormalization(groups: 4, axis: 1);
        Assert.Equal((4, 1), (gn.Groups, gn.Axis));
        Assert.Equal(new[] { 2 }, UnitNormalization(axis: 2).Axis.Values);
    }

    [Fact]
    public void DefaultNamesAreKerasSnakeCase()
    {
        Assert.StartsWith("batch_normalization", new BatchNormalization().Name);
        Assert.StartsWith("layer_normalization", new LayerNormalization().Name);
        Assert.StartsWith("group_normalization", new GroupNormalization().Name);
        Assert.StartsWith("unit_normalization", new UnitNormalization().Name);
    }

    [Fact]
    public void GammaBetaRegularizersJoinTheLosses()
    {
        var bn = new BatchNormalization(gammaRegularizer: new L2(0.5), betaRegularizer: "l1");
        bn.EnsureBuilt([null, 2]);
        // gamma = [1, 1]: 0.5 * (1 + 1) = 1; beta = [0, 0]: 0
        var losses = bn.Losses;
        Assert.Equal(2, losses.Count);
        Assert.Equal(1.0, losses.Sum(l => l.item<float>()), 5);
        Assert.Equal("L2", ((Dictionary<string, object?>)bn.GetConfig()["gamma_regularizer"]!)["class_name"]);
        var ln = new LayerNormalization(gammaRegularizer: new L2(1.0));
        ln.EnsureBuilt([null, 3]);
        Assert.Equal(3.0, ln.Losses.Single().item<float>(), 5);
    }

    [Fact]
    public void FrozenBatchNormalizationInAModelKeepsItsStatisticsDuringFit()
    {
        Keras.Utils.SetRandomSeed(6);
        var bn = new BatchNormalization { Trainable = false };
        var model = new Sequential([bn, new Dense(1)]);
        model.Compile(new KerasSharp.Optimizers.SGD(learningRate: 0.1), new KerasSharp.Losses.MeanSquaredError());
        model.TrainOnBatch(randn(8, 3) + 5, randn(8, 1));
        KerasSharp.Tests.TestSupport.TensorAssert.Close([0, 0, 0], bn.MovingMean!);
        KerasSharp.Tests.TestSupport.TensorAssert.Close([1, 1, 1], bn.Gamma!);
    }
}
