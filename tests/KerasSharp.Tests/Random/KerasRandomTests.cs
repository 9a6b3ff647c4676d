using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// <c>keras.random</c> as Keras 3's torch backend draws it (keras/src/backend/torch/random.py): a seeded call seeds a
/// fresh torch generator with <c>seed + counter</c>, so the numbers are PyTorch's for that seed. The reference values
/// are PyTorch's documented <c>torch.manual_seed(0); torch.randn(2, 3)</c> / <c>torch.rand(3)</c> outputs.
/// </summary>
[Collection(GlobalState.Name)]
public class KerasRandomTests
{
    private static readonly float[] Randn0 = [1.5410f, -0.2934f, -2.1788f, 0.5684f, -1.0845f, -1.3986f];
    private static readonly float[] Randn1 = [0.6614f, 0.2669f, 0.0617f, 0.6213f, -0.4519f, -0.1661f];
    private static readonly float[] Rand0 = [0.4963f, 0.7682f, 0.0885f];

    // The references are PyTorch's printed values, rounded to 4 decimals.
    private static void Close(float[] expected, Tensor actual, double tolerance = 6e-5)
    {
        var values = actual.to_type(ScalarType.Float32).cpu().data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++) Assert.InRange(Math.Abs(expected[i] - values[i]), 0, tolerance);
    }

    [Fact]
    public void AnIntegerSeedGivesPytorchsNumbersForThatSeedOnEveryCall()
    {
        var a = Keras.Random.Normal([2, 3], seed: 0);
        var b = Keras.Random.Normal([2, 3], seed: 0);
        Assert.Equal(new long[] { 2, 3 }, a.shape);
        Assert.Equal(ScalarType.Float32, a.dtype);
        Close(Randn0, a);
        Assert.True(a.eq(b).all().item<bool>());
        var shifted = Keras.Random.Normal([2, 3], mean: 10, stddev: 2, seed: 0);
        Close(Randn0.Select(v => 10 + 2 * v).ToArray(), shifted, 2e-4);
        Close(Rand0.Select(v => 2 * v - 1).ToArray(), Keras.Random.Uniform([3], minval: -1, maxval: 1, seed: 0), 2e-4);
    }

    [Fact]
    public void ASeedGeneratorAdvancesItsCounterOnEachCallAsKerasNextDoes()
    {
        var generator = new SeedGenerator(0);
        Assert.Equal(new long[] { 0, 0 }, generator.State);
        Close(Randn0, Keras.Random.Normal([2, 3], seed: generator));   // seed 0 + 0
        Close(Randn1, Keras.Random.Normal([2, 3], seed: generator));   // seed 0 + 1
        Assert.Equal(new long[] { 0, 2 }, generator.State);
        Assert.Equal(0L, generator.GetConfig()["seed"]);
        // The same initial seed reproduces the sequence; a drawn seed is in Keras' range [1, 1e9].
        var again = SeedGenerator.FromConfig(generator.GetConfig());
        Close(Randn0, Keras.Random.Normal([2, 3], seed: again));
        var drawn = new SeedGenerator();
        Assert.Null(drawn.InitialSeed);
        Assert.InRange(drawn.Seed, 1, 1_000_000_000);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeedGenerator(-1));
    }

    [Fact]
    public void WithoutASeedTheGlobalGeneratorThatSetRandomSeedSeedsIsUsed()
    {
        Keras.Utils.SetRandomSeed(7);
        var a = Keras.Random.Uniform([5]);
        Keras.Utils.SetRandomSeed(7);
        var b = Keras.Random.Uniform([5]);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(Keras.Random.Uniform([5])).all().item<bool>());
    }

    [Fact]
    public void UniformAndRandintKeepTheirBoundsAndDtypes()
    {
        var scalar = Keras.Random.Uniform([], seed: 0);
        Assert.Equal(0, scalar.dim());
        Assert.Equal(Rand0[0], scalar.item<float>(), 4);
        var u = Keras.Random.Uniform([10000], minval: 2, maxval: 3, dtype: "float64", seed: 3);
        Assert.Equal(ScalarType.Float64, u.dtype);
        Assert.True(u.min().item<double>() >= 2 && u.max().item<double>() < 3);
        var error = Assert.Throws<ArgumentException>(() => Keras.Random.Uniform([2], dtype: "int32"));
        Assert.Contains("requires a floating point `dtype`", error.Message);
        var r = Keras.Random.RandInt([10000], 3, 7, seed: 1);
        Assert.Equal(ScalarType.Int32, r.dtype);
        Assert.Equal(new long[] { 3, 4, 5, 6 }, r.unique().Item1.to_type(ScalarType.Int64).data<long>().ToArray());
        Assert.Throws<ArgumentException>(() => Keras.Random.RandInt([2], 5, 5));
        Assert.Throws<ArgumentException>(() => Keras.Random.RandInt([2], 0, 5, dtype: "float32"));
    }

    [Fact]
    public void TruncatedNormalStaysWithinTwoStandardDeviations()
    {
        var t = Keras.Random.TruncatedNormal([20000], mean: 1, stddev: 0.5, seed: 4);
        Assert.True(t.min().item<float>() > 0 && t.max().item<float>() < 2);
        Assert.Equal(1.0, t.mean().item<float>(), 1);
        // A standard normal truncated to (-2, 2) has standard deviation 0.8796.
        Assert.Equal(0.5 * 0.8796, t.std().item<float>(), 2);
    }

    [Fact]
    public void DropoutZeroesAtTheRateScalesTheRestAndHonoursNoiseShape()
    {
        var x = ones(200, 50);
        var d = Keras.Random.Dropout(x, 0.25, seed: 5);
        Assert.True(d.eq(Keras.Random.Dropout(x, 0.25, seed: 5)).all().item<bool>());
        var kept = d.ne(0);
        Assert.Equal(0.75, kept.to_type(ScalarType.Float32).mean().item<float>(), 1);
        Assert.True(d.masked_select(kept).eq(1 / 0.75f).all().item<bool>());
        // noise shape (1, 50): one mask per column, shared by every row.
        var columns = Keras.Random.Dropout(x, 0.5, noiseShape: [1, null], seed: 6);
        Assert.True(columns.eq(columns[0]).all().item<bool>());
        var unseeded = Keras.Random.Dropout(x, 0.5);
        Assert.Equal(0.5, unseeded.ne(0).to_type(ScalarType.Float32).mean().item<float>(), 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Random.Dropout(x, 1.0));
        Assert.Throws<ArgumentException>(() => Keras.Random.Dropout(x, 0.5, noiseShape: [1]));
    }

    [Fact]
    public void ShufflePermutesAlongTheAxis()
    {
        var x = arange(24, ScalarType.Float32).reshape(6, 4);
        var rows = Keras.Random.Shuffle(x, seed: 2);
        Assert.True(rows.eq(Keras.Random.Shuffle(x, seed: 2)).all().item<bool>());
        // Rows move whole: each row is one of x's rows, and all six appear.
        var firsts = rows[.., 0].data<float>().ToArray();
        Assert.Equal(new float[] { 0, 4, 8, 12, 16, 20 }, firsts.OrderBy(v => v).ToArray());
        for (int i = 0; i < 6; i++) Assert.True(rows[i].eq(x[(long)firsts[i] / 4]).all().item<bool>());
        // axis 1: each row is permuted on its own, keeping its values.
        var within = Keras.Random.Shuffle(x, axis: 1, seed: 2);
        Assert.True(within.sort(1).Values.eq(x).all().item<bool>());
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Random.Shuffle(x, axis: 2));
    }

    [Fact]
    public void CategoricalSamplesTheSoftmaxOfTheLogits()
    {
        var logits = tensor(new float[] { 0, MathF.Log(3) }).reshape(1, 2);
        var s = Keras.Random.Categorical(logits, 20000, seed: 8);
        Assert.Equal(new long[] { 1, 20000 }, s.shape);
        Assert.Equal(ScalarType.Int32, s.dtype);
        Assert.Equal(0.75, s.to_type(ScalarType.Float32).mean().item<float>(), 1);
        var error = Assert.Throws<ArgumentException>(() => Keras.Random.Categorical(tensor(new float[] { 0, 1 }), 2));
        Assert.Contains("2-D tensor", error.Message);
    }

    [Fact]
    public void GammaBinomialAndBetaHaveTheirDistributionsMoments()
    {
        var g = Keras.Random.Gamma([20000], alpha: 3, seed: 9);
        Assert.Equal(3.0, g.mean().item<float>(), 1);
        Assert.Equal(3.0, g.var().item<float>(), 0);
        var b = Keras.Random.Binomial([20000], counts: 10, probabilities: 0.3, seed: 10);
        Assert.Equal(3.0, b.mean().item<float>(), 1);
        Assert.True(b.eq(b.round()).all().item<bool>());
        var beta = Keras.Random.Beta([20000], alpha: 2, beta: 6, seed: 11);
        Assert.Equal(0.25, beta.mean().item<float>(), 2);
        Assert.True(beta.min().item<float>() > 0 && beta.max().item<float>() < 1);
        Assert.True(g.eq(Keras.Random.Gamma([20000], alpha: 3, seed: 9)).all().item<bool>());
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Random.Gamma([2], alpha: 0));
    }

    [Fact]
    public void NewRandomStillMeansSystemRandomBesideUsingStaticKeras()
    {
        // Keras.Random is a property, not a nested type: "new Random(seed)" in a file with "using static
        // KerasSharp.Keras;" (as the examples write) still compiles to System.Random.
        var rng = new Random(5);
        Assert.IsType<System.Random>(rng);
        Assert.IsType<KerasRandom>(Keras.Random);
    }
}
