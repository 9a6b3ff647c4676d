using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Normalization;

[Collection(GlobalState.Name)]

public class LayerNormalizationTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new LayerNormalization(), [2, 5], [2, 5], trainableWeights: 2);
        LayerTest.Run(() => new LayerNormalization(axis: new[] { 1, 2 }), [2, 3, 4], [2, 3, 4], trainableWeights: 2);
        LayerTest.Run(() => new LayerNormalization(rmsScaling: true), [2, 5], [2, 5], trainableWeights: 1);
    }

    [Fact]
    public void NormalisesEachSampleOverTheLastAxisThenGammaBeta()
    {
        var ln = new LayerNormalization();
        ln.EnsureBuilt([null, 3]);
        using (no_grad())
        {
            ln.Gamma!.copy_(tensor(new float[] { 1, 2, 3 }));
            ln.Beta!.copy_(tensor(new float[] { 0, 1, 0 }));
        }
        var y = ln.Apply(tensor(new float[] { 1, 2, 3, 2, 4, 6 }).reshape(2, 3));
        // row 1: mean 2, biased variance 2/3; row 2: mean 4, variance 8/3. y = gamma * (x - mean) / sqrt(var + 1e-3) + beta
        double s1 = Math.Sqrt(2.0 / 3 + 1e-3), s2 = Math.Sqrt(8.0 / 3 + 1e-3);
        TensorAssert.Close([-1 / s1, 1, 3 / s1, -2 / s2, 1, 3 * 2 / s2], y, 1e-5);
        Assert.Equal(new long[] { 3 }, ln.Gamma.shape);
    }

    [Fact]
    public void SeveralAxesGammaSpansThem()
    {
        var ln = new LayerNormalization(axis: new[] { 1, 2 });
        var x = arange(12, ScalarType.Float32).reshape(1, 3, 4);
        var y = ln.Apply(x);
        Assert.Equal(new long[] { 3, 4 }, ln.Gamma!.shape);
        // values 0..11: mean 5.5, biased variance (12^2 - 1) / 12 = 11.9166...
        double s = Math.Sqrt(143.0 / 12 + 1e-3);
        TensorAssert.Close(-5.5 / s, y[0, 0, 0], 1e-5);
        TensorAssert.Close(5.5 / s, y[0, 2, 3], 1e-5);
    }

    [Fact]
    public void RmsScalingScalesTheUncentredInputByTheCentredVariance()
    {
        // Keras (corpus README quirk 12): y = x * rsqrt(var(x) + epsilon) * gamma, var centred, x not centred, no beta.
        var ln = new LayerNormalization(rmsScaling: true);
        ln.EnsureBuilt([null, 2]);
        using (no_grad()) ln.Gamma!.copy_(tensor(new float[] { 2, 0.5f }));
        var y = ln.Apply(tensor(new float[] { 3, 4, -1, 5 }).reshape(2, 2));
        // row 1: mean 3.5, var 0.25; row 2: mean 2, var 9 (mean(x^2) would be 12.5 and 13: a different answer)
        double s1 = Math.Sqrt(0.25 + 1e-3), s2 = Math.Sqrt(9 + 1e-3);
        TensorAssert.Close([3 / s1 * 2, 4 / s1 * 0.5, -1 / s2 * 2, 5 / s2 * 0.5], y, 1e-5);
        Assert.Null(ln.Beta);
    }

    [Fact]
    public void RmsScalingSeveralAxesUsesTheVarianceOverAllOfThem()
    {
        var ln = new LayerNormalization(axis: new[] { 1, 2 }, epsilon: 1e-4, rmsScaling: true);
        var x = tensor(new float[] { 1, 2, 3, 4, 5, 7 }).reshape(1, 2, 3);
        var y = ln.Apply(x);
        Assert.Equal(new long[] { 2, 3 }, ln.Gamma!.shape);
        // mean 22/6, population variance = mean(x^2) - mean^2 = 104/6 - (22/6)^2
        double mean = 22.0 / 6, variance = 104.0 / 6 - mean * mean, inv = 1 / Math.Sqrt(variance + 1e-4);
        TensorAssert.Close([1 * inv, 2 * inv, 3 * inv, 4 * inv, 5 * inv, 7 * inv], y, 1e-5);
    }

    [Fact]
    public void ConfigAndBadArguments()
    {
        var config = new LayerNormalization().GetConfig();
        Assert.Equal(new List<int> { -1 }, config["axis"]);   // Keras writes [-1] (corpus layernorm_axes)
        Assert.Equal(1e-3, config["epsilon"]);
        Assert.Equal(false, config["rms_scaling"]);
        Assert.Equal(new List<int> { 1, 2 }, new LayerNormalization(axis: new[] { 1, 2 }).GetConfig()["axis"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayerNormalization(epsilon: -1));
        var ln = new LayerNormalization(axis: 4);
        var ex = Assert.Throws<ArgumentException>(() => ln.Apply(zeros(2, 3)));
        Assert.Contains("axis 4", ex.Message);
    }
}

[Collection(GlobalState.Name)]

public class GroupNormalizationTests
{
    [Fact]
    public void Harness() =>
        LayerTest.Run(() => new GroupNormalization(groups: 2), [2, 3, 4], [2, 3, 4], trainableWeights: 2);

    [Fact]
    public void NormalisesEachGroupOfChannels()
    {
        var gn = new GroupNormalization(groups: 2);
        // channels [1, 3 | 2, 6]: group 0 mean 2, variance 1; group 1 mean 4, variance 4.
        var y = gn.Apply(tensor(new float[] { 1, 3, 2, 6 }).reshape(1, 1, 4));
        double a = 1 / Math.Sqrt(1 + 1e-3), b = 2 / Math.Sqrt(4 + 1e-3);
        TensorAssert.Close([-a, a, -b, b], y, 1e-5);
        Assert.Equal(new long[] { 4 }, gn.Gamma!.shape);
    }

    [Fact]
    public void GroupStatisticsIncludeSpatialAxesAndGammaIsPerChannel()
    {
        var gn = new GroupNormalization(groups: 1);
        gn.EnsureBuilt([null, 2, 2]);
        using (no_grad()) gn.Gamma!.copy_(tensor(new float[] { 1, 10 }));
        // one group over all four values 0, 1, 2, 3: mean 1.5, variance 1.25; channel 1 scaled by 10.
        var y = gn.Apply(arange(4, ScalarType.Float32).reshape(1, 2, 2));
        double s = Math.Sqrt(1.25 + 1e-3);
        TensorAssert.Close([-1.5 / s, 10 * -0.5 / s, 0.5 / s, 10 * 1.5 / s], y, 1e-5);
    }

    [Fact]
    public void MinusOneGroupsIsInstanceNormalisation()
    {
        var gn = new GroupNormalization(groups: -1);
        var x = randn(2, 5, 3);
        var y = gn.Apply(x);
        TensorAssert.Close(new double[6], y.mean([1L]).reshape(-1), 1e-5);
        Assert.Equal(-1, gn.GetConfig()["groups"]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GroupNormalization(groups: 0));
        Assert.Contains("groups", ex.Message);
        var notDivisible = Assert.Throws<ArgumentException>(() => new GroupNormalization(groups: 3).Apply(zeros(2, 4)));
        Assert.Contains("multiple", notDivisible.Message);
        var tooMany = Assert.Throws<ArgumentException>(() => new GroupNormalization().Apply(zeros(2, 4)));
        Assert.Contains("(32)", tooMany.Message);
    }
}

[Collection(GlobalState.Name)]

public class UnitNormalizationTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new UnitNormalization(), [2, 3], [2, 3]);

    [Fact]
    public void ScalesToUnitL2NormAndKeepsZeros()
    {
        var y = new UnitNormalization().Apply(tensor(new float[] { 3, 4, 0, 0 }).reshape(2, 2));
        // [3, 4] / 5; the zero row stays zero (norm floored at 1e-12 squared).
        TensorAssert.Close([0.6, 0.8, 0, 0], y, 1e-6);
    }

    [Fact]
    public void SeveralAxes()
    {
        var layer = new UnitNormalization(axis: new[] { 1, 2 });
        var y = layer.Apply(ones(1, 2, 2));
        TensorAssert.Close([0.5, 0.5, 0.5, 0.5], y, 1e-6);
        Assert.Equal(new List<int> { 1, 2 }, layer.GetConfig()["axis"]);
        Assert.Equal(-1, new UnitNormalization().GetConfig()["axis"]);
    }
}
