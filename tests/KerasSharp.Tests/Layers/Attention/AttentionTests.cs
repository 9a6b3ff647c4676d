using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Attention;

[Collection(GlobalState.Name)]

public class AttentionTests
{
    private static Tensor Q => tensor(new float[] { 1, 0 }).reshape(1, 1, 2);
    private static Tensor V => tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 2, 2);

    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new KerasSharp.Layers.Attention(), [2, 4, 3], [2, 4, 3]);
        LayerTest.Run(() => new KerasSharp.Layers.Attention(useScale: true, scoreMode: "concat"), [2, 4, 3], [2, 4, 3], trainableWeights: 2);
    }

    [Fact]
    public void DotIsSoftmaxOfQueryKeyTimesValue()
    {
        var y = new KerasSharp.Layers.Attention().Apply([Q, V]);
        // scores = q·k = [1, 3]; weights = softmax = [0.11920292, 0.88079708]; output = 0.1192*[1,2] + 0.8808*[3,4]
        TensorAssert.Close([2.76159416, 3.76159416], y, 1e-6);
    }

    [Fact]
    public void SeparateKeyIsUsedForScores()
    {
        var key = tensor(new float[] { 3, 0, 1, 0 }).reshape(1, 2, 2);
        var y = new KerasSharp.Layers.Attention().Apply([Q, V, key]);
        // scores = [3, 1] -> weights [0.88079708, 0.11920292] -> 0.8808*[1,2] + 0.1192*[3,4]
        TensorAssert.Close([1.23840584, 2.23840584], y, 1e-6);
    }

    [Fact]
    public void UseScaleAndConcatMatchKerasFormulas()
    {
        var scaled = new KerasSharp.Layers.Attention(useScale: true);
        scaled.EnsureBuiltAll([new Shape(null, 1, 2), new Shape(null, 2, 2)]);
        using (no_grad()) scaled.TrainableWeights[0].fill_(2);
        // scores = 2 * [1, 3] = [2, 6]
        TensorAssert.Close([2.96402758, 3.96402758], scaled.Apply([Q, V]), 1e-6);
        // concat: scores_j = Σ tanh(q + k_j) = [2 tanh 2, 2 tanh 4] -> weights [0.48235647, 0.51764353]
        TensorAssert.Close([2.03528706, 3.03528706], new KerasSharp.Layers.Attention(scoreMode: "concat").Apply([Q, V]), 1e-6);
    }

    [Fact]
    public void MasksExcludeValuesAndZeroQueries()
    {
        var layer = new KerasSharp.Layers.Attention();
        // value position 1 masked: all weight on value 0
        TensorAssert.Close([1, 2], layer.ApplyWithMasks([Q, V], valueMask: tensor(new[] { true, false }).reshape(1, 2)), 1e-6);
        // causal self-attention: position 0 sees only itself
        var x = tensor(new float[] { 1, 0, 0, 1 }).reshape(1, 2, 2);
        var y = layer.ApplyWithMasks([x, x], useCausalMask: true);
        TensorAssert.Close([1, 0], y[0, 0], 1e-6);
        var zeroed = layer.ApplyWithMasks([Q, V], queryMask: tensor(new[] { false }).reshape(1, 1));
        TensorAssert.Close([0, 0], zeroed, 1e-6);
    }

    [Fact]
    public void ReturnAttentionScoresGivesTheSoftmaxWeights()
    {
        var layer = new KerasSharp.Layers.Attention();
        var (output, scores) = layer.ApplyWithScores([Q, V]);
        TensorAssert.Close([0.11920292, 0.88079708], scores, 1e-6);
        TensorAssert.Close([2.76159416, 3.76159416], output, 1e-6);
        // the same through the call options a functional graph replays
        var outs = layer.ApplyWithArguments([Q, V], new Dictionary<string, object?> { ["return_attention_scores"] = true });
        Assert.Equal(2, outs.Count);
        TensorAssert.Close(scores, outs[1], 1e-7);
        var x = tensor(new float[] { 1, 0, 0, 1 }).reshape(1, 2, 2);
        var causal = layer.ApplyWithArguments([x, x], new Dictionary<string, object?> { ["use_causal_mask"] = true, ["return_attention_scores"] = true });
        TensorAssert.Close([1, 0], causal[1][0, 0], 1e-6);
        var ex = Assert.Throws<ArgumentException>(() => layer.ApplyWithArguments([Q, V], new Dictionary<string, object?> { ["causal"] = true }));
        Assert.Contains("causal=True", ex.Message);
    }

    [Fact]
    public void FunctionalReturnAttentionScoresIsASecondOutputSavedAsKerasKwargs()
    {
        var q = Keras.Input([3, 2]);
        var v = Keras.Input([4, 2]);
        var layer = Keras.Attention(scoreMode: "concat");
        var outs = layer.ApplyAll([q.Output, v.Output], returnAttentionScores: true, useCausalMask: true);
        Assert.Equal(new Shape(null, 3, 4), outs[1].Shape);
        var model = new Model([q.Output, v.Output], outs);
        var xq = randn(2, 3, 2);
        var xv = randn(2, 4, 2);
        var got = model.PredictAll(new[] { xq, xv }, verbose: 0);
        var (output, scores) = layer.ApplyWithScores([xq, xv], useCausalMask: true);
        TensorAssert.Close(output, got[0], 1e-6);
        TensorAssert.Close(scores, got[1], 1e-6);
        Assert.Equal(0f, got[1][0, 0, 1].item<float>());
        var json = model.ToJson();
        var saved = JsonNode.Parse(json)!["config"]!["layers"]!.AsArray().Single(l => (string?)l!["name"] == layer.Name)!;
        Assert.Equal("""{"return_attention_scores":true,"use_causal_mask":true}""", saved["inbound_nodes"]![0]!["kwargs"]!.ToJsonString());
        var reloaded = Keras.Models.ModelFromJson(json);
        reloaded.SetWeights(model.GetWeights());
        var again = reloaded.PredictAll(new[] { xq, xv }, verbose: 0);
        TensorAssert.Close(got[1], again[1], 1e-6);
    }

    [KerasReferenceTheory]
    [InlineData("3.5.0")]
    [InlineData("3.15.1")]
    public void CorpusConcatAttentionReproducesKerasOutput(string version)
    {
        // attention_layers: y1 is Attention(score_mode="concat")([q, v]) itself, with the file's concat_score_weight.
        var entry = KerasReference.Model(version, "attention_layers");
        var io = Npz.Load(KerasReference.PathOf((string)entry["files"]!["io"]!));
        var model = Keras.Models.LoadModel(KerasReference.PathOf((string)entry["files"]!["keras"]!), compile: false);
        var concat = Assert.IsType<KerasSharp.Layers.Attention>(model.Layers.Single(l => l.Name == "attention_2"));
        Assert.Equal(0, concat.ConcatScoreWeight!.dim());
        Assert.Null(concat.Scale);
        var scaled = Assert.IsType<KerasSharp.Layers.Attention>(model.Layers.Single(l => l.Name == "attention_1"));
        Assert.Equal(0, scaled.Scale!.dim());
        TensorAssert.Close(io["y1"], concat.Apply([io["x0"], io["x1"]]), 1e-5);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new KerasSharp.Layers.Attention(scoreMode: "additive"));
        Assert.Contains("additive", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Attention(dropout: 1.0));
        Assert.Equal("dot", Keras.Attention().GetConfig()["score_mode"]);
    }
}
