using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Convolution;

[Collection(GlobalState.Name)]

public class Conv1DTransposeTests
{
    [Fact]
    public void Harness()
    {
        // valid: (n - 1) * s + k = 4 * 2 + 3 = 11; same: n * s = 10; same with output padding: (n - 1) * s + k % 2 + 1 = 10
        LayerTest.Run(() => new Conv1DTranspose(3, 3, strides: 2), [2, 5, 4], [2, 11, 3], trainableWeights: 2);
        LayerTest.Run(() => new Conv1DTranspose(3, 3, strides: 2, padding: "same"), [2, 5, 4], [2, 10, 3], trainableWeights: 2);
        LayerTest.Run(() => new Conv1DTranspose(2, 4, strides: 3, padding: "same", outputPadding: 2, useBias: false), [2, 5, 4], [2, 14, 2], trainableWeights: 1);
        LayerTest.Run(() => new Conv1DTranspose(2, 3, dilationRate: 2, dataFormat: "channels_first"), [2, 4, 6], [2, 2, 10], trainableWeights: 2);
    }

    [Theory]
    [InlineData(3, 2, 1, "same", -1, 5)]   // full output 11, Keras 10: the odd cell is cropped at the end
    [InlineData(4, 2, 1, "same", -1, 5)]   // full 12, Keras 10: one cell cropped at each end
    [InlineData(3, 1, 1, "same", -1, 6)]
    [InlineData(5, 3, 1, "same", -1, 4)]
    [InlineData(2, 3, 1, "valid", -1, 4)]  // k < s: default output padding 1, one cell past the full output (bias only)
    [InlineData(3, 2, 1, "valid", 1, 4)]
    [InlineData(3, 2, 1, "same", 1, 4)]
    [InlineData(2, 4, 1, "same", 3, 3)]    // the output padding reaches past the full transposed output
    [InlineData(3, 1, 2, "same", -1, 6)]   // dilation: effective kernel 5
    [InlineData(2, 1, 3, "valid", -1, 4)]
    public void ValuesMatchTensorFlowSemantics(int kernel, int stride, int dilation, string padding, int outputPadding, int steps)
    {
        Keras.Utils.SetRandomSeed(11);
        int? op = outputPadding < 0 ? null : outputPadding;
        var layer = new Conv1DTranspose(4, kernel, strides: stride, padding: padding, outputPadding: op, dilationRate: dilation,
            biasInitializer: "random_normal");
        var x = randn(3, steps, 5);
        var y = layer.Apply(x);
        var expected = ConvReference.Transpose(x, layer.Kernel!, layer.Bias, [stride], [dilation], padding, op is int o ? [o] : null);
        TensorAssert.Close(expected, y.contiguous(), 1e-4);
    }

    [Fact]
    public void OnesKernelStride2SameKeepsTheStartAndCropsTheEnd()
    {
        var conv = new Conv1DTranspose(1, 3, strides: 2, padding: "same", kernelInitializer: "ones", useBias: false);
        // x = [1, 2, 3]: input cell j covers full cells 2j..2j+2 -> full [1, 1, 1+2, 2, 2+3, 3, 3] (7 cells);
        // Keras keeps n * s = 6 cells; TensorFlow's padding before is 0, so the last full cell is dropped.
        TensorAssert.Close([1, 1, 3, 2, 5, 3], conv.Apply(tensor(new float[] { 1, 2, 3 }).reshape(1, 3, 1)).contiguous());
    }

    [Fact]
    public void KernelIsKByFiltersByInputAndChannelsFirstAgrees()
    {
        Keras.Utils.SetRandomSeed(3);
        var last = new Conv1DTranspose(4, 3, strides: 2, padding: "same", biasInitializer: "random_normal");
        last.EnsureBuilt([null, 7, 5]);
        Assert.Equal(new long[] { 3, 4, 5 }, last.Kernel!.shape);  // (k, filters, in)
        Assert.Equal(new long[] { 4 }, last.Bias!.shape);
        Assert.Same(last.Kernel, last.Weights[0]);
        Assert.Same(last.Bias, last.Weights[1]);
        var first = new Conv1DTranspose(4, 3, strides: 2, padding: "same", dataFormat: "channels_first");
        first.EnsureBuilt([null, 5, 7]);
        using (no_grad())
        {
            first.Kernel!.copy_(last.Kernel);
            first.Bias!.copy_(last.Bias);
        }
        var x = randn(3, 7, 5);
        TensorAssert.Close(last.Apply(x).contiguous(), first.Apply(x.permute(0, 2, 1)).permute(0, 2, 1).contiguous(), 1e-5);
    }

    [Fact]
    public void OutputShapeFollowsKerasFormula()
    {
        Assert.Equal(new Shape(null, 21, 32), new Conv1DTranspose(32, 3, strides: 2).ComputeOutputShape(new Shape(null, 10, 128)));
        Assert.Equal(new Shape(null, 20, 32), new Conv1DTranspose(32, 3, strides: 2, padding: "same").ComputeOutputShape(new Shape(null, 10, 128)));
        // valid, k 2 < s 3: default output padding max(k, s) - k = 1 -> (5 - 1) * 3 + 2 + 1 = 15
        Assert.Equal(new Shape(null, 15, 4), new Conv1DTranspose(4, 2, strides: 3).ComputeOutputShape(new Shape(null, 5, 8)));
        // dilation 2, k 3: effective kernel 5 -> (6 - 1) + 5 = 10
        Assert.Equal(new Shape(null, 4, 10), new Conv1DTranspose(4, 3, dilationRate: 2, dataFormat: "channels_first").ComputeOutputShape(new Shape(null, 8, 6)));
        Assert.Equal(new Shape(null, null, 4), new Conv1DTranspose(4, 3).ComputeOutputShape(new Shape(null, null, 8)));
    }

    [Fact]
    public void ArgumentsAreCheckedAsKeras()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1DTranspose(0, 3));
        Assert.Equal("filters", e1.ParamName);
        Assert.Contains("Conv1DTranspose", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new Conv1DTranspose(2, 3, strides: 2, outputPadding: 2));
        Assert.Equal("outputPadding", e2.ParamName);
        Assert.Contains("outputPadding=(2)", e2.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1DTranspose(2, 3, strides: 2, outputPadding: -1));
        var e3 = Assert.Throws<ArgumentException>(() => new Conv1DTranspose(2, 3, padding: "causal"));
        Assert.Contains("\"causal\"", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => new Conv1DTranspose(2, 3, strides: 2, dilationRate: 2));
        Assert.Equal("dilationRate", e4.ParamName);
        var e5 = Assert.Throws<ArgumentException>(() => new Conv1DTranspose(2, (3, 3)));
        Assert.Equal("kernelSize", e5.ParamName);
        Assert.Throws<ArgumentException>(() => new Conv1DTranspose(2, 3, dataFormat: "nchw"));
        var e6 = Assert.Throws<ArgumentException>(() => new Conv1DTranspose(2, 3).Apply(zeros(1, 4, 4, 3)));
        Assert.Contains("expected ndim=3, found ndim=4", e6.Message);
    }

    [Fact]
    public void FactoryNameAndConfigAreKeras()
    {
        Keras.ClearSession();
        var layer = Keras.Conv1DTranspose(4, 3, strides: 2, padding: "same", activation: "relu");
        Assert.Equal("conv1d_transpose", layer.Name);
        Assert.Equal("conv1d_transpose_1", Keras.Conv1DTranspose(4, 3).Name);
        var config = layer.GetConfig();
        Assert.Equal(4, config["filters"]);
        Assert.Equal(new[] { 3 }, config["kernel_size"]);
        Assert.Equal(new[] { 2 }, config["strides"]);
        Assert.Equal("same", config["padding"]);
        Assert.True(config.ContainsKey("output_padding"));  // Keras 3.15 writes it, null when unset
        Assert.Null(config["output_padding"]);
        Assert.Equal(new[] { 1 }, config["dilation_rate"]);
        Assert.Equal("relu", config["activation"]);
        Assert.Equal(new[] { 1 }, Keras.Conv1DTranspose(2, 3, strides: 2, outputPadding: 1).GetConfig()["output_padding"]);
    }

    [Fact]
    public void ConfigRoundTripsAndReadsBothKerasVersions()
    {
        var layer = new Conv1DTranspose(4, 3, strides: 2, padding: "same", outputPadding: 1, activation: "relu", useBias: false,
            kernelRegularizer: "l2", name: "up");
        var serialized = Keras.Saving.Serialize(layer);
        var again = Keras.Saving.Deserialize<Layer>(serialized);
        Assert.IsType<Conv1DTranspose>(again);
        Assert.True(JsonNode.DeepEquals(serialized, Keras.Saving.Serialize(again)), serialized.ToJsonString());
        Assert.Equal(new[] { 1 }, ((Conv1DTranspose)again).OutputPadding);

        // Keras 3.5.0 omits output_padding (README quirk 6), 3.15.1 writes it (null or a list).
        var v350 = Keras.Saving.Deserialize<Layer>(JsonNode.Parse(
            """{"class_name": "Conv1DTranspose", "config": {"name": "t", "trainable": true, "filters": 4, "kernel_size": [3], "strides": [2], "padding": "same", "data_format": "channels_last", "dilation_rate": [1], "activation": "relu", "use_bias": true}}""")!);
        Assert.Null(((Conv1DTranspose)v350).OutputPadding);
        var v3151 = Keras.Saving.Deserialize<Layer>(JsonNode.Parse(
            """{"class_name": "Conv1DTranspose", "config": {"name": "t", "filters": 4, "kernel_size": [3], "strides": [2], "padding": "valid", "output_padding": [1], "data_format": "channels_last", "dilation_rate": [1]}}""")!);
        Assert.Equal(new[] { 1 }, ((Conv1DTranspose)v3151).OutputPadding);
        Assert.Equal(new Shape(null, 8, 4), v3151.ComputeOutputShape(new Shape(null, 3, 2)));  // (3 - 1) * 2 + 3 + 1
    }
}

[Collection(GlobalState.Name)]

public class Conv3DTransposeTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new Conv3DTranspose(2, 2, strides: 2), [2, 2, 3, 2, 3], [2, 4, 6, 4, 2], trainableWeights: 2);
        LayerTest.Run(() => new Conv3DTranspose(2, (3, 2, 3), strides: (1, 2, 1), padding: "same"), [2, 2, 3, 2, 3], [2, 2, 6, 2, 2], trainableWeights: 2);
    }

    [Theory]
    [InlineData(new[] { 2, 2, 2 }, new[] { 2, 2, 2 }, new[] { 1, 1, 1 }, "valid", null)]
    [InlineData(new[] { 3, 3, 3 }, new[] { 1, 2, 1 }, new[] { 1, 1, 1 }, "same", null)]    // as the corpus model conv3d_transpose
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 1, 3 }, new[] { 1, 1, 1 }, "same", null)]
    [InlineData(new[] { 3, 2, 2 }, new[] { 2, 3, 2 }, new[] { 1, 1, 1 }, "valid", new[] { 1, 2, 0 })]
    [InlineData(new[] { 3, 2, 3 }, new[] { 2, 2, 3 }, new[] { 1, 1, 1 }, "same", new[] { 1, 0, 2 })]
    [InlineData(new[] { 2, 3, 2 }, new[] { 1, 1, 1 }, new[] { 2, 1, 2 }, "same", null)]
    public void ValuesMatchTensorFlowSemantics(int[] kernel, int[] strides, int[] dilation, string padding, int[]? outputPadding)
    {
        Keras.Utils.SetRandomSeed(5);
        var layer = new Conv3DTranspose(3, kernel, strides: strides, padding: padding,
            outputPadding: outputPadding is null ? (IntTuple?)null : outputPadding, dilationRate: dilation, biasInitializer: "random_normal");
        var x = randn([2, 3, 2, 4, 2]);
        var y = layer.Apply(x);
        var expected = ConvReference.Transpose(x, layer.Kernel!, layer.Bias, strides, dilation, padding, outputPadding);
        TensorAssert.Close(expected, y.contiguous(), 1e-4);
    }

    [Fact]
    public void KernelLayoutChannelsFirstNameAndConfig()
    {
        Keras.ClearSession();
        var last = Keras.Conv3DTranspose(2, (2, 3, 1), strides: (2, 1, 1), padding: "same", biasInitializer: "random_normal");
        Assert.Equal("conv3d_transpose", last.Name);
        last.EnsureBuilt([null, 3, 2, 2, 4]);
        Assert.Equal(new long[] { 2, 3, 1, 2, 4 }, last.Kernel!.shape);  // (kd, kh, kw, filters, in)
        var first = new Conv3DTranspose(2, (2, 3, 1), strides: (2, 1, 1), padding: "same", dataFormat: "channels_first");
        first.EnsureBuilt([null, 4, 3, 2, 2]);
        using (no_grad())
        {
            first.Kernel!.copy_(last.Kernel);
            first.Bias!.copy_(last.Bias!);
        }
        var x = randn([2, 3, 2, 2, 4]);
        TensorAssert.Close(last.Apply(x).contiguous(), first.Apply(x.permute(0, 4, 1, 2, 3)).permute(0, 2, 3, 4, 1).contiguous(), 1e-5);
        var config = last.GetConfig();
        Assert.Equal(new[] { 2, 3, 1 }, config["kernel_size"]);
        Assert.Equal(new[] { 2, 1, 1 }, config["strides"]);
        Assert.Null(config["output_padding"]);
        var again = Keras.Saving.Deserialize<Layer>(Keras.Saving.Serialize(last));
        Assert.True(JsonNode.DeepEquals(Keras.Saving.Serialize(last), Keras.Saving.Serialize(again)));
    }

    [Fact]
    public void ArgumentsAreCheckedAsKeras()
    {
        var e1 = Assert.Throws<ArgumentException>(() => new Conv3DTranspose(2, (2, 2)));
        Assert.Equal("kernelSize", e1.ParamName);
        Assert.Contains("tuple of 3 integers", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new Conv3DTranspose(2, 3, strides: (2, 1, 2), outputPadding: (0, 1, 1)));
        Assert.Equal("outputPadding", e2.ParamName);
        Assert.Contains("outputPadding=(0, 1, 1)", e2.Message);
        Assert.Contains("strides=(2, 1, 2)", e2.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv3DTranspose(-2, 3));
        Assert.Throws<ArgumentException>(() => new Conv3DTranspose(2, 3, strides: (1, 2, 1), dilationRate: (2, 1, 1)));
    }
}

[Collection(GlobalState.Name)]

public class ConvTransposeKernelTests
{
    /// <summary>
    /// The shared transposed convolution against the plain loops, on the cases LibTorch 2.10's CPU deconvolution got
    /// wrong on this project's machines: several samples, channels_first memory, one channel, dilation.
    /// </summary>
    [Theory]
    [InlineData(1, 5, 4, 2, 2, 1, 1, false)]
    [InlineData(1, 6, 1, 3, 3, 2, 1, false)]
    [InlineData(1, 6, 7, 1, 2, 1, 3, true)]
    [InlineData(2, 4, 3, 5, 3, 2, 1, false)]
    [InlineData(2, 3, 1, 2, 2, 1, 2, true)]
    [InlineData(3, 3, 2, 3, 2, 2, 1, false)]
    [InlineData(3, 2, 4, 1, 3, 1, 2, true)]
    public void FullOutputMatchesPlainLoops(int rank, int batch, int inChannels, int outChannels, int kernel, int stride, int dilation, bool channelsLastMemory)
    {
        Keras.Utils.SetRandomSeed(9);
        long[] size = [.. Enumerable.Range(0, rank).Select(i => (long)(4 - i))];
        var xl = randn([batch, .. size, inChannels]);  // channels_last values
        var x = channelsLastMemory ? ConvUtils.ToChannelsFirst(xl) : ConvUtils.ToChannelsFirst(xl).contiguous();
        var keras = randn([.. Enumerable.Repeat((long)kernel, rank), outChannels, inChannels]);  // Keras (k..., out, in)
        var torchWeight = keras.permute([rank + 1, rank, .. Enumerable.Range(0, rank).Select(i => (long)i)]);
        int[] s = [.. Enumerable.Repeat(stride, rank)], d = [.. Enumerable.Repeat(dilation, rank)];
        var y = ConvUtils.ToChannelsLast(ConvUtils.ConvTranspose(x, torchWeight, s, d));
        // valid padding with the default output padding is the full output when k_eff >= s
        var expected = ConvReference.Transpose(xl, keras, null, s, d, "valid", [.. Enumerable.Repeat(0, rank)]);
        TensorAssert.Close(expected, y.contiguous(), 1e-4);
    }

    [Fact]
    public void GradientsMatchFloat64()
    {
        Keras.Utils.SetRandomSeed(4);
        var x = randn(3, 6, 5).requires_grad_();
        var w = randn(6, 4, 3).requires_grad_();
        var xd = x.detach().to_type(ScalarType.Float64).requires_grad_();
        var wd = w.detach().to_type(ScalarType.Float64).requires_grad_();
        var g = randn(3, 4, 11);
        ConvUtils.ConvTranspose(x, w, [2], [1]).backward([g]);
        ConvUtils.ConvTranspose(xd, wd, [2], [1]).backward([g.to_type(ScalarType.Float64)]);
        TensorAssert.Close(xd.grad!, x.grad!, 1e-4);
        TensorAssert.Close(wd.grad!, w.grad!, 1e-4);
    }

    [Fact]
    public void Conv2DTransposeChannelsFirstSeveralSamplesMatchesPlainLoops()
    {
        Keras.Utils.SetRandomSeed(8);
        var layer = new Conv2DTranspose(3, (3, 2), strides: (2, 1), padding: "same", dataFormat: "channels_first", biasInitializer: "random_normal");
        var x = randn(4, 5, 3, 4);  // (N, C, H, W)
        var y = layer.Apply(x).permute(0, 2, 3, 1);
        var expected = ConvReference.Transpose(x.permute(0, 2, 3, 1), layer.Kernel!, layer.Bias, [2, 1], [1, 1], "same", null);
        TensorAssert.Close(expected, y.contiguous(), 1e-4);
    }
}
