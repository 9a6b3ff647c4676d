using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

[Collection(GlobalState.Name)]

public class SimpleRNNTests
{
    internal static SimpleRNN Fixed(bool returnSequences = true, bool goBackwards = false, bool zeroOutputForMask = false, bool returnState = false)
    {
        var rnn = new SimpleRNN(1, returnSequences: returnSequences, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask, returnState: returnState);
        rnn.EnsureBuilt([null, null, 1]);
        using (no_grad())
        {
            rnn.Cell.Kernel!.fill_(0.5);
            rnn.Cell.RecurrentKernel!.fill_(0.5);
            rnn.Cell.Bias!.fill_(0.1);
        }
        return rnn;
    }

    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new SimpleRNN(4), [2, 3, 5], [2, 4], trainableWeights: 3);
    }

    [Fact]
    public void StepsMatchHandComputation()
    {
        var y = Fixed().Apply(tensor(new float[] { 1, 2 }).reshape(1, 2, 1));
        // h1 = tanh(0.5*1 + 0.1) = 0.53704957; h2 = tanh(0.5*2 + 0.1 + 0.5*h1) = 0.87835556
        TensorAssert.Close([0.53704957, 0.87835556], y, 1e-6);
        Assert.Equal("simple_rnn_cell", Fixed().Cell.Name);
    }

    [Fact]
    public void GoBackwardsProcessesReversedSequenceAndReturnsItInProcessingOrder()
    {
        var y = Fixed(goBackwards: true).Apply(tensor(new float[] { 2, 1 }).reshape(1, 2, 1));
        // reversed input is [1, 2]: same outputs as the forward run above, in processing order (Keras does not flip them back)
        TensorAssert.Close([0.53704957, 0.87835556], y, 1e-6);
        var last = Fixed(returnSequences: false, goBackwards: true).Apply(tensor(new float[] { 2, 1 }).reshape(1, 2, 1));
        TensorAssert.Close(0.87835556, last, 1e-6);
    }
}
