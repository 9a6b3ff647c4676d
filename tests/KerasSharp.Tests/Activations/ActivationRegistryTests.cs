using KerasSharp.Activations;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Activations;

public class ActivationRegistryTests
{
    public static IEnumerable<object[]> NamesAndCanonical() =>
    [
        ["linear", "linear"], ["relu", "relu"], ["leaky_relu", "leaky_relu"], ["relu6", "relu6"],
        ["sigmoid", "sigmoid"], ["tanh", "tanh"], ["softmax", "softmax"], ["log_softmax", "log_softmax"],
        ["elu", "elu"], ["selu", "selu"], ["gelu", "gelu"], ["silu", "silu"], ["swish", "silu"],
        ["softplus", "softplus"], ["softsign", "softsign"], ["hard_sigmoid", "hard_sigmoid"],
        ["hard_silu", "hard_silu"], ["hard_swish", "hard_silu"], ["exponential", "exponential"],
        ["mish", "mish"], ["crelu", "crelu"], ["celu", "celu"], ["glu", "glu"], ["hard_tanh", "hard_tanh"],
        ["hard_shrink", "hard_shrink"], ["soft_shrink", "soft_shrink"], ["tanh_shrink", "tanh_shrink"], ["threshold", "threshold"],
        ["squareplus", "squareplus"], ["sparse_plus", "sparse_plus"], ["sparsemax", "sparsemax"], ["sparse_sigmoid", "sparse_sigmoid"],
        ["log_sigmoid", "log_sigmoid"],
    ];

    [Theory]
    [MemberData(nameof(NamesAndCanonical))]
    public void EveryNameResolvesToItsKerasName(string name, string canonical)
    {
        var f = ActivationRegistry.Get(name);
        Assert.Equal(canonical, f.Name);
        Assert.Equal(canonical, f.ToString());
        if (name == "threshold") return; // no defaults for its arguments, as in Keras (ActivationFunctionsTests)
        using var y = f.Apply(tensor(new[] { 0.5, -0.5 }));
        Assert.Equal(ScalarType.Float64, y.dtype);
    }

    [Fact]
    public void NamesAreExactlyKerasActivationNames()
    {
        var expected = NamesAndCanonical().Select(r => (string)r[0]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, ActivationRegistry.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnknownNameThrowsListingValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => ActivationRegistry.Get("rellu"));
        Assert.Equal("name", ex.ParamName);
        Assert.Contains("'rellu'", ex.Message);
        Assert.Contains("Valid names:", ex.Message);
        foreach (var n in new[] { "relu", "gelu", "softmax", "swish", "hard_sigmoid" })
            Assert.Contains(n, ex.Message);
    }

    [Fact]
    public void NamesAreCaseSensitiveAsInKeras()
    {
        Assert.Throws<ArgumentException>(() => ActivationRegistry.Get("ReLU"));
    }

    [Fact]
    public void StringConvertsImplicitly()
    {
        ActivationFunction f = "sigmoid";
        Assert.Equal("sigmoid", f.Name);
        using var y = f.Apply(tensor(new[] { 0.0 }));
        TensorAssert.Close([0.5], y); // 1 / (1 + e^0)
    }

    [Fact]
    public void UnknownStringConversionThrows()
    {
        Assert.Throws<ArgumentException>(() => { ActivationFunction f = "nope"; return f; });
    }

    [Fact]
    public void FuncConvertsImplicitlyAsCustom()
    {
        Func<Tensor, Tensor> twice = t => t * 2;
        ActivationFunction f = twice;
        Assert.Equal("custom", f.Name);
        using var y = f.Apply(tensor(new[] { 1.5, -2.0 }));
        TensorAssert.Close([3.0, -4.0], y);
    }

    [Fact]
    public void EachGetReturnsANewObject()
    {
        Assert.NotSame(ActivationRegistry.Get("relu"), ActivationRegistry.Get("relu"));
    }

    [Fact]
    public void RegistrySoftmaxUsesLastAxis()
    {
        using var x = tensor(new[] { 1.0, 2.0, 3.0, 1.0, 1.0, 1.0 }).reshape(2, 3);
        using var y = ActivationRegistry.Get("softmax").Apply(x);
        // row 1: e^k / (e + e^2 + e^3); row 2: 1/3 each
        TensorAssert.Close([0.09003057317038046, 0.24472847105479767, 0.6652409557748219, 1 / 3.0, 1 / 3.0, 1 / 3.0], y, 1e-12);
    }

    [Fact]
    public void RegistryGeluIsKerasDefaultExactForm()
    {
        using var y = ActivationRegistry.Get("gelu").Apply(tensor(new[] { 1.0 }));
        TensorAssert.Close([0.8413447460685429], y, 1e-12); // 0.5 * (1 + erf(1 / sqrt 2))
    }

    [Fact]
    public void RegistryLeakyReluUsesKerasSlope()
    {
        using var y = ActivationRegistry.Get("leaky_relu").Apply(tensor(new[] { -10.0, 4.0 }));
        TensorAssert.Close([-2.0, 4.0], y); // 0.2 * -10
    }
}
