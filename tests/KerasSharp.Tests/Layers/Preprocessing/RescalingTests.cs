using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

[Collection(GlobalState.Name)]

public class RescalingTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Rescaling(1.0 / 255), [2, 4, 4, 3], [2, 4, 4, 3]);

    [Fact]
    public void ScalesThenOffsetsInTrainingAndInference()
    {
        var layer = new Rescaling(1.0 / 127.5, offset: -1);
        var x = tensor(new float[] { 0, 127.5f, 255 });
        // x / 127.5 - 1
        TensorAssert.Close([-1, 0, 1], layer.Apply(x), 1e-6);
        TensorAssert.Close([-1, 0, 1], layer.Apply(x, training: true), 1e-6);
    }

    [Fact]
    public void IntegerInputsBecomeFloat()
    {
        var y = new Rescaling(0.5).Apply(tensor(new long[] { 2, 3 }));
        Assert.Equal(ScalarType.Float32, y.dtype);
        TensorAssert.Close([1, 1.5], y);
    }

    [Fact]
    public void ConfigAndBadArguments()
    {
        var config = new Rescaling(0.5, 2).GetConfig();
        Assert.Equal(0.5, config["scale"]);
        Assert.Equal(2.0, config["offset"]);
        Assert.Equal(0.0, new Rescaling(0.5).GetConfig()["offset"]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Rescaling(double.NaN));
        Assert.Contains("scale", ex.Message);
    }

    [Fact]
    public void PerChannelScaleBroadcastsOnTheLastAxisAndRoundTripsItsConfig()
    {
        // Keras' Rescaling(scale=[...]) broadcasts the list against the channels (EfficientNet's stem uses it).
        var layer = new Rescaling([1.0, 2.0, 4.0], offset: 1);
        var y = layer.Apply(tensor(new float[] { 1, 1, 1, 2, 2, 2 }).reshape(1, 2, 3));
        TensorAssert.Close([2, 3, 5, 3, 5, 9], y.reshape(-1), 1e-6);
        var config = layer.GetConfig();
        Assert.Equal([1.0, 2.0, 4.0], Assert.IsAssignableFrom<IEnumerable<double>>(config["scale"]));
        var json = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse("{\"name\": \"r\", \"scale\": [1.0, 2.0, 4.0], \"offset\": 1.0}")!;
        var back = Rescaling.FromConfig(json);
        Assert.Equal([1.0, 2.0, 4.0], back.Scales!);
        Assert.Equal(0.5, Rescaling.FromConfig((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse("{\"scale\": 0.5}")!).Scale);
        Assert.Throws<ArgumentException>(() => new Rescaling(Array.Empty<double>()));
    }
}
