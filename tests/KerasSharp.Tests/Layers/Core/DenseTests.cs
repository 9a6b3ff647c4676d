using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Core;

[Collection(GlobalState.Name)]

public class DenseTests
{
    [Fact]
    public void ForwardIsXTimesKernelPlusBiasThenActivation()
    {
        var dense = new Dense(2, "relu", kernelInitializer: "ones", biasInitializer: "zeros");
        dense.EnsureBuilt([null, 3]);
        using (no_grad())
        {
            // kernel (in=3, out=2) = [[1, -1], [2, 0], [0, 1]], bias = [0.5, -10]
            dense.Kernel!.copy_(tensor(new float[] { 1, -1, 2, 0, 0, 1 }).reshape(3, 2));
            dense.Bias!.copy_(tensor(new float[] { 0.5f, -10 }));
        }
        var y = dense.Apply(tensor(new float[] { 1, 2, 3, -1, 0, 1 }).reshape(2, 3));
        // row 1: [1*1+2*2+3*0+0.5, -1+0+3-10] = [5.5, -8] -> relu [5.5, 0]
        // row 2: [-1+0+0+0.5, 1+0+1-10] = [-0.5, -8] -> relu [0, 0]
        TensorAssert.Close([5.5, 0, 0, 0], y);
    }

    [Theory]
    [InlineData(128, 512, 10, true)]  // few units, large input: inference uses kernel^T x^T
    [InlineData(1000, 64, 3, true)]
    [InlineData(20, 40, 5, true)]     // small: the plain product, or a kept transposed copy inside Predict / Evaluate
    [InlineData(256, 64, 32, true)]   // many units: the plain product, or a kept copy in long Predict / Evaluate calls
    [InlineData(128, 512, 10, false)] // with gradients: the plain product
    public void FewUnitsInferenceFormGivesTheSameProduct(int batch, int inputs, int units, bool inference)
    {
        Keras.Utils.SetRandomSeed(3);
        var dense = new Dense(units, "softmax");
        dense.EnsureBuilt([null, inputs]);
        using (no_grad()) dense.Bias!.copy_(randn(units));
        var x = randn(batch, inputs);
        using var expected = (addmm(dense.Bias!, x, dense.Kernel!, 1, 1)).softmax(-1).detach();
        Tensor y;
        using (inference ? no_grad() : null) y = dense.Apply(x);
        using var frozen = new KerasSharp.Internal.FrozenWeights(KerasSharp.Internal.FrozenWeights.MinRowsForAnyKernel); // as inside a long Predict / Evaluate
        Tensor yFrozen;
        using (inference ? no_grad() : null) yFrozen = frozen.During(() => dense.Apply(x));
        Assert.True(yFrozen.allclose(expected, rtol: 1e-5, atol: 1e-6), $"max diff {(yFrozen - expected).abs().max().item<float>()}");
        Assert.Equal([(long)batch, units], y.shape);
        Assert.True(y.is_contiguous());
        Assert.True(y.allclose(expected, rtol: 1e-5, atol: 1e-6), $"max diff {(y - expected).abs().max().item<float>()}");
        Assert.Equal(!inference, y.requires_grad);
        if (inference) Assert.True(y.sum(-1).allclose(ones(batch), atol: 1e-5));
    }

    [Fact]
    public void ReluInPlaceGivesTheOutOfPlaceValuesAndGradientsBitForBit()
    {
        // Dense applies relu in place on its fresh product; autograd must still see relu(x W + b).
        Keras.Utils.SetRandomSeed(8);
        var dense = new Dense(6, "relu");
        dense.EnsureBuilt([null, 5]);
        using (no_grad()) dense.Bias!.copy_(randn(6));
        var x = randn(4, 5);
        var y = dense.Apply(x);
        y.pow(2).sum().backward();
        var kernelGrad = dense.Kernel!.grad!.clone();
        var biasGrad = dense.Bias!.grad!.clone();
        dense.Kernel.grad!.zero_();
        dense.Bias.grad!.zero_();
        var expected = nn.functional.relu(addmm(dense.Bias, x, dense.Kernel, 1, 1));
        expected.pow(2).sum().backward();
        Assert.True(y.eq(expected).all().item<bool>());
        Assert.True(kernelGrad.eq(dense.Kernel.grad!).all().item<bool>());
        Assert.True(biasGrad.eq(dense.Bias.grad!).all().item<bool>());
        Assert.True(kernelGrad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void KernelHasKerasLayoutAndDefaultsAreGlorotUniformAndZeros()
    {
        var dense = new Dense(7);
        dense.EnsureBuilt([null, 11]);
        Assert.Equal(new long[] { 11, 7 }, dense.Kernel!.shape);
        Assert.Equal(new long[] { 7 }, dense.Bias!.shape);
        Assert.Equal(0, dense.Bias.abs().sum().item<float>());
        double limit = Math.Sqrt(6.0 / (11 + 7));
        Assert.True(dense.Kernel.abs().max().item<float>() <= limit);
        Assert.Equal("linear", dense.Activation.Name);
        Assert.Equal(11 * 7 + 7, dense.CountParams());
    }

    [Fact]
    public void WrongInputSizeNamesLayerExpectedAndReceived()
    {
        var dense = new Dense(4, name: "my_dense");
        dense.EnsureBuilt([null, 784]);
        var ex = Assert.Throws<ArgumentException>(() => dense.Apply(zeros(32, 28, 28)));
        Assert.Equal("Input 0 of layer \"my_dense\" is incompatible with the layer: expected axis -1 of input shape to have value 784, but received input with shape (32, 28, 28)", ex.Message);
    }

    [Fact]
    public void InvalidUnitsAndUnknownActivationAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(0));
        var ex = Assert.Throws<ArgumentException>(() => new Dense(3, "rellu"));
        Assert.Contains("rellu", ex.Message);
        Assert.Contains("relu", ex.Message);
    }

    [Fact]
    public void Rank3InputIsContractedOnLastAxis()
    {
        var dense = new Dense(5);
        var y = dense.Apply(ones(2, 3, 4));
        Assert.Equal(new long[] { 2, 3, 5 }, y.shape);
        Assert.Equal(new Shape(null, 3, 5), dense.ComputeOutputShape([null, 3, 4]));
    }

    [Fact]
    public void GetConfigUsesKerasKeys()
    {
        var config = new Dense(3, "relu", name: "d").GetConfig();
        Assert.Equal("d", config["name"]);
        Assert.Equal(3, config["units"]);
        Assert.Equal("relu", config["activation"]);
        Assert.Equal(true, config["use_bias"]);
        Assert.Contains("kernel_initializer", config.Keys);
    }
}
