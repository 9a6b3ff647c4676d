using KerasSharp.Initializers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Initializers;

/// <summary>Sample statistics in float64.</summary>
internal static class Stats
{
    public static double[] Values(Tensor t) => t.to_type(ScalarType.Float64).cpu().data<double>().ToArray();

    public static double Mean(double[] v) => v.Average();

    public static double Variance(double[] v)
    {
        double m = Mean(v);
        return v.Sum(x => (x - m) * (x - m)) / v.Length;
    }

    public static double Kurtosis(double[] v)
    {
        double m = Mean(v), var = Variance(v);
        return v.Sum(x => Math.Pow(x - m, 4)) / v.Length / (var * var);
    }

    public static double FractionWithin(double[] v, double bound) => v.Count(x => Math.Abs(x) < bound) / (double)v.Length;

    public static double MaxAbs(double[] v) => v.Max(Math.Abs);
}

[Collection(GlobalState.Name)]

public class VarianceScalingFamilyTests
{
    // 400 x 400 Dense kernel: fan_in = fan_out = 400.
    private static double[] Draw(Initializer init, params long[] shape)
    {
        manual_seed(42);
        using var w = init.Call(shape);
        return Stats.Values(w);
    }

    [Fact]
    public void GlorotUniformBoundAndVariance()
    {
        var v = Draw(new GlorotUniform(), 400, 400);
        double limit = Math.Sqrt(6.0 / 800); // sqrt(6 / (fan_in + fan_out)) = 0.0866
        Assert.True(Stats.MaxAbs(v) <= limit, $"max |w| {Stats.MaxAbs(v)} > {limit}");
        Assert.True(Stats.MaxAbs(v) > 0.99 * limit); // really reaches the bound
        Assert.Equal(2.0 / 800, Stats.Variance(v), 0.05 * 2.0 / 800); // limit^2 / 3 = 2 / (fan_in + fan_out)
        Assert.Equal(0.0, Stats.Mean(v), 0.001);
    }

    [Fact]
    public void GlorotNormalIsATruncatedNormal()
    {
        var v = Draw(new GlorotNormal(), 400, 400);
        double sigma = Math.Sqrt(2.0 / 800) / 0.87962566103423978; // stddev before truncation
        Assert.True(Stats.MaxAbs(v) <= 2 * sigma + 1e-7, $"max |w| {Stats.MaxAbs(v)} > 2 sigma {2 * sigma}");
        Assert.Equal(2.0 / 800, Stats.Variance(v), 0.05 * 2.0 / 800); // variance after truncation = 2 / (fan_in + fan_out)
        // Normal-shaped: P(|z| < 1 | |z| < 2) = 0.6826895 / 0.9544997 = 0.71523 (a uniform on [-2s, 2s] would give 0.5).
        Assert.Equal(0.7152327720109061, Stats.FractionWithin(v, sigma), 0.01);
        // Kurtosis of a normal truncated at +-2: E[z^4] / E[z^2]^2 = (3 - 28 phi(2) / Z) / (1 - 4 phi(2) / Z)^2 = 2.3655 (uniform: 1.8, normal: 3).
        Assert.Equal(2.3655, Stats.Kurtosis(v), 0.05);
    }

    [Fact]
    public void UntruncatedNormalIsNormal()
    {
        var v = Draw(new VarianceScaling(scale: 1.0, mode: "fan_avg", distribution: "untruncated_normal"), 400, 400);
        double sigma = Math.Sqrt(2.0 / 800);
        Assert.Equal(2.0 / 800, Stats.Variance(v), 0.05 * 2.0 / 800);
        Assert.Equal(0.6826894921370859, Stats.FractionWithin(v, sigma), 0.01); // P(|z| < 1)
        Assert.Equal(3.0, Stats.Kurtosis(v), 0.1);
        Assert.True(Stats.MaxAbs(v) > 3 * sigma); // not truncated
    }

    [Fact]
    public void HeNormalVarianceIsTwoOverFanIn()
    {
        var v = Draw(new HeNormal(), 400, 600);
        Assert.Equal(2.0 / 400, Stats.Variance(v), 0.05 * 2.0 / 400);
        Assert.True(Stats.MaxAbs(v) <= 2 * Math.Sqrt(2.0 / 400) / 0.87962566103423978 + 1e-7);
    }

    [Fact]
    public void HeUniformBoundIsSqrtSixOverFanIn()
    {
        var v = Draw(new HeUniform(), 400, 600);
        double limit = Math.Sqrt(6.0 / 400);
        Assert.True(Stats.MaxAbs(v) <= limit);
        Assert.Equal(2.0 / 400, Stats.Variance(v), 0.05 * 2.0 / 400);
    }

    [Fact]
    public void LecunUniformAndNormal()
    {
        var u = Draw(new LecunUniform(), 400, 600);
        Assert.True(Stats.MaxAbs(u) <= Math.Sqrt(3.0 / 400));
        Assert.Equal(1.0 / 400, Stats.Variance(u), 0.05 / 400);
        var n = Draw(new LecunNormal(), 400, 600);
        Assert.Equal(1.0 / 400, Stats.Variance(n), 0.05 / 400);
    }

    [Fact]
    public void ConvKernelFansFollowKeras()
    {
        // (kh, kw, in, out) = (3, 3, 16, 32): receptive field 9, fan_in = 9 * 16 = 144, fan_out = 9 * 32 = 288
        Assert.Equal((144.0, 288.0), Initializer.ComputeFans([3, 3, 16, 32]));
        // (3, 3, 64, 128): fan_in = 576, fan_out = 1152; He uniform limit sqrt(6 / 576), variance 2 / 576
        var v = Draw(new HeUniform(), 3, 3, 64, 128);
        Assert.True(Stats.MaxAbs(v) <= Math.Sqrt(6.0 / 576));
        Assert.True(Stats.MaxAbs(v) > 0.99 * Math.Sqrt(6.0 / 576));
        Assert.Equal(2.0 / 576, Stats.Variance(v), 0.05 * 2.0 / 576);
        // Glorot on the same shape: variance 2 / (576 + 1152)
        var g = Draw(new GlorotUniform(), 3, 3, 64, 128);
        Assert.Equal(2.0 / 1728, Stats.Variance(g), 0.05 * 2.0 / 1728);
    }

    [Fact]
    public void FanOutAndScale()
    {
        // (200, 800), fan_out: variance = 3 / 800, limit sqrt(3 * 3 / 800)
        var v = Draw(new VarianceScaling(scale: 3.0, mode: "fan_out", distribution: "uniform"), 200, 800);
        Assert.True(Stats.MaxAbs(v) <= Math.Sqrt(9.0 / 800));
        Assert.Equal(3.0 / 800, Stats.Variance(v), 0.05 * 3.0 / 800);
    }

    [Fact]
    public void SmallFansAreClampedToOne()
    {
        // shape () -> fans (1, 1); fan_in = max(1, 1): He uniform limit sqrt(6)
        using var w = new HeUniform().Call([]);
        Assert.Empty(w.shape);
        Assert.True(Math.Abs(w.item<float>()) <= Math.Sqrt(6.0));
    }

    [Fact]
    public void VarianceScalingDefaultsAndValidation()
    {
        var vs = new VarianceScaling();
        Assert.Equal(1.0, vs.Scale);
        Assert.Equal("fan_in", vs.Mode);
        Assert.Equal("truncated_normal", vs.Distribution);
        Assert.Equal("truncated_normal", new VarianceScaling(distribution: "Normal").Distribution); // Keras' alias
        Assert.Equal("uniform", new VarianceScaling(distribution: "UNIFORM").Distribution);

        var scale = Assert.Throws<ArgumentOutOfRangeException>(() => new VarianceScaling(scale: 0));
        Assert.Equal("scale", scale.ParamName);
        var mode = Assert.Throws<ArgumentException>(() => new VarianceScaling(mode: "fan_sum"));
        Assert.Equal("mode", mode.ParamName);
        Assert.Contains("fan_sum", mode.Message);
        Assert.Contains("fan_avg", mode.Message);
        var dist = Assert.Throws<ArgumentException>(() => new VarianceScaling(distribution: "gamma"));
        Assert.Equal("distribution", dist.ParamName);
        Assert.Contains("untruncated_normal", dist.Message);
    }

    [Fact]
    public void ConfigKeysAsKeras()
    {
        foreach (Initializer init in new Initializer[] { new GlorotUniform(), new GlorotNormal(), new HeUniform(), new HeNormal(), new LecunUniform(), new LecunNormal() })
        {
            var c = init.GetConfig();
            Assert.Equal(["seed"], c.Keys);
            Assert.Null(c["seed"]);
        }
        Assert.Equal(7L, new GlorotUniform(seed: 7).GetConfig()["seed"]);

        var vs = new VarianceScaling(2.0, "fan_avg", "uniform", seed: 3).GetConfig();
        Assert.Equal(["scale", "mode", "distribution", "seed"], vs.Keys);
        Assert.Equal(3L, vs["seed"]);
        Assert.Equal(2.0, vs["scale"]);
        Assert.Equal("fan_avg", vs["mode"]);
        Assert.Equal("uniform", vs["distribution"]);
    }
}

[Collection(GlobalState.Name)]

public class DistributionInitializersTests
{
    [Fact]
    public void RandomUniformDefaultsAndRange()
    {
        var init = new RandomUniform();
        Assert.Equal(-0.05, init.Minval);
        Assert.Equal(0.05, init.Maxval);
        manual_seed(3);
        using var w = init.Call([300, 300]);
        var v = Stats.Values(w);
        Assert.True(v.All(x => x >= -0.05 && x < 0.05));
        Assert.Equal(0.01 / 12, Stats.Variance(v), 0.05 * 0.01 / 12); // (max - min)^2 / 12

        using var custom = new RandomUniform(2, 3).Call([1000]);
        Assert.True(Stats.Values(custom).All(x => x >= 2 && x < 3));
    }

    [Fact]
    public void RandomUniformRejectsInvertedBounds()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RandomUniform(1, 0));
        Assert.Equal("maxval", ex.ParamName);
    }

    [Fact]
    public void RandomNormalMeanAndStddev()
    {
        var init = new RandomNormal();
        Assert.Equal(0.0, init.Mean);
        Assert.Equal(0.05, init.Stddev);
        manual_seed(4);
        using var w = new RandomNormal(mean: 1.0, stddev: 2.0).Call([300, 300]);
        var v = Stats.Values(w);
        Assert.Equal(1.0, Stats.Mean(v), 0.03);
        Assert.Equal(4.0, Stats.Variance(v), 0.05 * 4.0);
        Assert.Equal(3.0, Stats.Kurtosis(v), 0.1);
    }

    [Fact]
    public void TruncatedNormalStaysWithinTwoStddev()
    {
        var init = new TruncatedNormal();
        Assert.Equal(0.0, init.Mean);
        Assert.Equal(0.05, init.Stddev);
        manual_seed(5);
        using var w = new TruncatedNormal(mean: 1.0, stddev: 0.5).Call([300, 300]);
        var v = Stats.Values(w);
        Assert.True(v.All(x => x >= 1.0 - 1.0 - 1e-6 && x <= 1.0 + 1.0 + 1e-6));
        Assert.Equal(1.0, Stats.Mean(v), 0.01);
        // stddev after truncation at 2: 0.5 * 0.87962566103423978
        Assert.Equal(0.5 * 0.87962566103423978, Math.Sqrt(Stats.Variance(v)), 0.01);
        Assert.True(Stats.Values(w).Max() > 1.0 + 0.9); // reaches near the bound
    }

    [Fact]
    public void ConfigKeysAsKeras()
    {
        var u = new RandomUniform(-1, 2, seed: 9).GetConfig();
        Assert.Equal(["minval", "maxval", "seed"], u.Keys);
        Assert.Equal(9L, u["seed"]);
        Assert.Equal(-1.0, u["minval"]);
        Assert.Equal(2.0, u["maxval"]);
        var n = new RandomNormal().GetConfig();
        Assert.Equal(["mean", "stddev", "seed"], n.Keys);
        Assert.Null(n["seed"]);
        Assert.Equal(0.05, n["stddev"]);
        Assert.Equal(["mean", "stddev", "seed"], new TruncatedNormal().GetConfig().Keys);
        var o = new Orthogonal(gain: 2).GetConfig();
        Assert.Equal(["gain", "seed"], o.Keys);
        Assert.Equal(2.0, o["gain"]);
    }

    [Fact]
    public void NegativeStddevRejected()
    {
        Assert.Equal("stddev", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomNormal(stddev: -1)).ParamName);
        Assert.Equal("stddev", Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedNormal(stddev: -1)).ParamName);
    }
}

[Collection(GlobalState.Name)]

public class OrthogonalTests
{
    private static void AssertOrthonormalColumns(Tensor w, double gainSquared = 1.0)
    {
        using var g = w.to_type(ScalarType.Float64).t().matmul(w.to_type(ScalarType.Float64));
        using var expected = eye(g.shape[0], dtype: ScalarType.Float64) * gainSquared;
        TensorAssert.Close(expected, g, 1e-5);
    }

    [Fact]
    public void SquareIsOrthogonal()
    {
        using var w = new Orthogonal().Call([50, 50]);
        AssertOrthonormalColumns(w);
        AssertOrthonormalColumns(w.t()); // W W^T = I too
    }

    [Fact]
    public void TallHasOrthonormalColumnsAndWideHasOrthonormalRows()
    {
        using var tall = new Orthogonal().Call([60, 20]);
        AssertOrthonormalColumns(tall);
        using var wide = new Orthogonal().Call([20, 60]);
        AssertOrthonormalColumns(wide.t());
    }

    [Fact]
    public void HigherRankIsFlattenedToRowsTimesLastDim()
    {
        using var w = new Orthogonal().Call([3, 3, 4, 8]);
        TensorAssert.HasShape([3, 3, 4, 8], w);
        AssertOrthonormalColumns(w.reshape(36, 8));
    }

    [Fact]
    public void GainScales()
    {
        using var w = new Orthogonal(gain: 2.0).Call([10, 10]);
        AssertOrthonormalColumns(w, 4.0); // (2Q)^T (2Q) = 4 I
    }

    [Fact]
    public void RankBelowTwoRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Orthogonal().Call([5]));
        Assert.Equal("shape", ex.ParamName);
        Assert.Contains("rank 1", ex.Message);
    }
}

[Collection(GlobalState.Name)]

public class SeedingTests
{
    public static IEnumerable<object[]> RandomInitializers() =>
    [
        [new GlorotUniform()], [new GlorotNormal()], [new HeNormal()], [new VarianceScaling(distribution: "untruncated_normal")],
        [new RandomUniform()], [new RandomNormal()], [new TruncatedNormal()], [new Orthogonal()],
    ];

    [Theory]
    [MemberData(nameof(RandomInitializers))]
    public void ManualSeedReproducesDraws(Initializer init)
    {
        manual_seed(1);
        using var a = init.Call([20, 30]);
        using var b = init.Call([20, 30]);
        manual_seed(1);
        using var c = init.Call([20, 30]);
        Assert.False(a.eq(b).all().item<bool>(), "consecutive unseeded draws should differ");
        Assert.True(a.eq(c).all().item<bool>(), "torch.manual_seed(1) twice should give identical draws");
    }

    [Fact]
    public void SeededInitializerGivesSameValuesEveryCallAndIgnoresGlobalGenerator()
    {
        var init = new GlorotNormal(seed: 123);
        manual_seed(1);
        using var a = init.Call([10, 10]);
        manual_seed(2);
        using var b = init.Call([10, 10]);
        Assert.True(a.eq(b).all().item<bool>());
        using var other = new GlorotNormal(seed: 124).Call([10, 10]);
        Assert.False(a.eq(other).all().item<bool>());
    }
}
