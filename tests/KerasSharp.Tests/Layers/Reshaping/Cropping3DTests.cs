using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class Cropping3DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Cropping3D(), [2, 3, 4, 5, 2], [2, 1, 2, 3, 2]);

    [Fact]
    public void HarnessChannelsFirst() =>
        LayerTest.Run(() => new Cropping3D(((0, 1), (1, 0), (1, 2)), dataFormat: "channels_first"), [2, 2, 3, 4, 5], [2, 2, 2, 3, 2]);

    [Fact]
    public void CropsEachSideAsGiven()
    {
        // volume 0..23 of shape (2, 3, 4) (value = 12 d + 4 h + w); keep depth 1, rows 0..1, column 1 -> 13, 17
        var x = arange(24, dtype: ScalarType.Float32);
        var cropping = ((1, 0), (0, 1), (1, 2));
        var y = new Cropping3D(cropping).Apply(x.reshape(1, 2, 3, 4, 1));
        Assert.Equal(new long[] { 1, 1, 2, 1, 1 }, y.shape);
        TensorAssert.Close([13, 17], y);
        var z = new Cropping3D(cropping, dataFormat: "channels_first").Apply(x.reshape(1, 1, 2, 3, 4));
        Assert.Equal(new long[] { 1, 1, 1, 2, 1 }, z.shape);
        TensorAssert.Close([13, 17], z);
    }

    [Fact]
    public void ConfigIsKerasAndKerasConfigLoads()
    {
        var config = new Cropping3D().GetConfig();
        Assert.Equal(["name", "trainable", "dtype", "cropping", "data_format"], config.Keys);
        Assert.All((int[][])config["cropping"]!, p => Assert.Equal(new[] { 1, 1 }, p));
        // the layer's config in the corpus' reshaping_3d.keras
        var layer = (Cropping3D)LayerDeserializer.FromConfig("Cropping3D", JsonNode.Parse(
            """{"name": "cropping3d", "trainable": true, "dtype": "float32", "cropping": [[0, 1], [1, 0], [1, 2]], "data_format": "channels_last"}""")!.AsObject());
        Assert.Equal(new[] { 0, 1 }, layer.Cropping[0]);
        Assert.Equal(new[] { 1, 0 }, layer.Cropping[1]);
        Assert.Equal(new[] { 1, 2 }, layer.Cropping[2]);
    }

    [Fact]
    public void CroppingTooMuchIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Cropping3D((0, 2, 0)).Apply(ones(new long[] { 1, 2, 4, 2, 1 })));
        Assert.Contains("input_shape=(1, 2, 4, 2, 1)", e.Message);
        Assert.Contains("((0, 0), (2, 2), (0, 0))", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Cropping3D(-1));
        Assert.StartsWith("cropping3d", Keras.Cropping3D().Name);
    }

    [Fact]
    public void ModelOfThe3DReshapingLayersRoundTripsThroughAKerasFile()
    {
        // reshaping_3d's architecture: UpSampling3D((1, 2, 2)) -> ZeroPadding3D(((1, 0), (0, 1), (2, 2))) -> Cropping3D(((0, 1), (1, 0), (1, 2)))
        Keras.Utils.SetRandomSeed(5);
        var model = new Sequential([new Input(new Shape(3, 4, 2, 2)), new UpSampling3D((1, 2, 2)), new ZeroPadding3D(((1, 0), (0, 1), (2, 2))),
            new Cropping3D(((0, 1), (1, 0), (1, 2))), new Flatten(), new Dense(2)]);
        var path = Path.Combine(Path.GetTempPath(), $"reshaping3d-{Guid.NewGuid():N}.keras");
        try
        {
            model.Save(path);
            var loaded = Keras.Models.LoadModel(path);
            var x = randn(new long[] { 3, 3, 4, 2, 2 });
            TensorAssert.Close(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), 0);
            var crop = (Cropping3D)loaded.Layers.Single(l => l is Cropping3D);
            Assert.Equal(new[] { 1, 2 }, crop.Cropping[2]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
