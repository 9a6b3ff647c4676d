using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Attention;

[Collection(GlobalState.Name)]

public class MultiHeadAttentionTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new MultiHeadAttention(2, 4), [2, 5, 6], [2, 5, 6], trainableWeights: 8);
        LayerTest.Run(() => new MultiHeadAttention(2, 4, useBias: false, outputShape: 3), [2, 5, 6], [2, 5, 3], trainableWeights: 4);
    }

    [Fact]
    public void WeightsHaveEinsumDenseShapesInSubLayersNamedAsKeras()
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
    public void CausalMaskMakesEarlyPositionsIgnoreLaterOnes()
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
    public void Rank4InputsAttendOverAllMiddleAxes()
    {
        var mha = new MultiHeadAttention(2, 2, attentionAxes: [1, 2]);
        var y = mha.Apply([randn(2, 3, 4, 5), randn(2, 3, 4, 5)]);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, y.shape);
        var ex = Assert.Throws<ArgumentException>(() => new MultiHeadAttention(2, 2, attentionAxes: [2]).Apply([randn(2, 3, 4, 5), randn(2, 3, 4, 5)]));
        Assert.Contains("attention_axes", ex.Message);
    }

    [Fact]
    public void ProjectionsAreEinsumDenseSubLayersStoredAtKerasPaths()
    {
        var mha = new MultiHeadAttention(3, 2, valueDim: 4, useBias: false);
        var x = Keras.Input([6, 8]);
        var c = Keras.Input([4, 8]);
        var k = Keras.Input([4, 5]);
        var model = new Model([x.Output, c.Output, k.Output], mha.ApplyAll(x.Output, c.Output, k.Output));
        Assert.Equal("abc,cde->abde", mha.QueryDense!.Equation);
        Assert.Equal("abcd,cde->abe", mha.OutputDense!.Equation);
        Assert.Equal(new long[] { 8, 3, 2 }, mha.QueryDense.Kernel!.shape);
        Assert.Null(mha.QueryDense.Bias);
        Assert.Equal(new long[] { 5, 3, 2 }, mha.KeyDense!.Kernel!.shape);
        Assert.Equal(new long[] { 8, 3, 4 }, mha.ValueDense!.Kernel!.shape);
        Assert.Equal(new long[] { 3, 4, 8 }, mha.OutputDense.Kernel!.shape);
        // Keras' .keras layout (quirk 1): layers/multi_head_attention/query_dense/vars/0, ...
        var paths = KerasSharp.Saving.WeightsStore.LayerPaths(model).Where(p => p.Layer.OwnWeights.Count > 0).ToDictionary(p => p.Layer, p => p.Path);
        Assert.Equal("layers/multi_head_attention/query_dense", paths[mha.QueryDense]);
        Assert.Equal("layers/multi_head_attention/key_dense", paths[mha.KeyDense]);
        Assert.Equal("layers/multi_head_attention/value_dense", paths[mha.ValueDense]);
        Assert.Equal("layers/multi_head_attention/output_dense", paths[mha.OutputDense]);
        // Keras' weights order (legacy .h5 weight_names): query, key, value, attention_output
        Assert.Equal([mha.QueryDense.Kernel, mha.KeyDense.Kernel, mha.ValueDense.Kernel, mha.OutputDense.Kernel], mha.Weights);
        Assert.Equal(new[] { 1 }, (int[])mha.GetConfig()["attention_axes"]!);
    }

    [Fact]
    public void QueryValueKeyMasksMatchAttentionOverTheKeptPositions()
    {
        Keras.Utils.SetRandomSeed(11);
        var mha = new MultiHeadAttention(2, 3, biasInitializer: new KerasSharp.Initializers.RandomNormal());
        var q = randn(1, 3, 4);
        var v = randn(1, 5, 4);
        mha.Apply([q, v]);
        // masking value positions 1 and 3 = attending over the value without them
        var valueMask = tensor(new[] { true, false, true, false, true }).reshape(1, 5);
        var kept = v.index_select(1, tensor(new long[] { 0, 2, 4 }));
        TensorAssert.Close(mha.Apply([q, kept]), mha.ApplyWithMasks([q, v], valueMask: valueMask), 1e-5);
        TensorAssert.Close(mha.Apply([q, kept]), mha.ApplyWithMasks([q, v], keyMask: valueMask), 1e-5);
        // a masked query row attends to nothing: zero weights, the output is the output projection's bias
        var (output, scores) = mha.ApplyWithScores([q, v], queryMask: tensor(new[] { true, false, true }).reshape(1, 3));
        TensorAssert.Close(zeros(2, 5), scores[0, .., 1], 1e-7);
        TensorAssert.Close(mha.OutputDense!.Bias!, output[0, 1], 1e-6);
        TensorAssert.Close(mha.Apply([q, v])[0, 0], output[0, 0], 1e-6);
    }

    [Fact]
    public void CallOptionsReturnScoresAndCausalMaskAsKerasFunctionalCall()
    {
        var mha = new MultiHeadAttention(2, 4, dropout: 0.1);
        var e = Keras.Input([5, 8]);
        var outs = mha.ApplyAll(e.Output, e.Output, returnAttentionScores: true, useCausalMask: true);
        Assert.Equal(new Shape(null, 2, 5, 5), outs[1].Shape);
        var model = new Model(e.Output, outs);
        var x = randn(3, 5, 8);
        var got = model.PredictAll(x, verbose: 0);
        var (output, scores) = mha.ApplyWithScores([x, x], useCausalMask: true);
        TensorAssert.Close(output, got[0], 1e-6);
        TensorAssert.Close(scores, got[1], 1e-6);
        TensorAssert.Close(zeros(3, 2, 4), got[1][.., .., 0, 1..], 1e-7);   // position 0 sees only itself
        var ex = Assert.Throws<ArgumentException>(() => mha.ApplyWithArguments([x, x], new Dictionary<string, object?> { ["use_causal_mask"] = "yes" }));
        Assert.Contains("use_causal_mask", ex.Message);
    }

    [KerasReferenceTheory]
    [InlineData("3.5.0")]
    [InlineData("3.15.1")]
    public void CorpusCrossAttentionRoundTripsKeyKwargAndScoresOutput(string version)
    {
        // mha_self_cross: h2, s = mha(h, c, key=Dense(5)(c), return_attention_scores=True); outputs y0 and y1 = s.
        var entry = KerasReference.Model(version, "mha_self_cross");
        var io = Npz.Load(KerasReference.PathOf((string)entry["files"]!["io"]!));
        var model = Keras.Models.LoadModel(KerasReference.PathOf((string)entry["files"]!["keras"]!), compile: false);
        var cross = Assert.IsType<MultiHeadAttention>(model.Layers.Single(l => l.Name == "multi_head_attention_1"));
        Assert.Equal(new long[] { 5, 3, 2 }, cross.KeyDense!.Kernel!.shape);
        Assert.Equal(new long[] { 3, 4, 8 }, cross.OutputDense!.Kernel!.shape);
        Assert.Equal(4, cross.Weights.Count);   // use_bias=False: the four kernels only

        var path = Path.Combine(KerasSharp.Tests.Saving.SavingTestSupport.NewFolder(), "m.keras");
        model.Save(path);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(path))
        {
            var config = System.Text.Json.Nodes.JsonNode.Parse(zip.GetEntry("config.json")!.Open())!;
            var node = config["config"]!["layers"]!.AsArray().Single(l => (string?)l!["name"] == "multi_head_attention_1")!["inbound_nodes"]![0]!;
            Assert.Equal(2, node["args"]!.AsArray().Count);   // mha(query, value, key=k), as Keras writes the corpus call
            Assert.Equal("dense", (string?)node["kwargs"]!["key"]!["config"]!["keras_history"]![0]);
            Assert.True((bool)node["kwargs"]!["return_attention_scores"]!);
        }
        var reloaded = Keras.Models.LoadModel(path, compile: false);
        var got = reloaded.PredictAll(new[] { io["x0"], io["x1"] }, verbose: 0);
        TensorAssert.Close(io["y0"], got[0], 1e-5);
        TensorAssert.Close(io["y1"], got[1], 1e-5);
    }

    [Fact]
    public void BadArgumentsAreRejected()
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
