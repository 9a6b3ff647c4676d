using KerasSharp.Activations;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;
using A = KerasSharp.Activations.ActivationFunctions;

namespace KerasSharp.Tests.Activations;

public class ActivationFunctionsTests
{
    private static Tensor T(params double[] v) => tensor(v);

    [Fact]
    public void LinearReturnsInput()
    {
        using var x = T(-1, 2);
        Assert.Same(x, A.Linear(x));
    }

    [Fact]
    public void ReluMatchesKerasDocExamples()
    {
        using var x = T(-10, -5, 0, 5, 10);
        TensorAssert.Close([0, 0, 0, 5, 10], A.Relu(x));
        TensorAssert.Close([-5, -2.5, 0, 5, 10], A.Relu(x, negativeSlope: 0.5));
        TensorAssert.Close([0, 0, 0, 5, 5], A.Relu(x, maxValue: 5));
        TensorAssert.Close([0, 0, 0, 0, 10], A.Relu(x, threshold: 5));
        // slope 0.5 below threshold 5: -0.5 * (5 - x) -> -7.5, -5, -2.5, 0 (x=5 not above threshold), 10; capped at 8
        TensorAssert.Close([-7.5, -5, -2.5, 0, 8], A.Relu(x, negativeSlope: 0.5, maxValue: 8, threshold: 5));
    }

    [Fact]
    public void LeakyReluDefaultSlopeIsKeras02()
    {
        using var x = T(-10, -1, 0, 5);
        TensorAssert.Close([-2, -0.2, 0, 5], A.LeakyRelu(x), 1e-12);
        TensorAssert.Close([-1, -0.1, 0, 5], A.LeakyRelu(x, negativeSlope: 0.1), 1e-12);
    }

    [Fact]
    public void Relu6Clips()
    {
        TensorAssert.Close([0, 3, 6], A.Relu6(T(-1, 3, 7)));
    }

    [Fact]
    public void SigmoidAndTanh()
    {
        // 1 / (1 + e^0) = 0.5; 1 / (1 + e^-1) = 0.7310585786300049
        TensorAssert.Close([0.5, 0.7310585786300049], A.Sigmoid(T(0, 1)), 1e-12);
        TensorAssert.Close([0, 0.7615941559557649, -0.7615941559557649], A.Tanh(T(0, 1, -1)), 1e-12);
    }

    [Fact]
    public void SoftmaxOfOneTwoThree()
    {
        // e^k / (e^1 + e^2 + e^3)
        TensorAssert.Close([0.09003057317038046, 0.24472847105479767, 0.6652409557748219], A.Softmax(T(1, 2, 3)), 1e-12);
    }

    [Fact]
    public void SoftmaxAxisArgument()
    {
        using var x = T(1, 1, 2, 5).reshape(2, 2);
        // axis 0: columns [1, 2] and [1, 5]; e^1/(e^1+e^2) = 0.2689414213699951, e^1/(e^1+e^5) = 0.01798620996209156
        TensorAssert.Close([0.2689414213699951, 0.01798620996209156, 0.7310585786300049, 0.9820137900379085], A.Softmax(x, axis: 0), 1e-12);
    }

    [Fact]
    public void LogSoftmaxOfOneTwoThree()
    {
        // x - log(e + e^2 + e^3) = x - 3.40760596444438
        TensorAssert.Close([-2.40760596444438, -1.4076059644443801, -0.4076059644443803], A.LogSoftmax(T(1, 2, 3)), 1e-12);
    }

    [Fact]
    public void EluWithDefaultAndCustomAlpha()
    {
        // e^-1 - 1 = -0.6321205588285577
        TensorAssert.Close([-0.6321205588285577, 0, 2], A.Elu(T(-1, 0, 2)), 1e-12);
        TensorAssert.Close([-1.2642411176571153, 0, 2], A.Elu(T(-1, 0, 2), alpha: 2.0), 1e-12);
    }

    [Fact]
    public void SeluUsesKerasConstants()
    {
        Assert.Equal(1.6732632423543772, A.SeluAlpha, 15);
        Assert.Equal(1.0507009873554805, A.SeluScale, 15);
        // x > 0: scale * x; x = -1: scale * alpha * (e^-1 - 1) = -1.1113307378125625
        TensorAssert.Close([1.0507009873554805, 0, -1.1113307378125625], A.Selu(T(1, 0, -1)), 1e-12);
    }

    [Fact]
    public void GeluExactByDefaultAndApproximateOnRequest()
    {
        // exact: 0.5 x (1 + erf(x / sqrt 2)): x=1 -> 0.8413447460685429, x=-2 -> -0.04550026389635842
        TensorAssert.Close([0.8413447460685429, -0.04550026389635842], A.Gelu(T(1, -2)), 1e-12);
        // tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): x=1 -> 0.8411919906082768, x=-2 -> -0.04540230591222494
        TensorAssert.Close([0.8411919906082768, -0.04540230591222494], A.Gelu(T(1, -2), approximate: true), 1e-12);
    }

    [Fact]
    public void SiluAndSwish()
    {
        // 1 * sigmoid(1) = 0.7310585786300049; -1 * sigmoid(-1) = -0.2689414213699951
        TensorAssert.Close([0, 0.7310585786300049, -0.2689414213699951], A.Silu(T(0, 1, -1)), 1e-12);
        TensorAssert.Close([0, 0.7310585786300049, -0.2689414213699951], A.Swish(T(0, 1, -1)), 1e-12);
    }

    [Fact]
    public void SoftplusAndSoftsign()
    {
        // log(1 + e^0) = ln 2; log(1 + e) = 1.3132616875182228
        TensorAssert.Close([0.6931471805599453, 1.3132616875182228], A.Softplus(T(0, 1)), 1e-12);
        // x / (|x| + 1)
        TensorAssert.Close([0.5, -0.75, 0], A.Softsign(T(1, -3, 0)), 1e-12);
    }

    [Fact]
    public void HardSigmoidIsKeras3Formula()
    {
        // relu6(x + 3) / 6: -4 -> 0, -3 -> 0, 0 -> 0.5, 1.5 -> 0.75, 3 -> 1, 4 -> 1
        TensorAssert.Close([0, 0, 0.5, 0.75, 1, 1], A.HardSigmoid(T(-4, -3, 0, 1.5, 3, 4)), 1e-12);
    }

    [Fact]
    public void HardSilu()
    {
        // x * relu6(x + 3) / 6: -4 -> 0, 1.5 -> 1.5 * 0.75 = 1.125, 4 -> 4
        TensorAssert.Close([0, 1.125, 4], A.HardSilu(T(-4, 1.5, 4)), 1e-12);
    }

    [Fact]
    public void ExponentialAndMish()
    {
        TensorAssert.Close([1, Math.E], A.Exponential(T(0, 1)), 1e-12);
        // x * tanh(log(1 + e^x)): 1 -> tanh(1.3132616875182228) = 0.8650983882673103; -1 -> -0.30340146137410895
        TensorAssert.Close([0.8650983882673103, -0.30340146137410895, 0], A.Mish(T(1, -1, 0)), 1e-12);
    }

    [Fact]
    public void CReluConcatenatesOnLastAxis()
    {
        using var x = T(1, -2, 3, -4).reshape(2, 2);
        using var y = A.CRelu(x);
        TensorAssert.HasShape([2, 4], y);
        // rows: [relu(x), relu(-x)]
        TensorAssert.Close([1, 0, 0, 2, 3, 0, 0, 4], y);
    }

    [Fact]
    public void KeepsShapeAndFloat32Dtype()
    {
        using var x = rand(new long[] { 2, 3, 4 });
        foreach (var name in ActivationRegistry.Names.Where(n => n != "crelu"))
        {
            var y = ActivationRegistry.Get(name).Apply(x);
            Assert.Equal(x.shape, y.shape);
            Assert.Equal(ScalarType.Float32, y.dtype);
            if (!ReferenceEquals(x, y)) y.Dispose(); // linear returns x itself
        }
    }

    [Fact]
    public void GradientsFlowThroughComposedFunctions()
    {
        using var x = tensor(new[] { 1.0 }, requires_grad: true);
        using var y = A.Gelu(x).sum();
        y.backward();
        // d/dx 0.5 x (1 + erf(x/sqrt2)) = Phi(x) + x phi(x) = 0.8413447460685429 + 0.24197072451914337
        TensorAssert.Close([1.0833154705876864], x.grad!, 1e-12);
    }

    [Fact]
    public void NullInputThrows()
    {
        Assert.Throws<ArgumentNullException>(() => A.Relu(null!));
        Assert.Throws<ArgumentNullException>(() => A.Softmax(null!));
    }
}
