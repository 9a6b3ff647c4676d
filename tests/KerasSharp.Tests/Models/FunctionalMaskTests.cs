using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;

namespace KerasSharp.Tests.Models;

/// <summary>
/// Masks flow through functional graphs as through Sequential models: the corpus' masked models, rebuilt as functional
/// graphs from the same (already loaded) layers, still reproduce the outputs Keras computed with the mask.
/// </summary>
public class FunctionalMaskTests
{
    [KerasReferenceTheory]
    [InlineData("emb_lstm_masked")]
    [InlineData("emb_gru_masked")]
    [InlineData("emb_simplernn_masked")]
    [InlineData("masking_lstm_gru")]
    [InlineData("bidirectional_masked")]
    public void MaskedCorpusModel_AsAFunctionalGraph_ReproducesKerasMaskedOutputs(string name)
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
