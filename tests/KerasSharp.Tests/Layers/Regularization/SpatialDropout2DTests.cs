using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Regularization;

[Collection(GlobalState.Name)]

public class SpatialDropout2DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new SpatialDropout2D(0.1, seed: 1), [4, 3, 3, 2], [4, 3, 3, 2]);

    [Fact]
    public void IdentityInInference()
    {
        var x = randn(2, 3, 3, 2);
        TensorAssert.Close(x, new SpatialDropout2D(0.5).Apply(x));
    }

    [Fact]
    public void TrainingDropsWholeFeatureMapsInBothDataFormats()
    {
        var last = new SpatialDropout2D(0.5, seed: 3).Apply(ones(20, 3, 4, 10), training: true);
        Assert.True((last - last[.., 0, 0, ..].reshape(20, 1, 1, 10)).abs().max().item<float>() == 0);
        var first = new SpatialDropout2D(0.5, dataFormat: "channels_first", seed: 3).Apply(ones(20, 10, 3, 4), training: true);
        Assert.True((first - first[.., .., 0, 0].reshape(20, 10, 1, 1)).abs().max().item<float>() == 0);
        Assert.InRange(first.eq(0).to_type(ScalarType.Float32).mean().item<float>(), 0.4, 0.6);
        Assert.Equal("channels_first", new SpatialDropout2D(0.5, dataFormat: "channels_first").GetConfig()["data_format"]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("received -0.1", Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout2D(-0.1)).Message);
        Assert.Contains("'nhwc'", Assert.Throws<ArgumentException>(() => new SpatialDropout2D(0.5, dataFormat: "nhwc")).Message);
    }

    [Fact]
    public void ConfigIsKerasWithoutTrainableAndKerasConfigLoads()
    {
        // Keras' get_config (3.5 and 3.15): rate, seed, name, dtype, data_format; its constructor takes no trainable
        var config = new SpatialDropout2D(0.25, seed: 7, name: "sd").GetConfig();
        Assert.Equal(["rate", "seed", "name", "dtype", "data_format"], config.Keys);
        Assert.Equal((0.25, 7, "sd", "float32", "channels_last"),
            ((double)config["rate"]!, (int?)config["seed"], (string?)config["name"], (string?)config["dtype"], (string?)config["data_format"]));
        // as written in the corpus' dropout_noise_inference.keras
        var layer = (SpatialDropout2D)KerasSharp.Saving.LayerDeserializer.FromConfig("SpatialDropout2D", System.Text.Json.Nodes.JsonNode.Parse(
            """{"rate": 0.25, "seed": null, "name": "spatial_dropout2d", "dtype": "float32", "data_format": "channels_first"}""")!.AsObject());
        Assert.Equal((0.25, "channels_first"), (layer.Rate, layer.DataFormat));
    }
}
