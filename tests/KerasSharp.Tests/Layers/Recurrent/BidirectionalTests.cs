using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

public class BidirectionalTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new Bidirectional(new LSTM(3)), [2, 4, 5], [2, 6], trainableWeights: 6);
        LayerTest.Run(() => new Bidirectional(new GRU(3, returnSequences: true), mergeMode: "sum"), [2, 4, 5], [2, 4, 3], trainableWeights: 6);
    }

    [Fact]
    public void Concat_IsForwardThenFlippedBackward()
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
    public void MergeModeNull_AndReturnState_GiveSeveralOutputs()
    {
        var bi = new Bidirectional(new LSTM(3, returnState: true), mergeMode: null);
        var outs = bi.ApplyAll([randn(2, 4, 5)]);
        // [forward output, backward output, forward h, forward c, backward h, backward c]
        Assert.Equal(6, outs.Count);
        Assert.All(outs, o => Assert.Equal(new long[] { 2, 3 }, o.shape));
        Assert.Equal(6, bi.ComputeOutputShapes([new Shape(null, 4, 5)]).Count);
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), mergeMode: "avg"));
        Assert.Contains("avg", ex.Message);
        Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), backwardLayer: new LSTM(2)));
        var config = Keras.Bidirectional(Keras.LSTM(2)).GetConfig();
        Assert.Equal("concat", config["merge_mode"]);
        Assert.True(config.ContainsKey("layer"));
    }
}
