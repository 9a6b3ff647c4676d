using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Normalization;

[Collection(GlobalState.Name)]

public class BatchNormalizationTests
{
    // Two samples, two features: feature 0 = [1, 3] (mean 2, biased variance 1), feature 1 = [2, 6] (mean 4, variance 4).
    private static Tensor TinyBatch() => tensor(new float[] { 1, 2, 3, 6 }).reshape(2, 2);

    [Fact]
    public void HarnessRank2AndRank4()
    {
        LayerTest.Run(() => new BatchNormalization(), [4, 3], [4, 3], trainableWeights: 2, nonTrainableWeights: 2);
        LayerTest.Run(() => new BatchNormalization(), [2, 4, 4, 3], [2, 4, 4, 3], trainableWeights: 2, nonTrainableWeights: 2);
        LayerTest.Run(() => new BatchNormalization(center: false, scale: false), [4, 3], [4, 3], trainableWeights: 0, nonTrainableWeights: 2);
    }

    [Fact]
    public void WeightsAreCreatedInKerasOrderWithKerasNamesAndShapes()
    {
        var bn = new BatchNormalization();
        bn.EnsureBuilt([null, 5]);
        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], bn.OwnWeights.Select(w => w.Name));
        Assert.Equal([true, true, false, false], bn.OwnWeights.Select(w => w.Trainable));
        Assert.All(bn.Weights, w => Assert.Equal(new long[] { 5 }, w.shape));
        Assert.Same(bn.Gamma, bn.TrainableWeights[0]);
        Assert.Same(bn.Beta, bn.TrainableWeights[1]);
        Assert.Same(bn.MovingMean, bn.NonTrainableWeights[0]);
        Assert.Same(bn.MovingVariance, bn.NonTrainableWeights[1]);
        TensorAssert.Close([1, 1, 1, 1, 1], bn.Gamma!);
        TensorAssert.Close([0, 0, 0, 0, 0], bn.MovingMean!);
        TensorAssert.Close([1, 1, 1, 1, 1], bn.MovingVariance!);
    }

    [Fact]
    public void TrainingUsesBatchStatisticsAndUpdatesMovingStatisticsByKerasFormula()
    {
        var bn = new BatchNormalization();
        var y = bn.Apply(TinyBatch(), training: true);
        // (x - mean) / sqrt(var + 1e-3): feature 0 -> -+1/sqrt(1.001), feature 1 -> -+2/sqrt(4.001).
        double a = 1 / Math.Sqrt(1.001), b = 2 / Math.Sqrt(4.001);
        TensorAssert.Close([-a, -b, a, b], y, 1e-6);
        // moving = moving * 0.99 + batch * 0.01: mean [0, 0] -> [0.02, 0.04]; variance [1, 1] -> [0.99 + 0.01, 0.99 + 0.04].
        TensorAssert.Close([0.02, 0.04], bn.MovingMean!, 1e-7);
        TensorAssert.Close([1.0, 1.03], bn.MovingVariance!, 1e-7);
        Assert.False(bn.MovingMean!.requires_grad);
    }

    [Fact]
    public void TrainingGammaBetaApplyAndGradientsFlowToThem()
    {
        var bn = new BatchNormalization(momentum: 0.9);
        bn.EnsureBuilt([null, 2]);
        using (no_grad())
        {
            bn.Gamma!.copy_(tensor(new float[] { 2, 0.5f }));
            bn.Beta!.copy_(tensor(new float[] { 1, -1 }));
        }
        var y = bn.Apply(TinyBatch(), training: true);
        double a = 1 / Math.Sqrt(1.001), b = 2 / Math.Sqrt(4.001);
        // gamma * normalised + beta
        TensorAssert.Close([1 - 2 * a, -1 - 0.5 * b, 1 + 2 * a, -1 + 0.5 * b], y, 1e-6);
        // momentum 0.9: mean -> 0.1 * [2, 4]; variance -> 0.9 + 0.1 * [1, 4]
        TensorAssert.Close([0.2, 0.4], bn.MovingMean!, 1e-6);
        TensorAssert.Close([1.0, 1.3], bn.MovingVariance!, 1e-6);
        y.sum().backward();
        Assert.NotNull(bn.Gamma!.grad);
        // d(sum)/d(beta) = number of samples = 2 per feature
        TensorAssert.Close([2, 2], bn.Beta!.grad!, 1e-6);
    }

    [Fact]
    public void InferenceUsesMovingStatisticsAndLeavesThemUnchanged()
    {
        var bn = new BatchNormalization();
        bn.Apply(TinyBatch(), training: true);   // moving mean [0.02, 0.04], moving variance [1, 1.03]
        var y = bn.Apply(TinyBatch());
        // (x - moving_mean) / sqrt(moving_variance + 1e-3)
        double s0 = Math.Sqrt(1.0 + 1e-3), s1 = Math.Sqrt(1.03 + 1e-3);
        TensorAssert.Close([(1 - 0.02) / s0, (2 - 0.04) / s1, (3 - 0.02) / s0, (6 - 0.04) / s1], y, 1e-5);
        TensorAssert.Close([0.02, 0.04], bn.MovingMean!, 1e-7);
    }

    [Fact]
    public void NotTrainableRunsInInferenceModeEvenWhenTraining()
    {
        var bn = new BatchNormalization { Trainable = false };
        var y = bn.Apply(TinyBatch(), training: true);
        // moving statistics still 0 and 1: y = x / sqrt(1.001)
        double s = Math.Sqrt(1.001);
        TensorAssert.Close([1 / s, 2 / s, 3 / s, 6 / s], y, 1e-6);
        TensorAssert.Close([0, 0], bn.MovingMean!);
        TensorAssert.Close([1, 1], bn.MovingVariance!);
        Assert.Empty(bn.TrainableWeights);
        Assert.Equal(4, bn.NonTrainableWeights.Count);
    }

    [Fact]
    public void FitUpdatesMovingStatisticsAndPredictUsesThem()
    {
        Keras.Utils.SetRandomSeed(3);
        var bn = new BatchNormalization(momentum: 0.5);
        var model = new Sequential([bn, new Dense(1)]);
        model.Compile(new KerasSharp.Optimizers.SGD(learningRate: 0.0), new KerasSharp.Losses.MeanSquaredError());
        var x = TinyBatch();
        model.TrainOnBatch(x, zeros(2, 1));
        // one training step: moving mean = 0.5 * 0 + 0.5 * [2, 4]
        TensorAssert.Close([1, 2], bn.MovingMean!, 1e-6);
        TensorAssert.Close([1, 2.5], bn.MovingVariance!, 1e-6);
    }

    [Fact]
    public void Axis1NormalisesChannelsFirst()
    {
        var bn = new BatchNormalization(axis: 1);
        var x = arange(16, ScalarType.Float32).reshape(2, 2, 2, 2);
        var y = bn.Apply(x, training: true);
        Assert.Equal(new long[] { 2 }, bn.Gamma!.shape);
        // channel 0 holds 0..3 and 8..11: mean 5.5
        TensorAssert.Close([0.055, 0.095], bn.MovingMean!, 1e-6);
        TensorAssert.Close(0.0, y.select(1, 0).mean(), 1e-5);
    }

    [Fact]
    public void ConfigHasKerasKeysAndDefaults()
    {
        var config = new BatchNormalization().GetConfig();
        Assert.Equal(-1, config["axis"]);
        Assert.Equal(0.99, config["momentum"]);
        Assert.Equal(1e-3, config["epsilon"]);
        Assert.Equal(true, config["center"]);
        Assert.Equal(true, config["scale"]);
        Assert.Equal(false, config["synchronized"]);
        Assert.Equal("Ones", ((Dictionary<string, object?>)config["gamma_initializer"]!)["class_name"]);
        Assert.Equal("Zeros", ((Dictionary<string, object?>)config["moving_mean_initializer"]!)["class_name"]);
        Assert.Null(config["beta_regularizer"]);
        Assert.StartsWith("batch_normalization", (string)config["name"]!);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(momentum: 1.5));
        Assert.Contains("momentum", ex.Message);
        Assert.Contains("1.5", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(epsilon: 0));
        Assert.Throws<ArgumentException>(() => new BatchNormalization(synchronized: true));
        var bn = new BatchNormalization(axis: 3);
        var build = Assert.Throws<ArgumentException>(() => bn.EnsureBuilt([null, 4]));
        Assert.Contains("axis 3", build.Message);
    }

    [Fact]
    public void WrongFeatureSizeNamesLayerAndShapes()
    {
        var bn = new BatchNormalization(name: "bn");
        bn.EnsureBuilt([null, 3]);
        var ex = Assert.Throws<ArgumentException>(() => bn.Apply(zeros(2, 4)));
        Assert.Contains("\"bn\"", ex.Message);
        Assert.Contains("(2, 4)", ex.Message);
    }

    [Fact]
    public void AxisAsAListOfOneIsAcceptedAndAKerasConfigLoads()
    {
        Assert.Equal(1, new BatchNormalization(axis: new[] { 1 }).Axis);
        Assert.Equal(-1, new BatchNormalization().Axis);
        // tf.keras wrote the features axis as a one-element list; Keras 3 writes an int
        foreach (var axis in new[] { "[3]", "3" })
        {
            var bn = (BatchNormalization)KerasSharp.Saving.LayerDeserializer.FromConfig("BatchNormalization", System.Text.Json.Nodes.JsonNode.Parse(
                $$"""{"name": "bn", "trainable": true, "dtype": "float32", "axis": {{axis}}, "momentum": 0.8, "epsilon": 0.001, "center": true, "scale": true}""")!.AsObject());
            Assert.Equal((3, 0.8), (bn.Axis, bn.Momentum));
            Assert.Equal(3, bn.GetConfig()["axis"]);
        }
        var ex = Assert.Throws<ArgumentException>(() => new BatchNormalization(axis: new[] { 1, 2 }));
        Assert.Equal("axis", ex.ParamName);
        Assert.Contains("(1, 2)", ex.Message);
    }
}
