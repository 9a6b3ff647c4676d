using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;
using NormalizationLayer = KerasSharp.Layers.Normalization;

namespace KerasSharp.Tests.Layers.Preprocessing;

[Collection(GlobalState.Name)]

public class NormalizationTests
{
    private static Tensor KerasAdaptData() => tensor(new float[] { 0, 7, 4, 2, 9, 6, 0, 7, 4, 2, 9, 6 }).reshape(4, 3);

    [Fact]
    public void Harness() => LayerTest.Run(() => new NormalizationLayer(), [4, 3], [4, 3], nonTrainableWeights: 3);

    [Fact]
    public void AdaptComputesPerFeatureMeanAndVariance()
    {
        var layer = new NormalizationLayer();
        layer.Adapt(KerasAdaptData());
        // columns [0, 2, 0, 2], [7, 9, 7, 9], [4, 6, 4, 6]: means [1, 8, 5], biased variances [1, 1, 1]
        TensorAssert.Close([1, 8, 5], layer.AdaptMean!);
        TensorAssert.Close([1, 1, 1], layer.AdaptVariance!);
        // Keras' docstring example: [[0, 7, 4]] -> [-1, -1, -1]
        TensorAssert.Close([-1, -1, -1], layer.Apply(tensor(new float[] { 0, 7, 4 }).reshape(1, 3)), 1e-6);
    }

    [Fact]
    public void WeightsAreMeanVarianceCountNonTrainableInKerasOrder()
    {
        var layer = new NormalizationLayer();
        layer.Adapt(KerasAdaptData());
        Assert.Equal(["mean", "variance", "count"], layer.OwnWeights.Select(w => w.Name));
        Assert.Empty(layer.TrainableWeights);
        Assert.Equal(new long[] { 3 }, layer.AdaptMean!.shape);
        Assert.Empty(layer.Count!.shape);
    }

    [Fact]
    public void AxisNoneUsesOneScalar()
    {
        var layer = new NormalizationLayer(axis: null);
        layer.Adapt(tensor(new float[] { 1, 2, 3, 4, 5 }));
        // mean 3, variance 2: (x - 3) / sqrt(2)
        TensorAssert.Close([-1.4142135, -0.70710677, 0], layer.Apply(tensor(new float[] { 1, 2, 3 })), 1e-6);
        Assert.Equal(new List<int>(), layer.GetConfig()["axis"]);
    }

    [Fact]
    public void FixedMeanAndVariance()
    {
        var layer = new NormalizationLayer(mean: [3.0], variance: [2.0]);
        TensorAssert.Close([-1.4142135, -0.70710677, 0], layer.Apply(tensor(new float[] { 1, 2, 3 }).reshape(3, 1)), 1e-6);
        Assert.Empty(layer.Weights);
        var config = layer.GetConfig();
        Assert.Equal(3.0, config["mean"]);
        Assert.Equal(2.0, config["variance"]);
        Assert.Equal(new List<int> { -1 }, config["axis"]);
        var perFeature = new NormalizationLayer(mean: [1, 2], variance: [4, 1]);
        // (x - [1, 2]) / [2, 1]
        TensorAssert.Close([1, -1], perFeature.Apply(tensor(new float[] { 3, 1 }).reshape(1, 2)), 1e-6);
    }

    [Fact]
    public void InvertDenormalises()
    {
        var layer = new NormalizationLayer(invert: true);
        layer.Adapt(KerasAdaptData());
        // mean + x * sqrt(var): [1 + 1, 8 + 2, 5 + 3]
        TensorAssert.Close([2, 10, 8], layer.Apply(tensor(new float[] { 1, 2, 3 }).reshape(1, 3)), 1e-6);
    }

    [Fact]
    public void AdaptOverBatchesEqualsAdaptOverTheWhole()
    {
        Keras.Utils.SetRandomSeed(11);
        var data = randn(10, 4) * 3 + 1;
        var whole = new NormalizationLayer();
        whole.Adapt(data);
        var batched = new NormalizationLayer();
        batched.Adapt([data[..3], data[3..7], data[7..]]);
        TensorAssert.Close(whole.AdaptMean!, batched.AdaptMean!, 1e-5);
        TensorAssert.Close(whole.AdaptVariance!, batched.AdaptVariance!, 1e-5);
        TensorAssert.Close(data.var(0, unbiased: false), whole.AdaptVariance!, 1e-5);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new NormalizationLayer(mean: [1.0]));
        Assert.Contains("both 'mean' and 'variance'", ex.Message);
        Assert.Throws<ArgumentException>(() => new NormalizationLayer(mean: [1.0, 2.0], variance: [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalizationLayer(mean: [1.0], variance: [-1.0]));
        var layer = new NormalizationLayer();
        layer.Adapt(zeros(4, 3));
        var shape = Assert.Throws<ArgumentException>(() => layer.Adapt(zeros(4, 5)));
        Assert.Contains("incompatible", shape.Message);
        Assert.Throws<InvalidOperationException>(() => new NormalizationLayer(mean: [0.0], variance: [1.0]).Adapt(zeros(2, 1)));
        var broadcast = Assert.Throws<ArgumentException>(() => new NormalizationLayer(mean: [1, 2], variance: [1, 1]).Apply(zeros(2, 3)));
        Assert.Contains("broadcast", broadcast.Message);
    }

    private static NormalizationLayer FromKerasConfig(string json) =>
        (NormalizationLayer)KerasSharp.Saving.LayerDeserializer.FromConfig("Normalization", System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void KerasConfigWithAxisListLoads()
    {
        // the second Normalization of the corpus' rescale_norm_crop.keras: Keras writes axis as a list
        var layer = FromKerasConfig("""{"name": "normalization_1", "trainable": true, "dtype": "float32", "axis": [-1], "invert": false, "mean": [0.1, -0.2], "variance": [2.0, 0.5]}""");
        Assert.Equal(new[] { -1 }, layer.Axis);
        // (x - mean) / sqrt(variance): x = mean + sqrt(variance) * [1, 2]
        var x = tensor(new float[] { 0.1f + MathF.Sqrt(2), -0.2f + 2 * MathF.Sqrt(0.5f) }).reshape(1, 2);
        TensorAssert.Close([1, 2], layer.Apply(x), 1e-6);
        Assert.Equal(new List<int> { -1 }, layer.GetConfig()["axis"]);
        // a plain int, null and [] load too (null and [] keep no axis: one scalar)
        Assert.Equal(new[] { 1 }, FromKerasConfig("""{"axis": 1}""").Axis);
        Assert.Empty(FromKerasConfig("""{"axis": null}""").Axis);
        Assert.Empty(FromKerasConfig("""{"axis": []}""").Axis);
        Assert.Equal(new[] { -1 }, FromKerasConfig("""{"name": "n"}""").Axis);
    }

    [Fact]
    public void SeveralKeptAxesKeepOneStatisticPerPosition()
    {
        // axis [1, 2] on (batch, 2, 3): statistics per (row, column) over the batch. Samples 0..5 and 6..11: mean
        // (0..5) + 3, variance 9, so sample 0 normalises to -1 everywhere and sample 1 to +1.
        var layer = FromKerasConfig("""{"name": "norm", "axis": [1, 2], "invert": false, "mean": null, "variance": null}""");
        var data = arange(12, dtype: ScalarType.Float32).reshape(2, 2, 3);
        layer.Adapt(data);
        Assert.Equal(new long[] { 2, 3 }, layer.AdaptMean!.shape);
        TensorAssert.Close([3, 4, 5, 6, 7, 8], layer.AdaptMean!);
        TensorAssert.Close([9, 9, 9, 9, 9, 9], layer.AdaptVariance!);
        TensorAssert.Close([-1, -1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1], layer.Apply(data), 1e-6);
        Assert.Equal(new List<int> { 1, 2 }, layer.GetConfig()["axis"]);
    }

    [Fact]
    public void BadKerasConfigsAreRejected()
    {
        var unknown = Assert.Throws<InvalidDataException>(() => FromKerasConfig("""{"axis": [-1], "sparse_output": true}"""));
        Assert.Contains("sparse_output", unknown.Message);
        var twice = Assert.Throws<InvalidDataException>(() => FromKerasConfig("""{"axis": [1, 1]}"""));
        Assert.Contains("(1, 1)", twice.Message);
        var wrongType = Assert.Throws<InvalidDataException>(() => FromKerasConfig("""{"axis": "last"}"""));
        Assert.Contains("axis", wrongType.Message);
    }
}
