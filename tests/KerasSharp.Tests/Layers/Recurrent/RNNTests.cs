using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

[Collection(GlobalState.Name)]

public class RNNMaskTests
{
    // Fixed SimpleRNN (kernel 0.5, recurrent 0.5, bias 0.1): h1 = tanh(0.6) = 0.53704957 for x1 = 1,
    // h2 = tanh(0.5*2 + 0.1 + 0.5*h1) = 0.87835556 for x2 = 2.
    [Fact]
    public void MaskedTrailingStepKeepsStateAndRepeatsPreviousOutput()
    {
        var rnn = SimpleRNNTests.Fixed(returnState: true);
        var outs = rnn.ApplyMasked([tensor(new float[] { 1, 2, 3 }).reshape(1, 3, 1)], tensor(new[] { true, true, false }).reshape(1, 3));
        TensorAssert.Close([0.53704957, 0.87835556, 0.87835556], outs[0], 1e-6);
        TensorAssert.Close(0.87835556, outs[1], 1e-6);
    }

    [Fact]
    public void MaskedLeadingStepLeavesTheInitialStateUnchanged()
    {
        var rnn = SimpleRNNTests.Fixed();
        // step 0 (x = 9) is masked: output 0 (no previous output yet), state stays 0; then x = 1, 2 as above
        var y = rnn.Apply(tensor(new float[] { 9, 1, 2 }).reshape(1, 3, 1), tensor(new float[] { 0, 1, 1 }).reshape(1, 3));
        TensorAssert.Close([0, 0.53704957, 0.87835556], y, 1e-6);
    }

    [Fact]
    public void ZeroOutputForMaskOutputsZerosAtMaskedSteps()
    {
        var rnn = SimpleRNNTests.Fixed(zeroOutputForMask: true);
        var y = rnn.Apply(tensor(new float[] { 1, 2, 3 }).reshape(1, 3, 1), tensor(new[] { true, true, false }).reshape(1, 3));
        TensorAssert.Close([0.53704957, 0.87835556, 0], y, 1e-6);
    }

    [Fact]
    public void LSTMMaskedStepsLeaveBothStatesUnchanged()
    {
        var lstm = LSTMTests.Fixed(returnState: true);
        var x = tensor(new float[] { 1, 2, 0, 1, 5, 5, 7, 7 }).reshape(1, 4, 2);
        var masked = lstm.ApplyMasked([x], tensor(new[] { true, true, false, false }).reshape(1, 4));
        var prefix = lstm.ApplyAll([x[.., ..2]]);
        TensorAssert.Close(prefix[1], masked[1], 1e-6);
        TensorAssert.Close(prefix[2], masked[2], 1e-6);
        TensorAssert.Close(0.53217724, masked[0], 1e-6);
    }

    [Fact]
    public void EmbeddingMaskFeedsTheRecurrentLayerPerSample()
    {
        Keras.Utils.SetRandomSeed(4);
        var emb = new Embedding(10, 3, maskZero: true);
        var gru = new GRU(2);
        var tokens = tensor(new long[] { 4, 5, 0, 0, 4, 5, 6, 7 }).reshape(2, 4);
        var y = gru.Apply(emb.Apply(tokens), emb.ComputeMask(tokens));
        var unpadded = gru.Apply(emb.Apply(tensor(new long[] { 4, 5 }).reshape(1, 2)));
        // sample 0 ends with two padding steps: its output is the output after its two real tokens
        TensorAssert.Close(unpadded[0], y[0], 1e-6);
        Assert.Null(gru.ComputeOutputMask(emb.ComputeMask(tokens)));
        Assert.NotNull(new GRU(2, returnSequences: true).ComputeOutputMask(emb.ComputeMask(tokens)));
    }

    [Fact]
    public void WrongMaskShapeIsRejected()
    {
        var rnn = SimpleRNNTests.Fixed();
        var ex = Assert.Throws<ArgumentException>(() => rnn.Apply(zeros(1, 3, 1), ones(1, 2)));
        Assert.Contains("(1, 3)", ex.Message);
    }

    [Fact]
    public void GenericRNNRunsACellAndCellRunsOneStep()
    {
        var cell = new SimpleRNNCell(1);
        var rnn = new RNN(cell, returnSequences: true);
        rnn.EnsureBuilt([null, null, 1]);
        using (no_grad())
        {
            cell.Kernel!.fill_(0.5);
            cell.RecurrentKernel!.fill_(0.5);
            cell.Bias!.fill_(0.1);
        }
        TensorAssert.Close([0.53704957, 0.87835556], rnn.Apply(tensor(new float[] { 1, 2 }).reshape(1, 2, 1)), 1e-6);
        // the cell alone: [x, h] -> [output, h']: tanh(0.5*2 + 0.1 + 0.5*0.53704957)
        var step = cell.ApplyAll([full(1, 1, 2.0f), full(1, 1, 0.53704957f)]);
        TensorAssert.Close(0.87835556, step[0], 1e-6);
        Assert.True(rnn.GetConfig().ContainsKey("cell"));
    }
}
