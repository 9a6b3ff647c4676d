using KerasSharp.Layers;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

/// <summary>
/// Keras' <c>stateful=True</c> (keras/src/layers/rnn/rnn.py): the final states of a call are the next call's initial
/// states, so two calls on the halves of a sequence equal one call on the whole; <c>reset_state()</c> zeroes them; the
/// batch size must be static (Keras' ValueError "the batch size must be static"); the states are not weights
/// (created under <c>no_automatic_dependency_tracking</c>, so not saved).
/// </summary>
[Collection(GlobalState.Name)]
public class StatefulTests
{
    public static TheoryData<string> Kinds() => new() { "lstm", "gru", "simple_rnn" };

    private static RNN Create(string kind, bool stateful, bool returnSequences = true, bool fused = true)
    {
        RNN layer = kind switch
        {
            "lstm" => new LSTM(4, returnSequences: returnSequences, stateful: stateful),
            "gru" => new GRU(4, returnSequences: returnSequences, stateful: stateful),
            _ => new SimpleRNN(4, returnSequences: returnSequences, stateful: stateful),
        };
        layer.FusedKernelAllowed = fused;
        return layer;
    }

    /// <summary>Builds both layers for <paramref name="shape"/> and gives <paramref name="target"/> the weights of <paramref name="source"/>.</summary>
    private static void SameWeights(RNN source, RNN target, Shape shape)
    {
        source.EnsureBuilt(shape);
        target.EnsureBuilt(shape);
        using var _ = no_grad();
        for (int i = 0; i < source.Weights.Count; i++) target.Weights[i].copy_(source.Weights[i]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TwoHalvesEqualOneWholeSequenceOnBothPaths(string kind)
    {
        var x = randn([2, 6, 3], generator: new TorchSharp.torch.Generator(1));
        foreach (var fused in new[] { true, false })
        {
            var whole = Create(kind, stateful: false, fused: fused);
            var halves = Create(kind, stateful: true, fused: fused);
            SameWeights(whole, halves, new Shape(2, null, 3));
            var expected = whole.Apply(x);
            var first = halves.Apply(x[.., ..3]);
            var second = halves.Apply(x[.., 3..]);
            Assert.Equal(fused, halves.LastCallFused);
            TensorAssert.Close(expected, cat([first, second], 1), 1e-6);
            // The carried states are the whole sequence's final states.
            Assert.NotNull(halves.States);
            TensorAssert.Close(expected[.., -1], halves.States![0], 1e-6);
        }
    }

    [Fact]
    public void ResetStatesRestoresZeros()
    {
        var x = randn([2, 4, 3], generator: new TorchSharp.torch.Generator(2));
        var lstm = Create("lstm", stateful: true);
        var fresh = lstm.Apply(x);
        var carried = lstm.Apply(x);
        Assert.False(carried.allclose(fresh));
        Assert.Equal(2, lstm.States!.Count);
        Assert.True(lstm.States.All(s => s.abs().sum().item<float>() > 0));
        lstm.ResetStates();
        Assert.True(lstm.States.All(s => s.abs().sum().item<float>() == 0));
        TensorAssert.Close(fresh, lstm.Apply(x), 0);
        lstm.ResetState();
        TensorAssert.Close(fresh, lstm.Apply(x), 0);
    }

    [Fact]
    public void StatesAreNotWeightsAndCarryNoGradient()
    {
        var x = randn([2, 4, 3], generator: new TorchSharp.torch.Generator(3));
        var gru = Create("gru", stateful: true);
        gru.Apply(x).sum().backward();
        Assert.Equal(3, gru.Weights.Count); // kernel, recurrent_kernel, bias: no state variables
        Assert.All(gru.States!, s => Assert.False(s.requires_grad));
        // A second backward works on its own graph (no link to the first batch's graph).
        gru.Apply(x).sum().backward();
    }

    [Fact]
    public void ExplicitInitialStatesOverrideTheCarriedOnes()
    {
        // Keras: initial_state, when given, is used instead of layer.states; the final states are still stored.
        var x = randn([2, 4, 3], generator: new TorchSharp.torch.Generator(4));
        var plain = Create("simple_rnn", stateful: false);
        var stateful = Create("simple_rnn", stateful: true);
        SameWeights(plain, stateful, new Shape(2, null, 3));
        stateful.Apply(x);
        var h0 = randn([2, 4], generator: new TorchSharp.torch.Generator(5));
        var expected = plain.ApplyAll([x, h0])[0];
        TensorAssert.Close(expected, stateful.ApplyAll([x, h0])[0], 1e-6);
        TensorAssert.Close(expected[.., -1], stateful.States![0], 1e-6);
    }

    [Fact]
    public void BatchSizeMustBeStaticAndConstant()
    {
        var layer = Create("lstm", stateful: true);
        var ex = Assert.Throws<ArgumentException>(() => layer.EnsureBuilt(new Shape(null, 5, 3)));
        Assert.Contains("the batch size must be static", ex.Message);
        var built = Create("lstm", stateful: true);
        built.Apply(randn(2, 5, 3));
        var wrong = Assert.Throws<ArgumentException>(() => built.Apply(randn(3, 5, 3)));
        Assert.Contains("batch size 2", wrong.Message);
        Assert.Contains("3", wrong.Message);
        // Not stateful: no states.
        var plain = Create("lstm", stateful: false);
        plain.Apply(randn(2, 5, 3));
        Assert.Null(plain.States);
        plain.ResetStates();
    }

    [Fact]
    public void InAModelWithAFixedBatchInputStatesCarryOverPredictCalls()
    {
        Keras.Utils.SetRandomSeed(11);
        var model = new Sequential([new Input([3, 2], batchSize: 2), new LSTM(3, stateful: true)]);
        var x = randn([2, 3, 2], generator: new TorchSharp.torch.Generator(6));
        var first = model.Predict(x, verbose: 0);
        var second = model.Predict(x, verbose: 0);
        Assert.False(first.allclose(second));
        ((RNN)model.Layers[0]).ResetStates();
        TensorAssert.Close(first, model.Predict(x, verbose: 0), 0);
    }

    [Fact]
    public void ConfigRoundTripsStateful()
    {
        foreach (var layer in new RNN[] { new LSTM(3, stateful: true), new GRU(3, stateful: true), new SimpleRNN(3, stateful: true) })
        {
            var config = layer.GetConfig();
            Assert.Equal(true, config["stateful"]);
            var restored = (RNN)LayerDeserializer.Deserialize(KerasSerializer.SerializeLayer(layer));
            Assert.True(restored.Stateful);
            Assert.Equal(layer.GetType(), restored.GetType());
        }
        Assert.Equal(false, new LSTM(3).GetConfig()["stateful"]);
    }

    [Fact]
    public void BidirectionalResetsBothDirections()
    {
        var x = randn([2, 4, 3], generator: new TorchSharp.torch.Generator(7));
        var bi = new Bidirectional(new LSTM(3, stateful: true));
        var fresh = bi.Apply(x);
        Assert.True(bi.ForwardLayer.Stateful && bi.BackwardLayer.Stateful);
        Assert.False(bi.Apply(x).allclose(fresh));
        bi.ResetStates();
        TensorAssert.Close(fresh, bi.Apply(x), 0);
    }
}
