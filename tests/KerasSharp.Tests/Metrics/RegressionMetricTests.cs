using KerasSharp.Metrics;

namespace KerasSharp.Tests.Metrics;

public class MeanMetricTests
{
    [Fact]
    public void WeightedRunningMean()
    {
        var m = new Mean();
        m.UpdateState(M.F([1, 3, 5, 7], 4));                 // total 16, count 4
        Assert.Equal(4.0, m.Result(), 9);
        m.UpdateState(M.F([2, 10], 2), M.F([3, 1], 2));       // total 16 + 6 + 10 = 32, count 4 + 4 = 8
        Assert.Equal(4.0, m.Result(), 9);
        m.UpdateState(M.F([12], 1), M.F([8], 1));             // total 32 + 96 = 128, count 16
        Assert.Equal(8.0, m.Result(), 9);
    }

    [Fact]
    public void WrapperAveragesPerSampleValues()
    {
        // per-sample mean |t - p| = [1, 3]; weights [3, 1] -> (3 + 3)/4 = 1.5; unweighted 2
        var m = new MeanMetricWrapper((t, p) => (t - p).abs().mean([-1L]), "my_mae");
        Assert.Equal("my_mae", m.Name);
        m.UpdateState(M.F([0, 0, 0, 0], 2, 2), M.F([1, 1, 3, 3], 2, 2), M.F([3, 1], 2));
        Assert.Equal(1.5, m.Result(), 6);
        m.ResetState();
        m.UpdateState(M.F([0, 0, 0, 0], 2, 2), M.F([1, 1, 3, 3], 2, 2));
        Assert.Equal(2.0, m.Result(), 6);
    }
}

public class RegressionMetricsTests
{
    [Fact]
    public void MseMaeMapeMsle()
    {
        var yt = M.F([0, 1, 0, 0], 2, 2); var yp = M.F([1, 1, 0, 0], 2, 2);
        var mse = new MeanSquaredErrorMetric(); mse.UpdateState(yt, yp);
        Assert.Equal(0.25, mse.Result(), 6);                  // per sample [0.5, 0] -> 0.25
        var mae = new MeanAbsoluteErrorMetric(); mae.UpdateState(yt, yp);
        Assert.Equal(0.25, mae.Result(), 6);
        var mape = new MeanAbsolutePercentageErrorMetric(); mape.UpdateState(M.F([2, 4], 1, 2), M.F([1, 5], 1, 2));
        Assert.Equal(37.5, mape.Result(), 4);                 // 100 * (0.5 + 0.25)/2
        var msle = new MeanSquaredLogarithmicErrorMetric(); msle.UpdateState(M.F([1], 1, 1), M.F([3], 1, 1));
        Assert.Equal(0.480453, msle.Result(), 5);             // (ln 2 - ln 4)^2
    }

    [Fact]
    public void RootMeanSquaredErrorAcrossBatches()
    {
        var m = new RootMeanSquaredError();
        m.UpdateState(M.F([0, 1, 0, 0], 2, 2), M.F([1, 1, 0, 0], 2, 2));   // squared errors [1,0,0,0] -> sqrt(0.25)
        Assert.Equal(0.5, m.Result(), 6);
        m.UpdateState(M.F([0, 0], 1, 2), M.F([3, 3], 1, 2));                // per-sample means 0.5, 0, 9 -> 9.5/3
        Assert.Equal(Math.Sqrt(9.5 / 3), m.Result(), 6);
    }

    [Fact]
    public void R2ScoreKerasExample()
    {
        // mean 8/3, SS_tot = 14/3, SS_res = 1 + 0 + 1 = 2 -> 1 - 2 / (14/3) = 4/7
        var m = new R2Score();
        m.UpdateState(M.F([1, 4, 3], 3, 1), M.F([2, 4, 4], 3, 1));
        Assert.Equal(4.0 / 7, m.Result(), 5);
        Assert.Throws<ArgumentException>(() => new R2Score().UpdateState(M.F([1, 2, 3], 3), M.F([1, 2, 3], 3)));
    }

    [Fact]
    public void R2ScoreSeveralOutputs()
    {
        // output 0 as above: 4/7 (SS_tot 14/3); output 1: mean 20, SS_tot 200, SS_res 9 -> 0.955
        var yt = M.F([1, 10, 4, 20, 3, 30], 3, 2); var yp = M.F([2, 10, 4, 20, 4, 33], 3, 2);
        var uniform = new R2Score(); uniform.UpdateState(yt, yp);
        Assert.Equal((4.0 / 7 + 0.955) / 2, uniform.Result(), 5);
        var weighted = new R2Score(classAggregation: "variance_weighted_average"); weighted.UpdateState(yt, yp);
        Assert.Equal((4.0 / 7 * 14 / 3 + 0.955 * 200) / (14.0 / 3 + 200), weighted.Result(), 5);
    }

    [Fact]
    public void R2ScoreAdjusted()
    {
        // n = 3 samples, p = 1: 1 - (1 - 4/7) * 2 / 1 = 1/7
        var m = new R2Score(numRegressors: 1);
        m.UpdateState(M.F([1, 4, 3], 3, 1), M.F([2, 4, 4], 3, 1));
        Assert.Equal(1.0 / 7, m.Result(), 5);
    }

    [Fact]
    public void LossNamedMetrics()
    {
        var bce = new BinaryCrossentropyMetric(); bce.UpdateState(M.F([1], 1, 1), M.F([0.8f], 1, 1));
        Assert.Equal(0.2231436, bce.Result(), 5);             // -ln 0.8
        var cce = new CategoricalCrossentropyMetric(); cce.UpdateState(M.F([0, 1, 0], 1, 3), M.F([0.1f, 0.8f, 0.1f], 1, 3));
        Assert.Equal(0.2231436, cce.Result(), 5);
        var scce = new SparseCategoricalCrossentropyMetric(); scce.UpdateState(M.L(1), M.F([0.1f, 0.8f, 0.1f], 1, 3));
        Assert.Equal(0.2231436, scce.Result(), 5);
        var cos = new CosineSimilarityMetric(); cos.UpdateState(M.F([1, 0], 1, 2), M.F([1, 1], 1, 2));
        Assert.Equal(0.7071068, cos.Result(), 5);             // positive, unlike the loss
        var hinge = new HingeMetric(); hinge.UpdateState(M.F([0, 1], 1, 2), M.F([0.3f, 0.4f], 1, 2));
        Assert.Equal(0.95, hinge.Result(), 5);
        var lc = new LogCoshError(); lc.UpdateState(M.F([0], 1, 1), M.F([1], 1, 1));
        Assert.Equal(0.4337808, lc.Result(), 5);
        var kld = new KLDivergenceMetric(); kld.UpdateState(M.F([0.5f, 0.5f], 1, 2), M.F([0.25f, 0.75f], 1, 2));
        Assert.Equal(0.1438410, kld.Result(), 5);
        var poisson = new PoissonMetric(); poisson.UpdateState(M.F([1], 1, 1), M.F([2], 1, 1));
        Assert.Equal(1.3068528, poisson.Result(), 5);
    }
}
