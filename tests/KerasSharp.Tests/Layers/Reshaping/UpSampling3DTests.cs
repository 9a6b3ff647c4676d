using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class UpSampling3DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new UpSampling3D(), [2, 1, 2, 3, 2], [2, 2, 4, 6, 2]);

    [Fact]
    public void HarnessChannelsFirst() =>
        LayerTest.Run(() => new UpSampling3D((1, 2, 3), dataFormat: "channels_first"), [2, 2, 3, 2, 1], [2, 2, 3, 4, 3]);

    [Fact]
    public void RepeatsEachVoxelAlongEachAxis()
    {
        // one depth slice [[0, 1], [2, 3]]: rows doubled, then columns doubled
        var x = arange(4, dtype: ScalarType.Float32).reshape(1, 1, 2, 2, 1);
        TensorAssert.Close([0, 1, 0, 1, 2, 3, 2, 3], new UpSampling3D((1, 2, 1)).Apply(x));
        TensorAssert.Close([0, 0, 1, 1, 2, 2, 3, 3], new UpSampling3D((1, 1, 2)).Apply(x));
        var deeper = new UpSampling3D((2, 1, 1)).Apply(x);
        Assert.Equal(new long[] { 1, 2, 2, 2, 1 }, deeper.shape);
        TensorAssert.Close([0, 1, 2, 3, 0, 1, 2, 3], deeper);
        // channels_first: the same volume with the channel in front
        TensorAssert.Close([0, 1, 0, 1, 2, 3, 2, 3],
            new UpSampling3D((1, 2, 1), dataFormat: "channels_first").Apply(x.reshape(1, 1, 1, 2, 2)));
    }

    [Fact]
    public void ConfigIsKerasAndKerasConfigLoads()
    {
        var config = new UpSampling3D().GetConfig();
        Assert.Equal(["name", "trainable", "dtype", "size", "data_format"], config.Keys);
        Assert.Equal(new[] { 2, 2, 2 }, (int[])config["size"]!);
        Assert.Equal("channels_last", config["data_format"]);
        // the layer's config in the corpus' reshaping_3d.keras (Keras 3.15.1)
        var layer = (UpSampling3D)LayerDeserializer.FromConfig("UpSampling3D", JsonNode.Parse(
            """{"name": "up_sampling3d", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "size": [1, 2, 2], "data_format": "channels_last"}""")!.AsObject());
        Assert.Equal(new[] { 1, 2, 2 }, layer.Size);
        Assert.Equal("up_sampling3d", layer.Name);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("'ncdhw'", Assert.Throws<ArgumentException>(() => new UpSampling3D(dataFormat: "ncdhw")).Message);
        Assert.Contains("(1, 2)", Assert.Throws<ArgumentException>(() => new UpSampling3D((1, 2))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new UpSampling3D((1, 0, 2)));
        Assert.StartsWith("up_sampling3d", Keras.UpSampling3D().Name);
    }
}
