using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

[Collection(GlobalState.Name)]

public class BidirectionalTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new Bidirectional(new LSTM(3)), [2, 4, 5], [2, 6], trainableWeights: 6);
        LayerTest.Run(() => new Bidirectional(new GRU(3, returnSequences: true), mergeMode: "sum"), [2, 4, 5], [2, 4, 3], trainableWeights: 6);
    }

    [Fact]
    public void ConcatIsForwardThenFlippedBackward()
    {
        Keras.Utils.SetRandomSeed(5);
        var bi = new Bidirectional(new SimpleRNN(2, returnSequences: true, name: "rnn"));
        var x = randn(3, 4, 5);
        var y = bi.Apply(x);
        Assert.Equal(new long[] { 3, 4, 4 }, y.shape);
        Assert.Equal("forward_rnn", bi.ForwardLayer.Name);
        Assert.Equal("backward_rnn", bi.BackwardLayer.Name);
        Assert.True(bi.BackwardLayer.GoBackwards);
        TensorAssert.Close(bi.ForwardLayer.Apply(x), y[.., .., ..2], 1e-6);
        TensorAssert.Close(bi.BackwardLayer.Apply(x).flip(1), y[.., .., 2..], 1e-6);
        Assert.Equal(new Shape(null, 4, 4), bi.ComputeOutputShape(new Shape(null, 4, 5)));
    }

    [Fact]
    public void MergeModeNullAndReturnStateGiveSeveralOutputs()
    {
        var bi = new Bidirectional(new LSTM(3, returnState: true), mergeMode: null);
        var outs = bi.ApplyAll([randn(2, 4, 5)]);
        // [forward output, backward output, forward h, forward c, backward h, backward c]
        Assert.Equal(6, outs.Count);
        Assert.All(outs, o => Assert.Equal(new long[] { 2, 3 }, o.shape));
        Assert.Equal(6, bi.ComputeOutputShapes([new Shape(null, 4, 5)]).Count);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), mergeMode: "avg"));
        Assert.Contains("avg", ex.Message);
        Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), backwardLayer: new LSTM(2)));
        Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), backwardLayer: new LSTM(2, returnSequences: true, goBackwards: true)));
        // As Keras: the default backward copy has go_backwards=True, so a backward-running layer needs an explicit backward layer.
        Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2, goBackwards: true)));
        var config = Keras.Bidirectional(Keras.LSTM(2)).GetConfig();
        Assert.Equal("concat", config["merge_mode"]);
        Assert.True(config.ContainsKey("layer"));
    }

    [Fact]
    public void ConfigSerializesForwardAndBackwardLayersAsKeras()
    {
        // Keras' get_config: "layer" is the forward layer (forward_<name>), "backward_layer" always present.
        var bi = new Bidirectional(new GRU(3, returnSequences: true, name: "g"), mergeMode: "sum");
        var config = bi.GetConfig();
        var layer = ((System.Text.Json.Nodes.JsonObject)config["layer"]!)["config"]!;
        var backward = ((System.Text.Json.Nodes.JsonObject)config["backward_layer"]!)["config"]!;
        Assert.Equal("GRU", (string?)((System.Text.Json.Nodes.JsonObject)config["layer"]!)["class_name"]);
        Assert.Equal("forward_g", (string?)layer["name"]);
        Assert.False((bool)layer["go_backwards"]!);
        Assert.True((bool)layer["zero_output_for_mask"]!);
        Assert.Equal("backward_g", (string?)backward["name"]);
        Assert.True((bool)backward["go_backwards"]!);
        Assert.True((bool)backward["zero_output_for_mask"]!);
        // Rebuilding from that config keeps the names (no forward_forward_ prefix).
        var again = new Bidirectional(bi.ForwardLayer, backwardLayer: bi.BackwardLayer);
        Assert.Equal("forward_g", again.ForwardLayer.Name);
        Assert.Equal("backward_g", again.BackwardLayer.Name);
    }

    [Fact]
    public void GivenBackwardLayerIsUsedItselfAndWeightsAreForwardThenBackward()
    {
        var backward = new GRU(3, goBackwards: true, resetAfter: false, name: "back");
        var bi = new Bidirectional(new GRU(3, name: "fwd"), backwardLayer: backward);
        bi.EnsureBuilt([null, 6, 3]);
        Assert.Same(backward, bi.BackwardLayer);
        Assert.Equal("forward_fwd", bi.ForwardLayer.Name);
        // 3 forward weights (bias (2, 9), reset_after) then 3 backward ones (bias (9,)); the wrapped layer itself has none.
        Assert.Equal(6, bi.Weights.Count);
        Assert.Equal(new long[] { 2, 9 }, bi.Weights[2].shape);
        Assert.Equal(new long[] { 9 }, bi.Weights[5].shape);
    }

    [Fact]
    public void WeightPathsAreForwardLayerAndBackwardLayerCells()
    {
        var model = new Sequential([new Input([6, 3]), new Bidirectional(new LSTM(2, returnSequences: true)), new Bidirectional(new SimpleRNN(2))]);
        var paths = KerasSharp.Saving.WeightsStore.LayerPaths(model)
            .Where(p => p.Layer.Weights.Count > 0 && p.Layer.SubLayers.Count == 0).Select(p => p.Path).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["layers/bidirectional/backward_layer/cell", "layers/bidirectional/forward_layer/cell",
             "layers/bidirectional_1/backward_layer/cell", "layers/bidirectional_1/forward_layer/cell"],
            paths);
    }

    [Fact]
    public void MaskedStepsAreZeroWithReturnSequencesAndBackwardIsFlippedBack()
    {
        Keras.Utils.SetRandomSeed(3);
        var bi = new Bidirectional(new SimpleRNN(2, returnSequences: true), mergeMode: null);
        var x = randn(2, 4, 3);
        var mask = tensor(new[] { true, true, true, false, true, false, true, true }).reshape(2, 4);
        var outs = bi.ApplyMasked([x], mask);
        Assert.Equal(2, outs.Count);
        // Masked steps: zeros in both directions (Keras forces zero_output_for_mask with return_sequences).
        TensorAssert.Close(zeros(2), outs[0][0, 3], 0);
        TensorAssert.Close(zeros(2), outs[1][0, 3], 0);
        TensorAssert.Close(zeros(2), outs[0][1, 1], 0);
        TensorAssert.Close(zeros(2), outs[1][1, 1], 0);
        // The backward direction of sample 0 only sees steps 2, 1, 0 (step 3 is masked): its output at step 0 (forward
        // time order) is the backward run over the three unmasked steps.
        var tail = bi.BackwardLayer.Apply(x[0..1, 0..3], (Tensor?)null);
        TensorAssert.Close(tail[0].flip(0), outs[1][0, 0..3], 1e-6);
        var head = bi.ForwardLayer.Apply(x[0..1, 0..3], (Tensor?)null);
        TensorAssert.Close(head[0], outs[0][0, 0..3], 1e-6);
    }

    [Fact]
    public void SaveAndLoadKeepsBothDirections()
    {
        Keras.Utils.SetRandomSeed(11);
        var model = new Sequential([new Input([5, 3]),
            new Bidirectional(new LSTM(2, returnSequences: true), mergeMode: "ave"),
            new Bidirectional(new GRU(2), backwardLayer: new GRU(2, goBackwards: true, resetAfter: false))]);
        var x = randn(4, 5, 3);
        var before = model.Predict(x, verbose: 0);
        var path = Path.Combine(KerasSharp.Tests.Saving.SavingTestSupport.NewFolder(), "bi.keras");
        model.Save(path);
        var loaded = Keras.Models.LoadModel(path, compile: false);
        TensorAssert.Close(before, loaded.Predict(x, verbose: 0), 0);
        var second = loaded.Layers.OfType<Bidirectional>().Last();
        Assert.False(((GRU)second.BackwardLayer).Cell.ResetAfter);
        Assert.True(((GRU)second.ForwardLayer).Cell.ResetAfter);
    }
}
