using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Factories;

public class KerasActivationLayersTests
{
    [Fact]
    public void FactoriesBuildTheLayers()
    {
        var x = tensor(new float[] { -2, 3 }).reshape(1, 2);
        TensorAssert.Close([0, 3], ReLU().Apply(x));
        TensorAssert.Close([-0.2, 3], LeakyReLU(0.1).Apply(x), 1e-6);
        TensorAssert.Close([0, 3], PReLU().Apply(x));
        TensorAssert.Close([Math.Exp(-2) - 1, 3], ELU().Apply(x), 1e-6);
        TensorAssert.Close([Math.Exp(-5) / (1 + Math.Exp(-5)), 1 / (1 + Math.Exp(-5))], Softmax().Apply(x), 1e-6);
    }
}
