using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

[Collection(GlobalState.Name)]

public class RandomFlipTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new RandomFlip(seed: 1), [2, 4, 4, 3], [2, 4, 4, 3]);

    [Fact]
    public void AugmentationContract() =>
        AugmentationTestSupport.IdentityInInference_ChangesInTraining_DeterministicWithSeed(s => new RandomFlip(seed: s));

    [Theory]
    [InlineData("horizontal")]
    [InlineData("vertical")]
    [InlineData("horizontal_and_vertical")]
    public void EachImageIsEitherUnchangedOrFlipped(string mode)
    {
        Keras.Utils.SetRandomSeed(9);
        var x = rand(16, 3, 4, 2);
        var y = new RandomFlip(mode, seed: 3).Apply(x, training: true);
        long[] dims = mode switch { "horizontal" => [1], "vertical" => [0], _ => [0, 1] };
        int flipped = 0;
        for (int i = 0; i < 16; i++)
        {
            bool same = y[i].allclose(x[i]);
            bool flip = y[i].allclose(x[i].flip(dims));
            Assert.True(same || flip, $"image {i} is neither unchanged nor flipped ({mode})");
            if (flip) flipped++;
        }
        Assert.InRange(flipped, 1, 15);
    }

    [Fact]
    public void ConfigAndBadArguments()
    {
        var config = new RandomFlip().GetConfig();
        Assert.Equal("horizontal_and_vertical", config["mode"]);
        Assert.Null(config["seed"]);
        Assert.Equal("channels_last", config["data_format"]);
        var ex = Assert.Throws<ArgumentException>(() => new RandomFlip("diagonal"));
        Assert.Contains("diagonal", ex.Message);
    }
}

[Collection(GlobalState.Name)]

public class RandomContrastTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new RandomContrast(0.2, seed: 1), [2, 4, 4, 3], [2, 4, 4, 3]);

    [Fact]
    public void AugmentationContract() =>
        AugmentationTestSupport.IdentityInInference_ChangesInTraining_DeterministicWithSeed(s => new RandomContrast(0.5, seed: s));

    [Fact]
    public void ScalesDeviationsFromTheChannelMeanByOneFactorPerImage()
    {
        Keras.Utils.SetRandomSeed(4);
        var x = rand(3, 5, 5, 2) * 100 + 50;   // inside [0, 255]: no clipping
        var y = new RandomContrast(0.3, seed: 2).Apply(x, training: true);
        var mean = x.mean([1L, 2L], keepdim: true);
        // (y - mean) = c * (x - mean), c in [0.7, 1.3], the same for every pixel and channel of an image.
        TensorAssert.Close(mean, y.mean([1L, 2L], keepdim: true), 1e-3);
        for (int i = 0; i < 3; i++)
        {
            var ratio = (y[i] - mean[i]) / (x[i] - mean[i]);
            double c = ratio.mean().item<float>();
            Assert.InRange(c, 0.7, 1.3);
            Assert.True((ratio - c).abs().max().item<float>() < 1e-3, $"image {i}: contrast factor not uniform");
        }
    }

    [Fact]
    public void OutputIsClippedToTheValueRange()
    {
        var x = tensor(new float[] { 0, 1, 0, 1 }).reshape(1, 2, 2, 1);
        var y = new RandomContrast((1.0, 1.0), valueRange: [0, 1], seed: 1).Apply(x, training: true);
        Assert.True(y.min().item<float>() >= 0 && y.max().item<float>() <= 1);
    }

    [Fact]
    public void ConfigAndBadArguments()
    {
        var config = new RandomContrast(0.2).GetConfig();
        Assert.Equal(0.2, config["factor"]);
        Assert.Equal(new List<double> { 0, 255 }, config["value_range"]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomContrast(1.5));
        Assert.Contains("1.5", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomContrast(-0.1));
        Assert.Throws<ArgumentException>(() => new RandomContrast(0.1, valueRange: [1, 0]));
    }
}
