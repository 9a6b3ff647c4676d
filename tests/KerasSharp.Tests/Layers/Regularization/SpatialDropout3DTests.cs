using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Regularization;

[Collection(GlobalState.Name)]

public class SpatialDropout3DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new SpatialDropout3D(0.1, seed: 1), [4, 2, 2, 2, 3], [4, 2, 2, 2, 3]);

    [Fact]
    public void TrainingDropsWholeVolumesAndIdentityInInference()
    {
        var x = ones(new long[] { 10, 2, 3, 2, 6 });
        TensorAssert.Close(x, new SpatialDropout3D(0.5).Apply(x));
        var y = new SpatialDropout3D(0.5, seed: 2).Apply(x, training: true);
        Assert.True((y - y[.., 0, 0, 0, ..].reshape(10, 1, 1, 1, 6)).abs().max().item<float>() == 0);
        Assert.True(y.eq(0).logical_or(y.eq(2)).all().item<bool>());
    }

    [Fact]
    public void RateOfOneIsRejected() =>
        Assert.Contains("received 1", Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout3D(1)).Message);

    [Fact]
    public void ConfigIsKerasWithoutTrainableAndKerasConfigLoads()
    {
        // Keras' get_config (3.5 and 3.15): rate, seed, name, dtype, data_format; its constructor takes no trainable
        Assert.Equal(["rate", "seed", "name", "dtype", "data_format"], new SpatialDropout3D(0.2).GetConfig().Keys);
        // as written in the corpus' dropout_noise_inference.keras
        var layer = (SpatialDropout3D)KerasSharp.Saving.LayerDeserializer.FromConfig("SpatialDropout3D", System.Text.Json.Nodes.JsonNode.Parse(
            """{"rate": 0.2, "seed": null, "name": "spatial_dropout3d", "dtype": "float32", "data_format": "channels_last"}""")!.AsObject());
        Assert.Equal((0.2, "channels_last"), (layer.Rate, layer.DataFormat));
    }
}
