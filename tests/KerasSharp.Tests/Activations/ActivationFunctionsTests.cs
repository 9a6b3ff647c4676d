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
        // crelu doubles and glu halves the last axis; threshold has no defaults (see ThresholdByNameNeedsItsArguments).
        foreach (var name in ActivationRegistry.Names.Where(n => n is not ("crelu" or "glu" or "threshold")))
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

    [Fact]
    public void CeluWithDefaultAndCustomAlpha()
    {
        // Keras' activations_test reference: max(x, 0) + alpha * expm1(min(x, 0) / alpha); x=-1: e^-1 - 1, alpha 0.5: 0.5 (e^-2 - 1)
        TensorAssert.Close([-0.6321205588285577, 0, 2], A.Celu(T(-1, 0, 2)), 1e-12);
        TensorAssert.Close([-0.43233235838169365, 0, 2], A.Celu(T(-1, 0, 2), alpha: 0.5), 1e-12);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => A.Celu(T(1), alpha: 0));
        Assert.Equal("alpha", ex.ParamName);
    }

    [Fact]
    public void GluSplitsTheAxisInHalves()
    {
        // Keras' activations_test reference: a * sigmoid(b) with [a, b] = split(x, 2, axis): [1, 2] * sigmoid([3, 4])
        using var y = A.Glu(T(1, 2, 3, 4).reshape(1, 4));
        TensorAssert.HasShape([1, 2], y);
        TensorAssert.Close([0.9525741268224334, 1.964027580075817], y, 1e-12);
        // axis -2 of a (2, 2) input: first row gated by the second
        using var z = A.Glu(T(1, 2, 3, 4).reshape(2, 2), axis: -2);
        TensorAssert.Close([0.9525741268224334, 1.964027580075817], z, 1e-12);
        var odd = Assert.Throws<ArgumentException>(() => A.Glu(T(1, 2, 3)));
        Assert.Contains("divisible by 2", odd.Message);
        Assert.Contains("x.shape=(3)", odd.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => A.Glu(T(1, 2), axis: 1));
    }

    [Fact]
    public void HardTanhClipsToMinusOneOne() =>
        TensorAssert.Close([-1, -0.5, 0.25, 1], A.HardTanh(T(-3, -0.5, 0.25, 2)), 1e-12);

    [Fact]
    public void HardAndSoftShrink()
    {
        // Keras' formulas: hard_shrink keeps |x| > 0.5; soft_shrink moves x towards 0 by 0.5 and zeroes [-0.5, 0.5]
        TensorAssert.Close([-2, 0, 0, 0, 0.75], A.HardShrink(T(-2, -0.5, 0.2, 0.5, 0.75)), 1e-12);
        TensorAssert.Close([-2, 0, 1.5], A.HardShrink(T(-2, 0.9, 1.5), threshold: 1), 1e-12);
        TensorAssert.Close([-1.5, 0, 0, 0, 0.25], A.SoftShrink(T(-2, -0.5, 0.2, 0.5, 0.75)), 1e-12);
        TensorAssert.Close([-1, 0, 0.5], A.SoftShrink(T(-2, 0.9, 1.5), threshold: 1), 1e-12);
    }

    [Fact]
    public void TanhShrink() =>
        // x - tanh(x): 1 - 0.7615941559557649, -2 + 0.9640275800758169
        TensorAssert.Close([0.23840584404423515, -1.035972419924183], A.TanhShrink(T(1, -2)), 1e-12);

    [Fact]
    public void ThresholdKeepsValuesAboveItAndReplacesTheRest()
    {
        // Keras: where(x > threshold, x, default_value)
        TensorAssert.Close([-7, -7, 0.5, 3], A.Threshold(T(-1, 0.1, 0.5, 3), 0.1, -7), 1e-12);
    }

    [Fact]
    public void ThresholdByNameNeedsItsArguments()
    {
        // keras.activations.get("threshold") resolves, but the function has no defaults for threshold and default_value
        var f = ActivationRegistry.Get("threshold");
        Assert.Equal("threshold", f.Name);
        var ex = Assert.Throws<ArgumentException>(() => f.Apply(T(1)));
        Assert.Contains("threshold and default_value", ex.Message);
    }

    [Fact]
    public void SquareplusWithDefaultAndCustomB()
    {
        // (x + sqrt(x^2 + b)) / 2: b=4: 0 -> 1, 1 -> (1 + sqrt 5) / 2, -3 -> (-3 + sqrt 13) / 2; b=1: 0 -> 0.5
        TensorAssert.Close([1, 1.618033988749895, 0.30277563773199456], A.Squareplus(T(0, 1, -3)), 1e-12);
        TensorAssert.Close([0.5, 1.2071067811865475], A.Squareplus(T(0, 1), b: 1), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => A.Squareplus(T(0), b: -1));
    }

    [Fact]
    public void SparsePlusAndSparseSigmoidPiecewise()
    {
        // Keras' activations_test references; -1 and 1 are the knots
        TensorAssert.Close([0, 0, 0.25, 0.5625, 1, 3], A.SparsePlus(T(-2, -1, 0, 0.5, 1, 3)), 1e-12);
        TensorAssert.Close([0, 0, 0.5, 0.75, 1, 1], A.SparseSigmoid(T(-2, -1, 0, 0.5, 1, 3)), 1e-12);
    }

    [Fact]
    public void LogSigmoidIsStable()
    {
        // -softplus(-x): 0 -> -ln 2; large negative x -> x (no overflow)
        TensorAssert.Close([-0.6931471805599453, -0.31326168751822286, -1.3132616875182228, -100], A.LogSigmoid(T(0, 1, -1, -100)), 1e-12);
    }

    [Fact]
    public void SparsemaxKerasTestCases()
    {
        // keras/src/activations/activations_test.py test_sparsemax: linspace(1, 12) gives a one-hot of the largest value
        using var x1 = linspace(1, 12, 12, dtype: ScalarType.Float64);
        TensorAssert.Close([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], A.Sparsemax(x1));
        using var x2 = x1.reshape(-1, 2);
        TensorAssert.Close([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], A.Sparsemax(x2));
        var axisMinus2 = new double[12];
        axisMinus2[10] = axisMinus2[11] = 1;
        TensorAssert.Close(axisMinus2, A.Sparsemax(x2, axis: -2));
        using var x3 = x1.reshape(-1, 1, 3);
        TensorAssert.Close(Enumerable.Repeat(1.0, 12).ToArray(), A.Sparsemax(x3, axis: -2)); // an axis of size 1
    }

    [Fact]
    public void SparsemaxProjectsOntoTheSimplexWithSeveralValuesInTheSupport()
    {
        // keras-team/keras#23425/#23469: [0, 0.5, 1] -> tau = (1.5 - 1) / 2 = 0.25 -> [0, 0.25, 0.75];
        // [0.1 .. 0.5] -> support of 4, tau = (1.4 - 1) / 4 = 0.1 -> [0, 0.1, 0.2, 0.3, 0.4]; ties [1, 1] -> [0.5, 0.5]
        TensorAssert.Close([0, 0.25, 0.75], A.Sparsemax(T(0, 0.5, 1)), 1e-12);
        TensorAssert.Close([0, 0.1, 0.2, 0.3, 0.4], A.Sparsemax(T(0.1, 0.2, 0.3, 0.4, 0.5)), 1e-12);
        TensorAssert.Close([0.5, 0.5], A.Sparsemax(T(1, 1)), 1e-12);
        using var y = A.Sparsemax(randn(4, 7, dtype: ScalarType.Float64), axis: 1);
        TensorAssert.Close([1, 1, 1, 1], y.sum([1L]), 1e-12);
        Assert.True(y.ge(0).all().item<bool>());
        Assert.Throws<ArgumentOutOfRangeException>(() => A.Sparsemax(T(1, 2), axis: 1));
    }

    [Fact]
    public void NewActivationsAreUsableByNameInALayer()
    {
        foreach (var name in new[] { "celu", "hard_tanh", "hard_shrink", "soft_shrink", "tanh_shrink", "squareplus", "sparse_plus",
                     "sparse_sigmoid", "sparsemax", "log_sigmoid", "glu" })
        {
            var dense = new KerasSharp.Layers.Dense(4, name);
            using var y = dense.Apply(ones(2, 3));
            Assert.Equal(name == "glu" ? new long[] { 2, 2 } : new long[] { 2, 4 }, y.shape);
            Assert.Equal(name, (string?)Keras.Saving.Serialize(dense)["config"]!["activation"]);
        }
    }
}
