using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Convolution;

[Collection(GlobalState.Name)]

public class DepthwiseConv2DTests
{
    /// <summary>Two 2x2 channels, c0 = [[1, 2], [3, 4]] and c1 = [[10, 20], [30, 40]], channels_last.</summary>
    internal static Tensor TwoChannels() => tensor(new float[] { 1, 10, 2, 20, 3, 30, 4, 40 }).reshape(1, 2, 2, 2);

    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new DepthwiseConv2D(3), [2, 5, 5, 3], [2, 3, 3, 3], trainableWeights: 2);
        LayerTest.Run(() => new DepthwiseConv2D(3, strides: 2, padding: "same", depthMultiplier: 2), [2, 5, 6, 3], [2, 3, 3, 6], trainableWeights: 2);
    }

    [Fact]
    public void ValuesOutputsAreChannelMajor()
    {
        var conv = new DepthwiseConv2D(2, depthMultiplier: 2, biasInitializer: "ones");
        conv.EnsureBuilt([null, 2, 2, 2]);
        Assert.Equal(new long[] { 2, 2, 2, 2 }, conv.Kernel!.shape);  // (kh, kw, in, depth_multiplier)
        // K[a, b, c, m] = 4p + 2c + m + 1 with p = 2a + b (values 1..16 in Keras' layout)
        Conv2DTests.Set(conv.Kernel, [.. Enumerable.Range(1, 16).Select(v => (float)v)]);
        // out(c, m) = sum_p x_c[p] * (4p + 2c + m + 1), x_0 = [1, 2, 3, 4], x_1 = [10, 20, 30, 40]:
        // (0,0): 1*1 + 2*5 + 3*9 + 4*13 = 90;  (0,1): 90 + (1+2+3+4) = 100
        // (1,0): 10*3 + 20*7 + 30*11 + 40*15 = 1100;  (1,1): 1100 + 100 = 1200;  + bias 1; order c * 2 + m
        TensorAssert.Close([91, 101, 1101, 1201], conv.Apply(TwoChannels()));
    }

    [Fact]
    public void NameConfigAndArguments()
    {
        Keras.ClearSession();
        var conv = Keras.DepthwiseConv2D((3, 3), depthMultiplier: 2, depthwiseRegularizer: "l2");
        Assert.Equal("depthwise_conv2d", conv.Name);
        var config = conv.GetConfig();
        Assert.Equal(2, config["depth_multiplier"]);
        Assert.Equal("GlorotUniform", ((Dictionary<string, object?>)config["depthwise_initializer"]!)["class_name"]);
        Assert.Equal("L2", ((Dictionary<string, object?>)config["depthwise_regularizer"]!)["class_name"]);
        Assert.False(config.ContainsKey("filters"));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DepthwiseConv2D(3, depthMultiplier: 0));
        Assert.Equal("depthMultiplier", e.ParamName);
        Assert.Contains("received 0", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DepthwiseConv2D(0));
    }
}

[Collection(GlobalState.Name)]

public class SeparableConv2DTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new SeparableConv2D(4, 3), [2, 5, 5, 3], [2, 3, 3, 4], trainableWeights: 3);
        LayerTest.Run(() => new SeparableConv2D(4, 3, strides: 2, padding: "same", depthMultiplier: 2, useBias: false), [2, 5, 6, 3], [2, 3, 3, 4], trainableWeights: 2);
    }

    [Fact]
    public void ValuesDepthwiseThenPointwise()
    {
        var conv = new SeparableConv2D(1, 2, depthMultiplier: 2, biasInitializer: "ones");
        conv.EnsureBuilt([null, 2, 2, 2]);
        Assert.Equal(new long[] { 2, 2, 2, 2 }, conv.DepthwiseKernel!.shape);
        Assert.Equal(new long[] { 1, 1, 4, 1 }, conv.PointwiseKernel!.shape);
        Conv2DTests.Set(conv.DepthwiseKernel, [.. Enumerable.Range(1, 16).Select(v => (float)v)]);
        Conv2DTests.Set(conv.PointwiseKernel, 1, -1, 0.5f, 0);
        // depthwise outputs as in DepthwiseConv2DTests: [90, 100, 1100, 1200]; pointwise 90 - 100 + 550 + 0 = 540; + bias 1
        TensorAssert.Close([541], conv.Apply(DepthwiseConv2DTests.TwoChannels()));
    }

    [Fact]
    public void WeightOrderNameAndArguments()
    {
        Keras.ClearSession();
        var conv = Keras.SeparableConv2D(8, (3, 3), activation: "relu");
        Assert.Equal("separable_conv2d", conv.Name);
        conv.EnsureBuilt([null, 9, 9, 3]);
        // Keras' variable order: depthwise_kernel, pointwise_kernel, bias
        Assert.Equal(new long[] { 3, 3, 3, 1 }, conv.Weights[0].shape);
        Assert.Equal(new long[] { 1, 1, 3, 8 }, conv.Weights[1].shape);
        Assert.Equal(new long[] { 8 }, conv.Weights[2].shape);
        var config = conv.GetConfig();
        Assert.Equal(8, config["filters"]);
        Assert.Equal(1, config["depth_multiplier"]);
        Assert.True(config.ContainsKey("pointwise_initializer"));
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new SeparableConv2D(-1, 3));
        Assert.Equal("filters", e1.ParamName);
        var e2 = Assert.Throws<ArgumentException>(() => new SeparableConv2D(4, 3, padding: "foo"));
        Assert.Contains("\"foo\"", e2.Message);
    }
}

[Collection(GlobalState.Name)]

public class GroupedConvTests
{
    /// <summary>The same grouped convolution done group by group with plain Conv2D layers.</summary>
    [Theory]
    [InlineData(2, 4, 3)]  // 2 groups of 2 channels, 2 filters each
    [InlineData(3, 6, 2)]  // groups = channels with 2 filters per group (LibTorch's channels_last path gets this wrong)
    public void GroupedConvEqualsPerGroupConvs(int groups, int filters, int kernel)
    {
        Keras.Utils.SetRandomSeed(5);
        int channels = groups == 2 ? 4 : 3;
        var grouped = new Conv2D(filters, kernel, groups: groups, useBias: false);
        var x = randn(2, 6, 5, channels);
        var y = grouped.Apply(x);
        int inPer = channels / groups, outPer = filters / groups;
        for (int g = 0; g < groups; g++)
        {
            var single = new Conv2D(outPer, kernel, useBias: false);
            single.EnsureBuilt([null, 6, 5, inPer]);
            using (no_grad()) single.Kernel!.copy_(grouped.Kernel!.narrow(3, g * outPer, outPer));
            var expected = single.Apply(x.narrow(3, g * inPer, inPer));
            TensorAssert.Close(expected.contiguous(), y.narrow(3, g * outPer, outPer).contiguous(), 1e-4);
        }
    }
}
