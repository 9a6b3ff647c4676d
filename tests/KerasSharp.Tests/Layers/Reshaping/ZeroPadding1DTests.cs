using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class ZeroPadding1DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new ZeroPadding1D(), [2, 3, 4], [2, 5, 4]);

    [Fact]
    public void PadsStartAndEnd()
    {
        var y = new ZeroPadding1D((1, 2)).Apply(tensor(new float[] { 1, 2 }).reshape(1, 2, 1));
        TensorAssert.Close([0, 1, 2, 0, 0], y);
        Assert.Equal(new[] { 2, 2 }, (int[])new ZeroPadding1D(2).GetConfig()["padding"]!);
    }

    [Fact]
    public void HarnessChannelsFirst() =>
        LayerTest.Run(() => new ZeroPadding1D((2, 1), dataFormat: "channels_first"), [2, 4, 3], [2, 4, 6]);

    [Fact]
    public void ChannelsFirstPadsTheLastAxis()
    {
        // (batch 1, 2 features, 2 steps): each feature row gets 1 zero before and 2 after its steps
        var y = new ZeroPadding1D((1, 2), dataFormat: "channels_first").Apply(tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 2, 2));
        Assert.Equal(new long[] { 1, 2, 5 }, y.shape);
        TensorAssert.Close([0, 1, 2, 0, 0, 0, 3, 4, 0, 0], y);
    }

    [Fact]
    public void ConfigHasKerasDataFormatAndKerasConfigLoads()
    {
        var config = new ZeroPadding1D().GetConfig();
        Assert.Equal(["name", "trainable", "dtype", "padding", "data_format"], config.Keys);
        Assert.Equal("channels_last", config["data_format"]);
        // the layer's config in the corpus' reshaping_1d.keras (Keras 3.5.0 and 3.15.1 both write data_format)
        var layer = (ZeroPadding1D)KerasSharp.Saving.LayerDeserializer.FromConfig("ZeroPadding1D", System.Text.Json.Nodes.JsonNode.Parse(
            """{"name": "zero_padding1d", "trainable": true, "dtype": "float32", "padding": [2, 1], "data_format": "channels_last"}""")!.AsObject());
        Assert.Equal(new[] { 2, 1 }, layer.Padding);
        Assert.Equal("channels_last", layer.DataFormat);
        Assert.Contains("'ncw'", Assert.Throws<ArgumentException>(() => new ZeroPadding1D(dataFormat: "ncw")).Message);
    }

    [Fact]
    public void NegativePaddingIsRejected() =>
        Assert.Contains("padding", Assert.Throws<ArgumentOutOfRangeException>(() => new ZeroPadding1D(-1)).Message);
}
