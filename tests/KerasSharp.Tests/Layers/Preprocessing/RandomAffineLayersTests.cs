using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

[Collection(GlobalState.Name)]

public class RandomRotationTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new RandomRotation(0.1, seed: 1), [2, 6, 6, 3], [2, 6, 6, 3]);

    [Fact]
    public void AugmentationContract() =>
        AugmentationTestSupport.IdentityInInference_ChangesInTraining_DeterministicWithSeed(s => new RandomRotation(0.2, seed: s));

    [Fact]
    public void QuarterTurnIsCounterClockwiseRot90()
    {
        // factor (0.25, 0.25) draws exactly 0.25 * 2 pi: out[i, j] = in[j, W - 1 - i] (numpy's rot90).
        var x = AugmentationTestSupport.Ramp4x4();
        var y = new RandomRotation((0.25, 0.25)).Apply(x, training: true);
        var expected = x.rot90(1, (1, 2));
        TensorAssert.Close(expected, y, 1e-4);
    }

    [Fact]
    public void ConfigStoresFactorAsLowerUpperAsKeras()
    {
        var config = new RandomRotation(0.1).GetConfig();
        Assert.Equal(new List<double> { -0.1, 0.1 }, config["factor"]);
        Assert.Equal("reflect", config["fill_mode"]);
        Assert.Equal("bilinear", config["interpolation"]);
        Assert.Equal(0.0, config["fill_value"]);
        Assert.Equal("channels_last", config["data_format"]);
        Assert.Null(config["seed"]);
        Assert.Equal(new List<double> { -0.2, 0.3 }, new RandomRotation(new[] { 0.3, -0.2 }).GetConfig()["factor"]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomRotation(1.5));
        Assert.Contains("factor", ex.Message);
        Assert.Contains("1.5", ex.Message);
        Assert.Throws<ArgumentException>(() => new RandomRotation(new[] { 0.1, 0.2, 0.3 }));
        var mode = Assert.Throws<ArgumentException>(() => new RandomRotation(0.1, fillMode: "mirror"));
        Assert.Contains("mirror", mode.Message);
        Assert.Throws<ArgumentException>(() => new RandomRotation(0.1, interpolation: "bicubic"));
        Assert.Throws<ArgumentException>(() => new RandomRotation(0.1, dataFormat: "nhwc"));
        var rank = Assert.Throws<ArgumentException>(() => new RandomRotation(0.1).Apply(zeros(2, 3)));
        Assert.Contains("rank 3", rank.Message);
    }
}

[Collection(GlobalState.Name)]

public class RandomZoomTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new RandomZoom(0.1, seed: 1), [2, 6, 6, 3], [2, 6, 6, 3]);

    [Fact]
    public void AugmentationContract() =>
        AugmentationTestSupport.IdentityInInference_ChangesInTraining_DeterministicWithSeed(s => new RandomZoom(0.3, 0.2, seed: s));

    [Fact]
    public void ZoomInByHalfSamplesAboutTheCentre()
    {
        // heightFactor (-0.5, -0.5): zoom 0.5 on both axes (widthFactor null keeps the ratio).
        // x_in = 0.5 x + (W - 1) / 2 * (1 - 0.5) = 0.5 x + 0.75, same for y; bilinear on a linear ramp is exact.
        var x = AugmentationTestSupport.Ramp4x4();
        var y = new RandomZoom((-0.5, -0.5)).Apply(x, training: true);
        double[] c = [0.75, 1.25, 1.75, 2.25];
        var expected = c.SelectMany(r => c.Select(col => 4 * r + col)).ToArray();
        TensorAssert.Close(expected, y, 1e-4);
    }

    [Fact]
    public void ZoomOutWithConstantFillFillsOutside()
    {
        // zoom 2 (factor (1, 1)): x_in = 2x - 1.5 -> [-1.5, 0.5, 2.5, 4.5]; outside pixels (-1.5, 4.5) read the fill value.
        var x = ones(1, 4, 4, 1);
        var y = new RandomZoom((1.0, 1.0), fillMode: "constant", fillValue: 7).Apply(x, training: true);
        // Rows/columns 0 and 3 read -1.5 / 4.5: entirely outside -> 7; the centre 2x2 blends between pixels of value 1.
        TensorAssert.Close(7.0, y[0, 0, 0, 0], 1e-5);
        TensorAssert.Close(1.0, y[0, 1, 1, 0], 1e-5);
        TensorAssert.Close(7.0, y[0, 3, 2, 0], 1e-5);
    }

    [Fact]
    public void ConfigKeepsFactorsAsGiven()
    {
        var config = new RandomZoom(0.1).GetConfig();
        Assert.Equal(0.1, config["height_factor"]);
        Assert.Null(config["width_factor"]);
        Assert.Equal("reflect", config["fill_mode"]);
        var pair = new RandomZoom((-0.2, 0.3), 0.1).GetConfig();
        Assert.Equal(new List<double> { -0.2, 0.3 }, pair["height_factor"]);
        Assert.Equal(0.1, pair["width_factor"]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomZoom(-1.2));
        Assert.Contains("heightFactor", ex.Message);
        Assert.Contains("-1.2", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomZoom(0.1, (0.1, 2.0)));
        Assert.Throws<ArgumentException>(() => new RandomZoom(0.1, fillMode: "edge"));
    }
}

[Collection(GlobalState.Name)]

public class RandomTranslationTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new RandomTranslation(0.1, 0.1, seed: 1), [2, 6, 6, 3], [2, 6, 6, 3]);

    [Fact]
    public void AugmentationContract() =>
        AugmentationTestSupport.IdentityInInference_ChangesInTraining_DeterministicWithSeed(s => new RandomTranslation(0.2, 0.2, seed: s));

    [Theory]
    // Shift down by 0.25 * 4 = 1 row: output row r reads input row r - 1; row 0 reads row -1, filled by the mode.
    [InlineData("constant", new double[] { 9, 9, 9, 9 })]   // fill value
    [InlineData("reflect", new double[] { 0, 1, 2, 3 })]    // d c b a | a b c d: row -1 -> row 0
    [InlineData("nearest", new double[] { 0, 1, 2, 3 })]    // edge row
    [InlineData("wrap", new double[] { 12, 13, 14, 15 })]   // a b c d | a b c d: row -1 -> row 3
    public void ShiftDownOneRowFillModes(string fillMode, double[] firstRow)
    {
        var x = AugmentationTestSupport.Ramp4x4();
        var y = new RandomTranslation((0.25, 0.25), 0.0, fillMode: fillMode, fillValue: 9).Apply(x, training: true);
        double[] expected = [.. firstRow, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        TensorAssert.Close(expected, y, 1e-4);
    }

    [Fact]
    public void ReflectTwoRowsReflectsAboutThePixelEdge()
    {
        // Shift down by 2 rows: rows -2, -1 read rows 1, 0 (d c b a | a b c d).
        var x = AugmentationTestSupport.Ramp4x4();
        var y = new RandomTranslation((0.5, 0.5), 0.0).Apply(x, training: true);
        TensorAssert.Close([4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7], y, 1e-4);
    }

    [Fact]
    public void ChannelsFirstMatchesChannelsLast()
    {
        var x = rand(2, 5, 6, 3);
        var last = new RandomTranslation((0.2, 0.2), (-0.5, -0.5)).Apply(x, training: true);
        var first = new RandomTranslation((0.2, 0.2), (-0.5, -0.5), dataFormat: "channels_first")
            .Apply(x.permute(0, 3, 1, 2), training: true);
        TensorAssert.Close(last, first.permute(0, 2, 3, 1), 1e-5);
    }

    [Fact]
    public void ConfigAndBadArguments()
    {
        var config = new RandomTranslation(0.1, (-0.2, 0.3), fillMode: "nearest", seed: 4).GetConfig();
        Assert.Equal(0.1, config["height_factor"]);
        Assert.Equal(new List<double> { -0.2, 0.3 }, config["width_factor"]);
        Assert.Equal("nearest", config["fill_mode"]);
        Assert.Equal(4, config["seed"]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomTranslation(0.1, 1.5));
        Assert.Contains("widthFactor", ex.Message);
    }
}
