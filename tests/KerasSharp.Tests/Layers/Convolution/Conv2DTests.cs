using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Convolution;

[Collection(GlobalState.Name)]

public class Conv2DTests
{
    /// <summary>A channels_last image (1, h, w, 1) holding 1, 2, 3, ... row by row.</summary>
    internal static Tensor Counting(int h, int w, int channels = 1) =>
        arange(1, h * w * channels + 1, dtype: ScalarType.Float32).reshape(1, h, w, channels);

    internal static void Set(TorchSharp.Modules.Parameter p, params float[] values)
    {
        using var _ = no_grad();
        p.copy_(tensor(values).reshape(p.shape));
    }

    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new Conv2D(4, 3), [2, 6, 6, 3], [2, 4, 4, 4], trainableWeights: 2);
        LayerTest.Run(() => new Conv2D(4, (3, 2), strides: 2, padding: "same", activation: "relu"), [2, 7, 5, 3], [2, 4, 3, 4], trainableWeights: 2);
        LayerTest.Run(() => new Conv2D(4, 3, dataFormat: "channels_first", useBias: false), [2, 3, 6, 6], [2, 4, 4, 4], trainableWeights: 1);
        LayerTest.Run(() => new Conv2D(4, 3, groups: 2, dilationRate: 2), [2, 7, 7, 2], [2, 3, 3, 4], trainableWeights: 2);
    }

    [Fact]
    public void ValidChannelsLastIsCrossCorrelationWithKerasKernelLayout()
    {
        var conv = new Conv2D(1, 2);
        conv.EnsureBuilt([null, 3, 3, 1]);
        Assert.Equal(new long[] { 2, 2, 1, 1 }, conv.Kernel!.shape);  // (kh, kw, in, out)
        Set(conv.Kernel, 1, 2, 3, 4);  // kernel[row, col] = [[1, 2], [3, 4]]
        Set(conv.Bias!, 0.5f);
        // x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]; y[i, j] = sum kernel[a, b] * x[i + a, j + b] + 0.5
        // y[0,0] = 1*1 + 2*2 + 3*4 + 4*5 = 37;  y[0,1] = 1*2 + 2*3 + 3*5 + 4*6 = 47
        // y[1,0] = 1*4 + 2*5 + 3*7 + 4*8 = 67;  y[1,1] = 1*5 + 2*6 + 3*8 + 4*9 = 77
        var y = conv.Apply(Counting(3, 3));
        Assert.Equal(new long[] { 1, 2, 2, 1 }, y.shape);
        TensorAssert.Close([37.5, 47.5, 67.5, 77.5], y.contiguous());
    }

    [Fact]
    public void ChannelsKernelIsInByOut()
    {
        var conv = new Conv2D(2, 1, useBias: false);
        conv.EnsureBuilt([null, 2, 2, 2]);
        Set(conv.Kernel!, 1, 2, 3, 4);  // kernel[0, 0] = [[1, 2], [3, 4]] (in x out)
        // pixels (c0, c1): (1, 10), (2, 20), (3, 30), (4, 40)
        var x = tensor(new float[] { 1, 10, 2, 20, 3, 30, 4, 40 }).reshape(1, 2, 2, 2);
        // out0 = c0*1 + c1*3, out1 = c0*2 + c1*4: (1,10) -> (31, 42), (2,20) -> (62, 84), (3,30) -> (93, 126), (4,40) -> (124, 168)
        TensorAssert.Close([31, 42, 62, 84, 93, 126, 124, 168], conv.Apply(x).contiguous());
    }

    [Fact]
    public void SameStride2OddTotalPaddingPadsTheExtraCellAtTheEnd()
    {
        var conv = new Conv2D(1, 3, strides: 2, padding: "same", kernelInitializer: "ones", useBias: false);
        // input 4x4, k 3, s 2: out = ceil(4/2) = 2, total padding = (2-1)*2 + 3 - 4 = 1 -> 0 before, 1 after (TensorFlow)
        // x = [[1,2,3,4],[5,6,7,8],[9,10,11,12],[13,14,15,16]], window sums over rows/cols {0,1,2} and {2,3,pad}:
        // y[0,0] = 1+2+3+5+6+7+9+10+11 = 54;  y[0,1] = 3+4+7+8+11+12 = 45
        // y[1,0] = 9+10+11+13+14+15 = 72;     y[1,1] = 11+12+15+16 = 54
        // (symmetric padding of 1 would give y[0,0] = 1+2+5+6 = 14)
        var y = conv.Apply(Counting(4, 4));
        Assert.Equal(new long[] { 1, 2, 2, 1 }, y.shape);
        TensorAssert.Close([54, 45, 72, 54], y.contiguous());
    }

    [Fact]
    public void SameStride1KeepsSizeAndEvenKernelPadsAtTheEnd()
    {
        var conv = new Conv2D(1, 2, padding: "same", kernelInitializer: "ones", useBias: false);
        // k 2, s 1: total padding 1 -> 0 before, 1 after: y[i, j] = x[i, j] + x[i, j+1] + x[i+1, j] + x[i+1, j+1] (0 outside)
        // x = [[1,2],[3,4]]: y = [[1+2+3+4, 2+4], [3+4, 4]] = [[10, 6], [7, 4]]
        TensorAssert.Close([10, 6, 7, 4], conv.Apply(Counting(2, 2)).contiguous());
    }

    [Fact]
    public void ChannelsFirstMatchesChannelsLast()
    {
        Keras.Utils.SetRandomSeed(3);
        var last = new Conv2D(3, (2, 3), strides: (1, 2), padding: "same", biasInitializer: "ones");
        var first = new Conv2D(3, (2, 3), strides: (1, 2), padding: "same", dataFormat: "channels_first", biasInitializer: "ones");
        var x = randn(2, 5, 6, 4);
        var yLast = last.Apply(x);
        first.EnsureBuilt([null, 4, 5, 6]);
        using (no_grad()) first.Kernel!.copy_(last.Kernel!);
        var yFirst = first.Apply(x.permute(0, 3, 1, 2));
        TensorAssert.Close(yLast.contiguous(), yFirst.permute(0, 2, 3, 1).contiguous(), 1e-5);
    }

    [Fact]
    public void ComputeOutputShapeFollowsKerasFormula()
    {
        Assert.Equal(new Shape(null, 13, 13, 32), new Conv2D(32, 3).ComputeOutputShape(new Shape(null, 15, 15, 1)));
        Assert.Equal(new Shape(null, 8, 5, 8), new Conv2D(8, 3, strides: (2, 3), padding: "same").ComputeOutputShape(new Shape(null, 15, 15, 1)));
        Assert.Equal(new Shape(null, null, 11, 8), new Conv2D(8, 5, dilationRate: (1, 1)).ComputeOutputShape(new Shape(null, null, 15, 1)));
        // dilation 2: k_eff = (3 - 1) * 2 + 1 = 5 -> 11 - 5 + 1 = 7
        Assert.Equal(new Shape(null, 8, 7, 7), new Conv2D(8, 3, dilationRate: 2, dataFormat: "channels_first").ComputeOutputShape(new Shape(null, 2, 11, 11)));
    }

    [Fact]
    public void DefaultsNameAndConfigAreKeras()
    {
        Keras.ClearSession();
        var conv = new Conv2D(32, (3, 3), activation: "relu");
        Assert.Equal("conv2d", conv.Name);
        conv.EnsureBuilt([null, 28, 28, 1]);
        Assert.Equal(new long[] { 3, 3, 1, 32 }, conv.Kernel!.shape);
        double limit = Math.Sqrt(6.0 / (3 * 3 * 1 + 3 * 3 * 32));  // glorot_uniform: fan_in = k*k*in, fan_out = k*k*out
        Assert.True(conv.Kernel.abs().max().item<float>() <= limit);
        Assert.Equal(0, conv.Bias!.abs().sum().item<float>());
        Assert.Equal(3 * 3 * 32 + 32, conv.CountParams());
        var config = conv.GetConfig();
        Assert.Equal(32, config["filters"]);
        Assert.Equal(new[] { 3, 3 }, config["kernel_size"]);
        Assert.Equal(new[] { 1, 1 }, config["strides"]);
        Assert.Equal("valid", config["padding"]);
        Assert.Equal("channels_last", config["data_format"]);
        Assert.Equal(new[] { 1, 1 }, config["dilation_rate"]);
        Assert.Equal(1, config["groups"]);
        Assert.Equal("relu", config["activation"]);
        Assert.Equal(true, config["use_bias"]);
        Assert.Equal("GlorotUniform", ((Dictionary<string, object?>)config["kernel_initializer"]!)["class_name"]);
        Assert.Equal("Zeros", ((Dictionary<string, object?>)config["bias_initializer"]!)["class_name"]);
        Assert.Null(config["kernel_regularizer"]);
    }

    [Fact]
    public void RegularizerAddsPenaltyToLosses()
    {
        var conv = new Conv2D(1, 1, kernelInitializer: "ones", kernelRegularizer: new KerasSharp.Regularizers.L2(0.5));
        conv.Apply(zeros(1, 2, 2, 3));
        // kernel (1, 1, 3, 1) of ones: 0.5 * (1 + 1 + 1) = 1.5
        TensorAssert.Close(1.5, conv.Losses.Single());
    }

    [Fact]
    public void BadArgumentsNameTheArgumentAndValue()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(8, 0));
        Assert.Contains("kernelSize", e1.Message);
        Assert.Contains("received 0", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new Conv2D(8, 3, padding: "foo"));
        Assert.Equal("padding", e2.ParamName);
        Assert.Contains("\"foo\"", e2.Message);
        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(-1, 3));
        Assert.Equal("filters", e3.ParamName);
        Assert.Contains("received -1", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => new Conv2D(8, (3, 3, 3)));
        Assert.Contains("kernelSize", e4.Message);
        Assert.Contains("(3, 3, 3)", e4.Message);
        var e5 = Assert.Throws<ArgumentException>(() => new Conv2D(8, 3, strides: 2, dilationRate: 2));
        Assert.Contains("strides=(2, 2)", e5.Message);
        var e6 = Assert.Throws<ArgumentException>(() => new Conv2D(8, 3, padding: "causal"));
        Assert.Contains("causal", e6.Message);
        var e7 = Assert.Throws<ArgumentException>(() => new Conv2D(9, 3, groups: 2));
        Assert.Contains("filters=9", e7.Message);
        var e8 = Assert.Throws<ArgumentException>(() => new Conv2D(8, 3, dataFormat: "nhwc"));
        Assert.Contains("\"nhwc\"", e8.Message);
    }

    [Fact]
    public void WrongInputNamesLayerAndShapes()
    {
        var conv = new Conv2D(4, 3, name: "c");
        conv.EnsureBuilt([null, 8, 8, 3]);
        var e1 = Assert.Throws<ArgumentException>(() => conv.Apply(zeros(2, 8, 8, 5)));
        Assert.Contains("\"c\"", e1.Message);
        Assert.Contains("(2, 8, 8, 5)", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => conv.Apply(zeros(2, 8, 3)));
        Assert.Contains("expected ndim=4", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => new Conv2D(4, 5).ComputeOutputShape(new Shape(null, 3, 3, 1)));
        Assert.Contains("(None, 3, 3, 1)", e3.Message);
    }

    [Fact]
    public void FactoryTakesIntOrTuple()
    {
        var a = Keras.Conv2D(32, kernelSize: 3, activation: "relu");
        var b = Keras.Conv2D(16, (3, 5), strides: (1, 2));
        Assert.Equal(new[] { 3, 3 }, a.KernelSize);
        Assert.Equal("relu", a.Activation.Name);
        Assert.Equal(new[] { 3, 5 }, b.KernelSize);
        Assert.Equal(new[] { 1, 2 }, b.Strides);
    }
}
