using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

[Collection(GlobalState.Name)]

public class TimeDistributedTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new TimeDistributed(new Dense(3)), [2, 4, 5], [2, 4, 3], trainableWeights: 2);
    }

    [Fact]
    public void AppliesTheSameDenseAtEveryStep()
    {
        Keras.Utils.SetRandomSeed(6);
        var dense = new Dense(2);
        var td = Keras.TimeDistributed(dense);
        var x = randn(3, 4, 5);
        var y = td.Apply(x);
        Assert.Equal(new long[] { 3, 4, 2 }, y.shape);
        for (int t = 0; t < 4; t++)
            TensorAssert.Close(dense.Apply(x[.., t]), y[.., t], 1e-6);
        Assert.Equal(new long[] { 5, 2 }, dense.Kernel!.shape);
        Assert.Throws<ArgumentException>(() => new TimeDistributed(new Dense(2)).Apply(randn(3, 4)));
    }
}
