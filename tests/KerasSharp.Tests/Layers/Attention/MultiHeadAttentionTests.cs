using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Attention;

public class MultiHeadAttentionTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new MultiHeadAttention(2, 4), [2, 5, 6], [2, 5, 6], trainableWeights: 8);
        LayerTest.Run(() => new MultiHeadAttention(2, 4, useBias: false, outputShape: 3), [2, 5, 6], [2, 5, 3], trainableWeights: 4);
    }

    [Fact]
    public void WeightsHaveEinsumDenseShapes_InSubLayersNamedAsKeras()
    {
        var mha = Keras.MultiHeadAttention(numHeads: 2, keyDim: 4, valueDim: 3);
        var y = mha.Apply([randn(2, 3, 6), randn(2, 5, 7)]);
        Assert.Equal(new long[] { 2, 3, 6 }, y.shape);
        Assert.Equal(new[] { "query", "key", "value", "attention_output" }, mha.SubLayers.Select(l => l.Name));
        Assert.Equal(new long[] { 6, 2, 4 }, mha.QueryWeights[0].shape);
        Assert.Equal(new long[] { 2, 4 }, mha.QueryWeights[1].shape);
        Assert.Equal(new long[] { 7, 2, 4 }, mha.KeyWeights[0].shape);
        Assert.Equal(new long[] { 7, 2, 3 }, mha.ValueWeights[0].shape);
        Assert.Equal(new long[] { 2, 3, 6 }, mha.OutputWeights[0].shape);
        Assert.Equal(new long[] { 6 }, mha.OutputWeights[1].shape);
        Assert.Equal(8, mha.TrainableWeights.Count);
    }

    [Fact]
    public void MatchesPerHeadManualComputation()
    {
        Keras.Utils.SetRandomSeed(7);
        var mha = new MultiHeadAttention(2, 3, biasInitializer: new KerasSharp.Initializers.RandomNormal());
        var q = randn(2, 4, 5);
        var v = randn(2, 6, 5);
        var y = mha.Apply([q, v]);
        var (wq, bq) = (mha.QueryWeights[0], mha.QueryWeights[1]);
        var (wk, bk) = (mha.KeyWeights[0], mha.KeyWeights[1]);
        var (wv, bv) = (mha.ValueWeights[0], mha.ValueWeights[1]);
        var (wo, bo) = (mha.OutputWeights[0], mha.OutputWeights[1]);
        // out = Σ_h softmax((q Wq_h + bq_h)(v Wk_h + bk_h)ᵀ / √3) (v Wv_h + bv_h) Wo_h + bo
        var expected = bo.expand(2, 4, 5).clone();
        for (int h = 0; h < 2; h++)
        {
            var qh = q.matmul(wq[.., h]) + bq[h];
            var kh = v.matmul(wk[.., h]) + bk[h];
            var vh = v.matmul(wv[.., h]) + bv[h];
            var weights = nn.functional.softmax(qh.matmul(kh.transpose(1, 2)) / Math.Sqrt(3), -1);
            expected = expected + weights.matmul(vh).matmul(wo[h]);
        }
        TensorAssert.Close(expected, y, 1e-5);
        Assert.Equal(new long[] { 2, 2, 4, 6 }, mha.LastAttentionScores!.shape);
    }

    [Fact]
    public void CausalMask_MakesEarlyPositionsIgnoreLaterOnes()
    {
        Keras.Utils.SetRandomSeed(8);
        var mha = new MultiHeadAttention(2, 4);
        var x = randn(1, 4, 6);
        var changed = x.clone();
        changed[0, 3] = randn(6);
        var a = mha.ApplyWithMasks([x, x], useCausalMask: true);
        var b = mha.ApplyWithMasks([changed, changed], useCausalMask: true);
        TensorAssert.Close(a[0, ..3], b[0, ..3], 1e-6);
        Assert.False(a[0, 3].allclose(b[0, 3]));
        // an explicit mask letting every query see only key 0 gives the same output at every position
        var only0 = tensor(new[] { true, false, false, false }).expand(1, 4, 4);
        var c = mha.ApplyWithMasks([x, x], attentionMask: only0);
        TensorAssert.Close(c[0, 0].expand(4, 6), c[0], 1e-5);
    }

    [Fact]
    public void Rank4Inputs_AttendOverAllMiddleAxes()
    {
        var mha = new MultiHeadAttention(2, 2, attentionAxes: [1, 2]);
        var y = mha.Apply([randn(2, 3, 4, 5), randn(2, 3, 4, 5)]);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, y.shape);
        var ex = Assert.Throws<ArgumentException>(() => new MultiHeadAttention(2, 2, attentionAxes: [2]).Apply([randn(2, 3, 4, 5), randn(2, 3, 4, 5)]));
        Assert.Contains("attention_axes", ex.Message);
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiHeadAttention(0, 4));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MultiHeadAttention(2, 0));
        Assert.Contains("key_dim=0", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiHeadAttention(2, 4, dropout: -0.1));
        var config = new MultiHeadAttention(2, 4).GetConfig();
        Assert.Equal(2, config["num_heads"]);
        Assert.Equal(4, config["key_dim"]);
        Assert.Equal(4, config["value_dim"]);
    }
}
