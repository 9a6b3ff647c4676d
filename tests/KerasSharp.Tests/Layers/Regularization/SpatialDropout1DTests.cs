using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Regularization;

[Collection(GlobalState.Name)]

public class SpatialDropout1DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new SpatialDropout1D(0.1, seed: 1), [4, 3, 5], [4, 3, 5]);

    [Fact]
    public void IdentityInInference()
    {
        var x = randn(2, 3, 4);
        TensorAssert.Close(x, new SpatialDropout1D(0.5).Apply(x));
    }

    [Fact]
    public void TrainingDropsWholeChannels()
    {
        // (50 samples, 5 steps, 40 channels) of ones: each (sample, channel) is 0 on every step or 1 / (1 - 0.5) = 2
        var y = new SpatialDropout1D(0.5, seed: 3).Apply(ones(50, 5, 40), training: true);
        var first = y[.., 0, ..].unsqueeze(1);
        Assert.True((y - first).abs().max().item<float>() == 0, "a channel was not dropped on every step");
        Assert.True(y.eq(0).logical_or(y.eq(2)).all().item<bool>());
        Assert.InRange(first.eq(0).to_type(ScalarType.Float32).mean().item<float>(), 0.45, 0.55);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Contains("received 1.2", Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout1D(1.2)).Message);
        Assert.Contains("expected ndim=3", Assert.Throws<ArgumentException>(() => new SpatialDropout1D(0.5).Apply(ones(2, 3))).Message);
    }

    [Fact]
    public void ConfigIsKerasWithoutTrainableAndKerasConfigLoads()
    {
        // Keras' BaseSpatialDropout.get_config (3.5 and 3.15): rate, seed, name, dtype; its constructor takes no trainable
        Assert.Equal(["rate", "seed", "name", "dtype"], new SpatialDropout1D(0.3).GetConfig().Keys);
        // as written in the corpus' dropout_noise_inference.keras
        var layer = (SpatialDropout1D)KerasSharp.Saving.LayerDeserializer.FromConfig("SpatialDropout1D", System.Text.Json.Nodes.JsonNode.Parse(
            """{"rate": 0.3, "seed": null, "name": "spatial_dropout1d", "dtype": "float32"}""")!.AsObject());
        Assert.Equal((0.3, "spatial_dropout1d"), (layer.Rate, layer.Name));
    }
}
