using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Normalization;

/// <summary>Keras' RMSNormalization; golden values from keras/src/layers/normalization/rms_normalization_test.py.</summary>
[Collection(GlobalState.Name)]
public class RMSNormalizationTests
{
    [Fact]
    public void HarnessLikeKerasLnBasics()
    {
        // Keras' test_ln_basics: input (4, 2) -> (4, 2), one trainable weight.
        LayerTest.Run(() => new RMSNormalization(), [4, 2], [4, 2], trainableWeights: 1, nonTrainableWeights: 0);
        LayerTest.Run(() => new RMSNormalization(axis: -1), [4, 2], [4, 2], trainableWeights: 1, nonTrainableWeights: 0);
    }

    [Fact]
    public void OutputMatchesKerasTestOutput()
    {
        // Keras' test_output: RMSNormalization()(arange(10)[None, :]).
        var layer = RMSNormalization();
        var y = layer.Apply(arange(10, dtype: ScalarType.Float32).reshape(1, 10));
        TensorAssert.Close(new float[] { 0.0f, 0.18731716f, 0.37463433f, 0.5619515f, 0.74926865f, 0.9365858f, 1.123903f, 1.3112202f, 1.4985373f, 1.6858544f },
            y.reshape(10), 1e-6);
        Assert.Equal("scale", layer.OwnWeights.Single().Name);
        Assert.Equal(1e-6, layer.Epsilon);
    }

    [Fact]
    public void SeveralAxesShareOneScaleOverThem()
    {
        // Keras' test_unsorted_negative_axis: axis [-1, -2] on (2, 4, 8) gives a (4, 8) scale.
        var layer = RMSNormalization(axis: new[] { -1, -2 });
        var x = randn(2, 4, 8);
        var y = layer.Apply(x);
        Assert.Equal(new long[] { 4, 8 }, layer.Scale!.shape);
        // Keras' test_correctness formula: x * rsqrt(mean(square(x), axes) + epsilon) * scale.
        var scale = randn(4, 8);
        layer.SetWeights([scale]);
        var expected = x * (x.square().mean([1, 2], keepdim: true) + 1e-6).rsqrt() * scale;
        TensorAssert.Close(expected, layer.Apply(x), 1e-5);
        Assert.Equal(x.shape, y.shape);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var eps = Assert.Throws<ArgumentOutOfRangeException>(() => new RMSNormalization(epsilon: -1));
        Assert.Equal("epsilon", eps.ParamName);
        Assert.Contains("-1", eps.Message);
        var axis = Assert.Throws<ArgumentException>(() => new RMSNormalization(axis: 3).EnsureBuilt([null, 4]));
        Assert.Contains("Axis 3 is out of bounds for input shape (None, 4)", axis.Message);
    }

    [Fact]
    public void ConfigAndSavingRoundTrip()
    {
        var layer = new RMSNormalization(epsilon: 1e-5, name: "rms");
        // Keras' get_config before build writes the axis as given; build turns it into the sorted list.
        Assert.Equal(-1, layer.GetConfig()["axis"]);
        var model = new Sequential([Input(6), Dense(4), layer]);
        var json = (JsonObject)JsonNode.Parse(model.ToJson())!;
        var stored = json["config"]!["layers"]![2]!;
        Assert.Equal("RMSNormalization", (string?)stored["class_name"]);
        Assert.Equal("keras.layers", (string?)stored["module"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("[-1]"), stored["config"]!["axis"]));
        Assert.Equal(1e-5, (double)stored["config"]!["epsilon"]!);

        layer.SetWeights([tensor(new float[] { 1, 2, 3, 4 })]);
        var path = Path.Combine(Path.GetTempPath(), $"kerassharp-rms-{Guid.NewGuid():N}.keras");
        model.Save(path);
        var loaded = Keras.Models.LoadModel(path);
        File.Delete(path);
        var x = randn(3, 6);
        TensorAssert.Close(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), 1e-6);
        Assert.IsType<RMSNormalization>(loaded.Layers[1]);
    }
}
