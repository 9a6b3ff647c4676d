using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

[Collection(GlobalState.Name)]

public class LSTMTests
{
    /// <summary>units=1, input_dim=2: kernel rows [0.1,0.2,0.3,0.4], [0.5,0.6,0.7,0.8] (gates i,f,c,o), recurrent 0.1 each, bias [0,1,0,0].</summary>
    internal static LSTM Fixed(bool returnSequences = false, bool returnState = false, bool goBackwards = false)
    {
        var lstm = new LSTM(1, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards);
        lstm.EnsureBuilt([null, null, 2]);
        using (no_grad())
        {
            lstm.Cell.Kernel!.copy_(tensor(new float[] { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f }).reshape(2, 4));
            lstm.Cell.RecurrentKernel!.copy_(tensor(new float[] { 0.1f, 0.1f, 0.1f, 0.1f }).reshape(1, 4));
            lstm.Cell.Bias!.copy_(tensor(new float[] { 0, 1, 0, 0 }));
        }
        return lstm;
    }

    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new LSTM(3), [2, 4, 5], [2, 3], trainableWeights: 3);
        LayerTest.Run(() => new LSTM(3, returnSequences: true), [2, 4, 5], [2, 4, 3], trainableWeights: 3);
    }

    [Fact]
    public void OneStepMatchesHandComputedGates()
    {
        var lstm = Fixed(returnState: true);
        var outs = lstm.ApplyAll([tensor(new float[] { 1, 2 }).reshape(1, 1, 2)]);
        // z = x @ kernel + h0 @ rk + bias = [0.1+1.0, 0.2+1.2+1, 0.3+1.4, 0.4+1.6] = [1.1, 2.4, 1.7, 2.0]
        // i = σ(1.1), f = σ(2.4), c = f*0 + i*tanh(1.7) = 0.70180011, o = σ(2.0), h = o*tanh(c) = 0.53333068
        Assert.Equal(3, outs.Count);
        TensorAssert.Close(0.53333068, outs[0], 1e-6);
        TensorAssert.Close(0.53333068, outs[1], 1e-6);
        TensorAssert.Close(0.70180011, outs[2], 1e-6);
    }

    [Fact]
    public void TwoStepsUseTheRecurrentKernelAndCarry()
    {
        var lstm = Fixed(returnSequences: true);
        var y = lstm.Apply(tensor(new float[] { 1, 2, 0, 1 }).reshape(1, 2, 2));
        // step 2: x=[0,1], h1=0.53333068, c1=0.70180011: z = [0.5, 1.6, 0.7, 0.8] + 0.1*h1
        // c2 = σ(z_f)*c1 + σ(z_i)*tanh(z_c) = 0.99357093, h2 = σ(z_o)*tanh(c2) = 0.53217724
        TensorAssert.HasShape([1, 2, 1], y);
        TensorAssert.Close([0.53333068, 0.53217724], y, 1e-6);
    }

    [Fact]
    public void InitialStatesAreAcceptedAsExtraInputs()
    {
        var lstm = Fixed(returnState: true);
        var x = tensor(new float[] { 1, 2, 0, 1 }).reshape(1, 2, 2);
        var first = lstm.ApplyAll([x[.., ..1]]);
        var resumed = lstm.ApplyAll([x[.., 1..], first[1], first[2]]);
        // continuing from the returned (h, c) equals running both steps at once
        TensorAssert.Close(0.53217724, resumed[0], 1e-6);
        TensorAssert.Close(0.99357093, resumed[2], 1e-6);
        var ex = Assert.Throws<ArgumentException>(() => lstm.ApplyAll([x, first[1]]));
        Assert.Contains("2 initial state tensor(s)", ex.Message);
    }

    [Fact]
    public void WeightsHaveKerasShapesOrderAndUnitForgetBias()
    {
        var lstm = new LSTM(4);
        lstm.EnsureBuilt([null, 7, 3]);
        var w = lstm.TrainableWeights;
        Assert.Equal(new long[] { 3, 16 }, w[0].shape);
        Assert.Equal(new long[] { 4, 16 }, w[1].shape);
        Assert.Equal(new long[] { 16 }, w[2].shape);
        // unit_forget_bias: bias = [zeros(4), ones(4), zeros(8)]
        TensorAssert.Close([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], w[2]);
        Assert.Same(lstm.Cell, Assert.Single(lstm.SubLayers));
        Assert.Equal("lstm_cell", lstm.Cell.Name);
        Assert.Equal(new[] { "kernel", "recurrent_kernel", "bias" }, lstm.Cell.OwnWeights.Select(x => x.Name));
        // recurrent kernel is orthogonal: rk rk^T = I (units x units block of a (4, 16) matrix has orthonormal rows)
        var rk = lstm.Cell.RecurrentKernel!;
        TensorAssert.Close(eye(4), rk.matmul(rk.t()), 1e-4);
    }

    [Fact]
    public void ConfigHasKerasKeysAndBadArgumentsAreRejected()
    {
        var config = new LSTM(5, dropout: 0.1).GetConfig();
        foreach (var key in new[] { "units", "activation", "recurrent_activation", "unit_forget_bias", "dropout", "recurrent_dropout", "return_sequences", "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask", "seed" })
            Assert.True(config.ContainsKey(key), key);
        Assert.False(config.ContainsKey("cell"));
        Assert.Equal("tanh", config["activation"]);
        Assert.Equal("sigmoid", config["recurrent_activation"]);
        Assert.True(new LSTM(3, stateful: true).Stateful); // stateful RNNs: StatefulTests
        Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(2, dropout: 1.5));
    }

    [Fact]
    public void ReturnStateShapesAndWrongRank()
    {
        var lstm = new LSTM(3, returnSequences: true, returnState: true);
        var outs = lstm.ApplyAll([randn(2, 5, 4)]);
        Assert.Equal(new long[] { 2, 5, 3 }, outs[0].shape);
        Assert.Equal(new long[] { 2, 3 }, outs[1].shape);
        Assert.Equal(new long[] { 2, 3 }, outs[2].shape);
        TensorAssert.Close(outs[0][.., -1], outs[1]);
        var shapes = lstm.ComputeOutputShapes([new Shape(null, 5, 4)]);
        Assert.Equal([new Shape(null, 5, 3), new Shape(null, 3), new Shape(null, 3)], shapes);
        var ex = Assert.Throws<ArgumentException>(() => new LSTM(2, name: "seq").Apply(randn(2, 4)));
        Assert.Contains("\"seq\"", ex.Message);
        Assert.Contains("ndim=3", ex.Message);
    }

    [Fact]
    public void DropoutOnlyActsInTraining()
    {
        Keras.Utils.SetRandomSeed(3);
        var lstm = new LSTM(4, dropout: 0.5, recurrentDropout: 0.5);
        var x = randn(3, 5, 6);
        TensorAssert.Close(lstm.Apply(x), lstm.Apply(x));
        Assert.False(lstm.Apply(x, training: true).allclose(lstm.Apply(x)));
    }
}
