using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Activations;

[Collection(GlobalState.Name)]

public class ELUTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new ELU(), [2, 3], [2, 3]);

    [Fact]
    public void NegativePartIsAlphaTimesExpMinusOne()
    {
        // alpha 1: [-1, 0, 2] -> [e^-1 - 1, 0, 2] = [-0.6321206, 0, 2]; alpha 0.5 halves the negative part
        var x = tensor(new float[] { -1, 0, 2 }).reshape(1, 3);
        TensorAssert.Close([-0.6321206, 0, 2], new ELU().Apply(x), 1e-6);
        TensorAssert.Close([-0.3160603, 0, 2], new ELU(0.5).Apply(x), 1e-6);
        Assert.StartsWith("elu", new ELU().Name);
    }

    [Fact]
    public void NonFiniteAlphaIsRejected() => Assert.Throws<ArgumentOutOfRangeException>(() => new ELU(double.NaN));
}
