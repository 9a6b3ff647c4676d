using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Attention;

[Collection(GlobalState.Name)]

public class AdditiveAttentionTests
{
    private static Tensor Q => tensor(new float[] { 1, 0 }).reshape(1, 1, 2);
    private static Tensor V => tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 2, 2);

    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new AdditiveAttention(), [2, 4, 3], [2, 4, 3], trainableWeights: 1);
        LayerTest.Run(() => new AdditiveAttention(useScale: false), [2, 4, 3], [2, 4, 3]);
    }

    [Fact]
    public void WithoutScaleScoresAreSumOfTanhOfQueryPlusKey()
    {
        // scores_j = Σ_d tanh(q_d + k_jd) = [2 tanh 2, 2 tanh 4] -> weights [0.48235647, 0.51764353]
        var y = new AdditiveAttention(useScale: false).Apply([Q, V]);
        TensorAssert.Close([2.03528706, 3.03528706], y, 1e-6);
    }

    [Fact]
    public void ScaleHasShapeDimAndWeighsEachFeatureOutsideTanh()
    {
        var layer = Keras.AdditiveAttention();
        Assert.True(layer.UseScale);
        layer.EnsureBuiltAll([new Shape(null, 1, 2), new Shape(null, 2, 2)]);
        Assert.Equal(new long[] { 2 }, layer.Scale!.shape);
        Assert.Single(layer.TrainableWeights);
        using (no_grad()) layer.Scale.copy_(tensor(new float[] { 2, -1 }));
        // scores_j = 2 tanh(q0 + k_j0) - tanh(q1 + k_j1) = [tanh 2, tanh 4] -> weights [0.49117549, 0.50882451]
        TensorAssert.Close([2.01764903, 3.01764903], layer.Apply([Q, V]), 1e-6);
    }

    [Fact]
    public void SeparateKeyMasksCausalMaskAndScores()
    {
        var layer = new AdditiveAttention(useScale: false);
        var key = tensor(new float[] { 5, 5, -5, -5 }).reshape(1, 2, 2);
        // key 0 scores 2 tanh 5 + ..., key 1 about -2: nearly all weight on value 0
        var (output, scores) = layer.ApplyWithScores([Q, V, key]);
        double w1 = 1 / (1 + Math.Exp((Math.Tanh(6) + Math.Tanh(5)) - (Math.Tanh(-4) + Math.Tanh(-5))));
        TensorAssert.Close([1 - w1, w1], scores, 1e-6);
        TensorAssert.Close([1 + 2 * w1, 2 + 2 * w1], output, 1e-6);
        TensorAssert.Close([3, 4], layer.ApplyWithMasks([Q, V], valueMask: tensor(new[] { false, true }).reshape(1, 2)), 1e-6);
        TensorAssert.Close([0, 0], layer.ApplyWithMasks([Q, V], queryMask: tensor(new[] { false }).reshape(1, 1)), 1e-6);
        var x = tensor(new float[] { 1, 0, 0, 1 }).reshape(1, 2, 2);
        TensorAssert.Close([1, 0], layer.ApplyWithMasks([x, x], useCausalMask: true)[0, 0], 1e-6);
    }

    [Fact]
    public void ConfigHasKerasKeysWithoutScoreMode()
    {
        var config = new AdditiveAttention(useScale: false, dropout: 0.25).GetConfig();
        // Keras 3.5 writes no seed key (3.15 adds seed: null); a given seed is written.
        Assert.Equal(["name", "trainable", "dtype", "use_scale", "dropout"], config.Keys);
        Assert.Equal(7, new AdditiveAttention(seed: 7).GetConfig()["seed"]);
        Assert.Equal(false, config["use_scale"]);
        Assert.Equal(0.25, config["dropout"]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AdditiveAttention(dropout: 1.5));
        Assert.Contains("dropout=1.5", ex.Message);
    }

    [KerasReferenceTheory]
    [InlineData("3.5.0")]
    [InlineData("3.15.1")]
    public void CorpusModelLoadsScaleOfShapeDim(string version)
    {
        var entry = KerasReference.Model(version, "attention_layers");
        var model = Keras.Models.LoadModel(KerasReference.PathOf((string)entry["files"]!["keras"]!), compile: false);
        var withScale = Assert.IsType<AdditiveAttention>(model.Layers.Single(l => l.Name == "additive_attention"));
        var without = Assert.IsType<AdditiveAttention>(model.Layers.Single(l => l.Name == "additive_attention_1"));
        Assert.Equal(new long[] { 6 }, withScale.Scale!.shape);
        Assert.Null(without.Scale);
        Assert.Empty(without.Weights);
    }
}
