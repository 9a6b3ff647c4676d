using KerasSharp.Tests.TestSupport;
using KerasSharp.Layers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

[Collection(GlobalState.Name)]

public class PreprocessingFactoriesTests
{
    [Fact]
    public void FactoriesPassTheirArguments()
    {
        Assert.Equal((1.0 / 255, 0.0), (Rescaling(1.0 / 255).Scale, Rescaling(1.0 / 255).Offset));
        var rot = RandomRotation(0.1, fillMode: "constant", seed: 3);
        Assert.Equal(("constant", (int?)3), (rot.FillMode, rot.Seed));
        Assert.Equal(new FactorRange(-0.1, 0.1), rot.Factor);
        var zoom = RandomZoom(0.1, (-0.2, 0.2), interpolation: "nearest");
        Assert.Equal(("nearest", true), (zoom.Interpolation, zoom.WidthFactor!.Value.IsPair));
        var shift = RandomTranslation(0.1, 0.2, fillValue: 3);
        Assert.Equal((0.2, 3.0), (shift.WidthFactor.Values[0], shift.FillValue));
        Assert.Equal("horizontal", RandomFlip("horizontal").Mode);
        Assert.Equal(new[] { 0.0, 1.0 }, RandomContrast(0.2, valueRange: [0, 1]).ValueRange);
        var resize = Resizing(8, 9, cropToAspectRatio: true);
        Assert.Equal((8, 9, true), (resize.Height, resize.Width, resize.CropToAspectRatio));
        Assert.Equal((3, 4), (CenterCrop(3, 4).Height, CenterCrop(3, 4).Width));
        Assert.True(Keras.Normalization(axis: null, invert: true).Invert);
    }

    [Fact]
    public void DefaultNamesAreKerasSnakeCase()
    {
        Assert.StartsWith("random_rotation", new RandomRotation(0.1).Name);
        Assert.StartsWith("random_zoom", new RandomZoom(0.1).Name);
        Assert.StartsWith("random_translation", new RandomTranslation(0.1, 0.1).Name);
        Assert.StartsWith("center_crop", new CenterCrop(2, 2).Name);
        Assert.StartsWith("rescaling", new Rescaling(1).Name);
    }

    [Fact]
    public void FactorRangeConversionsAndText()
    {
        FactorRange single = 0.1, pair = (-0.2, 0.3), fromList = new[] { 0.5 };
        Assert.False(single.IsPair);
        Assert.True(pair.IsPair);
        Assert.Equal(0.5, fromList.ToConfigValue());
        Assert.Equal("(-0.2, 0.3)", pair.ToString());
        Assert.Equal(new List<double> { -0.2, 0.3 }, pair.ToConfigValue());
        var ex = Assert.Throws<ArgumentException>(() => { FactorRange bad = new double[] { 1, 2, 3 }; });
        Assert.Contains("3 values", ex.Message);
    }

    [Fact]
    public void AugmentationPipelineInASequentialModelTrainsAndIsIdentityInPredict()
    {
        // The keras.io image-classification head: Rescaling + random augmentation + BatchNormalization.
        Keras.Utils.SetRandomSeed(8);
        var model = new Sequential([
            new Rescaling(1.0 / 255),
            new RandomRotation(0.1),
            new RandomZoom(0.1),
            new RandomTranslation(0.1, 0.1),
            new BatchNormalization(),
            new Flatten(),
            new Dense(1),
        ]);
        model.Compile(new KerasSharp.Optimizers.Adam(learningRate: 0.01), new KerasSharp.Losses.MeanSquaredError());
        var x = rand(4, 8, 8, 3) * 255;
        var y = randn(4, 1);
        double first = model.TrainOnBatch(x, y)["loss"];
        double last = first;
        for (int i = 0; i < 20; i++) last = model.TrainOnBatch(x, y)["loss"];
        Assert.True(last < first, $"loss did not decrease: {first} -> {last}");
        var p1 = model.Predict(x, verbose: 0);
        var p2 = model.Predict(x, verbose: 0);
        Assert.True(p1.allclose(p2), "inference must be deterministic (augmentation off)");
    }
}
