using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Convolution;

[Collection(GlobalState.Name)]

public class DepthwiseConv1DTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new DepthwiseConv1D(3), [2, 8, 3], [2, 6, 3], trainableWeights: 2);
        LayerTest.Run(() => new DepthwiseConv1D(3, strides: 2, padding: "same", depthMultiplier: 2), [2, 7, 3], [2, 4, 6], trainableWeights: 2);
        LayerTest.Run(() => new DepthwiseConv1D(2, dilationRate: 3, dataFormat: "channels_first", useBias: false), [2, 3, 8], [2, 3, 5], trainableWeights: 1);
    }

    [Theory]
    [InlineData(3, 2, 1, "valid", 1, 16)]  // as the corpus model conv1d_sep_depthwise_transpose
    [InlineData(3, 1, 1, "same", 2, 7)]
    [InlineData(4, 1, 1, "same", 1, 7)]    // total padding 3: 1 before, 2 after
    [InlineData(3, 2, 1, "same", 3, 8)]    // total padding 1: all after
    [InlineData(3, 1, 2, "same", 2, 9)]    // dilation: effective kernel 5
    [InlineData(2, 1, 3, "valid", 1, 9)]
    public void ValuesMatchTensorFlowSemantics(int kernel, int stride, int dilation, string padding, int depthMultiplier, int steps)
    {
        Keras.Utils.SetRandomSeed(13);
        var layer = new DepthwiseConv1D(kernel, strides: stride, padding: padding, depthMultiplier: depthMultiplier,
            dilationRate: dilation, biasInitializer: "random_normal");
        var x = randn(3, steps, 4);
        var y = layer.Apply(x);
        var expected = ConvReference.Depthwise(x, layer.Kernel!, layer.Bias, [stride], [dilation], padding);
        TensorAssert.Close(expected, y.contiguous(), 1e-4);
    }

    [Fact]
    public void OutputsAreChannelMajor()
    {
        var conv = new DepthwiseConv1D(2, depthMultiplier: 2, biasInitializer: "ones");
        conv.EnsureBuilt([null, 2, 2]);
        Assert.Equal(new long[] { 2, 2, 2 }, conv.Kernel!.shape);  // (k, in, depth_multiplier)
        Assert.Equal(new long[] { 4 }, conv.Bias!.shape);
        // K[a, c, m] = 4a + 2c + m + 1 (values 1..8 in Keras' layout); x_0 = [1, 2], x_1 = [10, 20]
        Conv2DTests.Set(conv.Kernel, 1, 2, 3, 4, 5, 6, 7, 8);
        // (c, m) = (0, 0): 1*1 + 2*5 = 11; (0, 1): 1*2 + 2*6 = 14; (1, 0): 10*3 + 20*7 = 170; (1, 1): 10*4 + 20*8 = 200; + 1
        TensorAssert.Close([12, 15, 171, 201], conv.Apply(tensor(new float[] { 1, 10, 2, 20 }).reshape(1, 2, 2)));
    }

    [Fact]
    public void ChannelsFirstMatchesChannelsLast()
    {
        Keras.Utils.SetRandomSeed(6);
        var last = new DepthwiseConv1D(3, strides: 2, padding: "same", depthMultiplier: 2, biasInitializer: "random_normal");
        var x = randn(3, 8, 4);
        var yLast = last.Apply(x);
        var first = new DepthwiseConv1D(3, strides: 2, padding: "same", depthMultiplier: 2, dataFormat: "channels_first");
        first.EnsureBuilt([null, 4, 8]);
        using (no_grad())
        {
            first.Kernel!.copy_(last.Kernel!);
            first.Bias!.copy_(last.Bias!);
        }
        TensorAssert.Close(yLast.contiguous(), first.Apply(x.permute(0, 2, 1)).permute(0, 2, 1).contiguous(), 1e-5);
    }

    [Fact]
    public void NameConfigAndArguments()
    {
        Keras.ClearSession();
        var conv = Keras.DepthwiseConv1D(3, strides: 2, depthMultiplier: 2, depthwiseRegularizer: "l2");
        Assert.Equal("depthwise_conv1d", conv.Name);
        var config = conv.GetConfig();
        Assert.Equal(2, config["depth_multiplier"]);
        Assert.Equal(new[] { 3 }, config["kernel_size"]);
        Assert.Equal(new[] { 2 }, config["strides"]);
        Assert.Equal("GlorotUniform", ((Dictionary<string, object?>)config["depthwise_initializer"]!)["class_name"]);
        Assert.Equal("L2", ((Dictionary<string, object?>)config["depthwise_regularizer"]!)["class_name"]);
        Assert.False(config.ContainsKey("filters"));
        var serialized = Keras.Saving.Serialize(conv);
        Assert.True(JsonNode.DeepEquals(serialized, Keras.Saving.Serialize(Keras.Saving.Deserialize<Layer>(serialized))));
        Assert.Equal(new Shape(null, 4, 36), new DepthwiseConv1D(3, strides: 2, depthMultiplier: 3).ComputeOutputShape(new Shape(null, 10, 12)));

        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new DepthwiseConv1D(3, depthMultiplier: 0));
        Assert.Equal("depthMultiplier", e1.ParamName);
        Assert.Contains("DepthwiseConv1D", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new DepthwiseConv1D(3, padding: "causal"));  // Keras 3 allows no causal here
        Assert.Contains("\"causal\"", e2.Message);
        Assert.Throws<ArgumentException>(() => new DepthwiseConv1D(3, strides: 2, dilationRate: 2));
        Assert.Throws<ArgumentException>(() => new DepthwiseConv1D((3, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DepthwiseConv1D(0));
    }
}

[Collection(GlobalState.Name)]

public class SeparableConv1DTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new SeparableConv1D(4, 3), [2, 8, 3], [2, 6, 4], trainableWeights: 3);
        LayerTest.Run(() => new SeparableConv1D(5, 3, padding: "same", depthMultiplier: 2), [2, 8, 3], [2, 8, 5], trainableWeights: 3);
        LayerTest.Run(() => new SeparableConv1D(2, 4, strides: 3, padding: "same", dataFormat: "channels_first", useBias: false), [2, 3, 8], [2, 2, 3], trainableWeights: 2);
    }

    [Theory]
    [InlineData(3, 1, 1, "same", 2, 16)]   // as the corpus model conv1d_sep_depthwise_transpose
    [InlineData(4, 2, 1, "same", 1, 9)]
    [InlineData(2, 1, 2, "same", 3, 7)]
    [InlineData(3, 2, 1, "valid", 2, 10)]
    public void ValuesAreDepthwiseThenPointwise(int kernel, int stride, int dilation, string padding, int depthMultiplier, int steps)
    {
        Keras.Utils.SetRandomSeed(17);
        var layer = new SeparableConv1D(5, kernel, strides: stride, padding: padding, dilationRate: dilation,
            depthMultiplier: depthMultiplier, activation: "tanh", biasInitializer: "random_normal");
        var x = randn(3, steps, 3);
        var y = layer.Apply(x);
        var depthwise = ConvReference.Depthwise(x, layer.DepthwiseKernel!, null, [stride], [dilation], padding);
        var expected = ConvReference.Pointwise(depthwise, layer.PointwiseKernel!, layer.Bias).tanh();
        TensorAssert.Close(expected, y.contiguous(), 1e-4);
    }

    [Fact]
    public void WeightsInKerasOrderAndLayouts()
    {
        Keras.ClearSession();
        var conv = Keras.SeparableConv1D(5, 3, depthMultiplier: 2, padding: "same");
        Assert.Equal("separable_conv1d", conv.Name);
        conv.EnsureBuilt([null, 16, 3]);
        // Keras' variable order: depthwise_kernel (k, in, dm), pointwise_kernel (1, in * dm, filters), bias (filters)
        Assert.Equal(3, conv.Weights.Count);
        Assert.Same(conv.DepthwiseKernel, conv.Weights[0]);
        Assert.Same(conv.PointwiseKernel, conv.Weights[1]);
        Assert.Same(conv.Bias, conv.Weights[2]);
        Assert.Equal(new long[] { 3, 3, 2 }, conv.Weights[0].shape);
        Assert.Equal(new long[] { 1, 6, 5 }, conv.Weights[1].shape);
        Assert.Equal(new long[] { 5 }, conv.Weights[2].shape);
    }

    [Fact]
    public void ValuesSmallCase()
    {
        var conv = new SeparableConv1D(1, 2, depthMultiplier: 2, biasInitializer: "ones");
        conv.EnsureBuilt([null, 2, 2]);
        Conv2DTests.Set(conv.DepthwiseKernel!, 1, 2, 3, 4, 5, 6, 7, 8);
        Conv2DTests.Set(conv.PointwiseKernel!, 1, -1, 0.5f, 0);
        // depthwise outputs as in DepthwiseConv1DTests: [11, 14, 170, 200]; pointwise 11 - 14 + 85 + 0 = 82; + bias 1
        TensorAssert.Close([83], conv.Apply(tensor(new float[] { 1, 10, 2, 20 }).reshape(1, 2, 2)));
    }

    [Fact]
    public void ConfigAndArguments()
    {
        var conv = new SeparableConv1D(8, 3, strides: 2, padding: "same", depthMultiplier: 2, activation: "relu",
            pointwiseRegularizer: "l1", name: "sep");
        var config = conv.GetConfig();
        Assert.Equal(8, config["filters"]);
        Assert.Equal(2, config["depth_multiplier"]);
        Assert.Equal(new[] { 3 }, config["kernel_size"]);
        Assert.Equal("L1", ((Dictionary<string, object?>)config["pointwise_regularizer"]!)["class_name"]);
        Assert.True(config.ContainsKey("depthwise_initializer") && config.ContainsKey("pointwise_initializer"));
        var serialized = Keras.Saving.Serialize(conv);
        var again = Keras.Saving.Deserialize<Layer>(serialized);
        Assert.IsType<SeparableConv1D>(again);
        Assert.True(JsonNode.DeepEquals(serialized, Keras.Saving.Serialize(again)), serialized.ToJsonString());
        // valid: floor((10 - 4) / 3) + 1 = 3
        Assert.Equal(new Shape(null, 3, 3), new SeparableConv1D(3, 4, strides: 3).ComputeOutputShape(new Shape(null, 10, 12)));

        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new SeparableConv1D(0, 3));
        Assert.Equal("filters", e1.ParamName);
        Assert.Contains("SeparableConv1D", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => new SeparableConv1D(2, 3, depthMultiplier: -1));
        Assert.Equal("depthMultiplier", e2.ParamName);
        Assert.Throws<ArgumentException>(() => new SeparableConv1D(2, 3, padding: "causal"));
        Assert.Throws<ArgumentException>(() => new SeparableConv1D(2, 3, strides: 2, dilationRate: 2));
        Assert.Throws<ArgumentException>(() => new SeparableConv1D(2, 3, dataFormat: "NWC"));
    }
}

[Collection(GlobalState.Name)]

public class Convolution1DModelTests
{
    /// <summary>The new layers in a model: save to .keras, load, same predictions and configs.</summary>
    [Fact]
    public void ModelSavesAndLoads()
    {
        Keras.Utils.SetRandomSeed(21);
        var model = new Sequential([
            new Input([16, 3]),
            new SeparableConv1D(5, 3, depthMultiplier: 2, padding: "same", biasInitializer: "random_normal"),
            new DepthwiseConv1D(3, strides: 2, biasInitializer: "random_normal"),
            new Conv1DTranspose(4, 3, strides: 2, padding: "same", activation: "relu", outputPadding: 1),
            new Conv1DTranspose(2, 2),
            new Flatten(),
            new Dense(3)]);
        var x = randn(4, 16, 3);
        var before = model.Predict(x, verbose: 0);
        var dir = Path.Combine(Path.GetTempPath(), "kerassharp-conv1d-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "m.keras");
            model.Save(path);
            var loaded = Keras.Models.LoadModel(path, compile: false);
            TensorAssert.Close(before, loaded.Predict(x, verbose: 0), 1e-6);
            Assert.Equal(model.Layers.Select(l => l.GetType()), loaded.Layers.Select(l => l.GetType()));
            Assert.Equal(new[] { 1 }, ((Conv1DTranspose)loaded.Layers[2]).OutputPadding);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
