using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;
using NormalizationLayer = KerasSharp.Layers.Normalization;

namespace KerasSharp.Tests.Layers.Preprocessing;

public class NormalizationTests
{
    private static Tensor KerasAdaptData() => tensor(new float[] { 0, 7, 4, 2, 9, 6, 0, 7, 4, 2, 9, 6 }).reshape(4, 3);

    [Fact]
    public void Harness() => LayerTest.Run(() => new NormalizationLayer(), [4, 3], [4, 3], nonTrainableWeights: 3);

    [Fact]
    public void Adapt_ComputesPerFeatureMeanAndVariance()
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
    public void WeightsAreMeanVarianceCount_NonTrainable_InKerasOrder()
    {
        var layer = new NormalizationLayer();
        layer.Adapt(KerasAdaptData());
        Assert.Equal(["mean", "variance", "count"], layer.OwnWeights.Select(w => w.Name));
        Assert.Empty(layer.TrainableWeights);
        Assert.Equal(new long[] { 3 }, layer.AdaptMean!.shape);
        Assert.Empty(layer.Count!.shape);
    }

    [Fact]
    public void AxisNone_UsesOneScalar()
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
    public void Invert_Denormalises()
    {
        var layer = new NormalizationLayer(invert: true);
        layer.Adapt(KerasAdaptData());
        // mean + x * sqrt(var): [1 + 1, 8 + 2, 5 + 3]
        TensorAssert.Close([2, 10, 8], layer.Apply(tensor(new float[] { 1, 2, 3 }).reshape(1, 3)), 1e-6);
    }

    [Fact]
    public void AdaptOverBatches_EqualsAdaptOverTheWhole()
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
    public void BadArguments_AreRejected()
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
}
