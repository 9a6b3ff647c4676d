using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;

namespace KerasSharp.Tests.Models;

/// <summary>
/// Masks flow through functional graphs as through Sequential models: the corpus' masked models, rebuilt as functional
/// graphs from the same (already loaded) layers, still reproduce the outputs Keras computed with the mask.
/// </summary>
[Collection(GlobalState.Name)]
public class FunctionalMaskTests
{
    [KerasReferenceTheory]
    [InlineData("emb_lstm_masked")]
    [InlineData("emb_gru_masked")]
    [InlineData("emb_simplernn_masked")]
    [InlineData("masking_lstm_gru")]
    [InlineData("bidirectional_masked")]
    public void MaskedCorpusModelAsAFunctionalGraphReproducesKerasMaskedOutputs(string name)
    {
        var entry = KerasReference.Model("3.5.0", name);
        var io = Npz.Load(KerasReference.PathOf((string)entry["files"]!["io"]!));
        var sequential = (Sequential)Keras.Models.LoadModel(KerasReference.PathOf((string)entry["files"]!["keras"]!), compile: false);
        var x = io["x"];
        var input = new Input(new Shape(x.shape[1..].Select(d => (long?)d).ToArray()), dtype: x.dtype == TorchSharp.torch.ScalarType.Int32 ? "int32" : "float32");
        var h = input.Output;
        foreach (var layer in sequential.Layers) h = layer.Apply(h);
        var functional = new Model(input.Output, h);
        Conformance.LoadAndPredictTests.AssertClose(io["y"], functional.Predict(x, verbose: 0), $"{name} as a functional graph");
    }
}

/// <summary>
/// In a functional graph, attention layers take their inputs' masks as Keras' do (query_mask / value_mask from an
/// Embedding(maskZero) before them): the graph computes what a direct call with those masks computes.
/// </summary>
[Collection(GlobalState.Name)]
public class FunctionalAttentionMaskTests
{
    private static TorchSharp.torch.Tensor Tokens() =>
        TorchSharp.torch.tensor(new int[] { 3, 5, 7, 0, 0, 0, 2, 4, 6, 8, 1, 0 }).reshape(2, 6);

    [Fact]
    public void MultiHeadAttentionTakesTheEmbeddingMaskAsQueryAndValueMask()
    {
        Keras.Utils.SetRandomSeed(11);
        var tokens = new Input([6], dtype: "int32");
        var embedding = new Embedding(20, 8, maskZero: true);
        var mha = new MultiHeadAttention(2, 4);
        var e = embedding.Apply(tokens.Output);
        var model = new Model(tokens.Output, mha.Apply([e, e]));
        var x = Tokens();
        var got = model.Predict(x, verbose: 0);

        var ev = embedding.Apply(x);
        var mask = x.ne(0);
        var expected = mha.ApplyWithMasks([ev, ev], queryMask: mask, valueMask: mask);
        TensorAssert.Close(expected, got, 1e-6);
        var unmasked = mha.ApplyWithMasks([ev, ev]);
        Assert.True((unmasked - got).abs().max().item<float>() > 1e-4, "the mask must change the padded samples' outputs");
    }

    [Fact]
    public void AttentionTakesTheEmbeddingMaskAsQueryAndValueMask()
    {
        Keras.Utils.SetRandomSeed(12);
        var tokens = new Input([6], dtype: "int32");
        var embedding = new Embedding(20, 8, maskZero: true);
        var attention = new Attention();
        var e = embedding.Apply(tokens.Output);
        var model = new Model(tokens.Output, attention.Apply([e, e]));
        var x = Tokens();
        var ev = embedding.Apply(x);
        var mask = x.ne(0);
        TensorAssert.Close(attention.ApplyWithMasks([ev, ev], queryMask: mask, valueMask: mask), model.Predict(x, verbose: 0), 1e-6);
    }
}
