using KerasSharp.Metrics;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// R2Score with <c>class_aggregation=None</c> and the adjusted score's sample count: golden values from Keras'
/// keras/src/metrics/regression_metrics_test.py (test_r2_sklearn_comparison, test_r2_tfa_comparison) with the sample
/// count of keras-team/keras#23334 (the per-output sum of sample weights, averaged over outputs).
/// </summary>
public class R2ScoreTests
{
    private static readonly float[] YTrue = [0, 0, 1, 0, 1, 0, 1, 0, 0];

    private static R2Score Run(string? aggregation, int regressors, float[] yPred, float[]? weights)
    {
        var m = new R2Score(aggregation, regressors);
        m.UpdateState(M.F(YTrue, 3, 3), M.F(yPred, 3, 3), weights is null ? null : M.F(weights, 3));
        return m;
    }

    private static void Close(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 4);
    }

    [Fact]
    public void SklearnComparison()
    {
        float[] pred = [0.4f, 0.5f, 0.6f, 0.1f, 0.2f, 0.3f, 0.5f, 0.8f, 0.2f];
        var none = Run(null, 0, pred, null);
        Assert.True(none.ResultIsVector);
        Close([0.37, -1.295, 0.565], none.ResultValues());
        Assert.Equal((0.37 - 1.295 + 0.565) / 3, none.Result(), 4);
        Assert.Equal(-0.12, Run("uniform_average", 0, pred, null).Result(), 4);
        Assert.Equal(-0.12, Run("variance_weighted_average", 0, pred, null).Result(), 4);
        Assert.False(new R2Score().ResultIsVector);
    }

    [Fact]
    public void WeightedAndAdjustedWithKerasSampleCount()
    {
        float[] pred = [0.4f, 0.9f, 1.6f, 0.1f, 1.2f, 0.6f, 1.5f, 0.8f, 0.6f];
        float[] w = [0.8f, 0.1f, 0.4f];
        Close([0.17305559, -8.836666, -0.521], Run(null, 0, pred, w).ResultValues());
        Assert.Equal(-3.0615367889404297, Run("uniform_average", 0, pred, w).Result(), 4);
        Assert.Equal(-1.3710224628448486, Run("variance_weighted_average", 0, pred, w).Result(), 4);
        // n = 0.8 + 0.1 + 0.4 = 1.3 <= p + 1: Keras falls back to the plain score
        Close([0.17305559, -8.836666, -0.521], Run(null, 1, pred, w).ResultValues());
        Assert.Equal(-3.0615367889404297, Run("uniform_average", 2, pred, w).Result(), 4);
        Assert.Equal(-1.3710224628448486, Run("variance_weighted_average", 1, pred, w).Result(), 4);
    }

    [Fact]
    public void AdjustedScoreCountsRowsNotElements()
    {
        // 4 rows x 2 outputs unweighted: n = 4 (ops.size would give 8). Output scores r0, r1; p = 1:
        // 1 - (1 - r) * 3 / 2 per output, then aggregated.
        var yt = M.F([1, 10, 4, 20, 3, 30, 2, 25], 4, 2); var yp = M.F([2, 10, 4, 20, 4, 33, 2, 24], 4, 2);
        var plain = new R2Score(classAggregation: null); plain.UpdateState(yt, yp);
        var r = plain.ResultValues();
        var adjusted = new R2Score(classAggregation: null, numRegressors: 1); adjusted.UpdateState(yt, yp);
        Close(r.Select(v => 1 - (1 - v) * 3 / 2).ToArray(), adjusted.ResultValues());
        // p = 3 = n - 1: Keras falls back to the plain score
        var fallback = new R2Score(numRegressors: 3); fallback.UpdateState(yt, yp);
        Assert.Equal(r.Average(), fallback.Result(), 6);
    }

    [Fact]
    public void ArgumentsAndConfig()
    {
        Assert.Contains("Invalid value for argument `class_aggregation`",
            Assert.Throws<ArgumentException>(() => new R2Score(classAggregation: "invalid")).Message);
        Assert.Contains("Expected a value >= 0. Received: num_regressors=-1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new R2Score(numRegressors: -1)).Message);
        var e = Assert.Throws<ArgumentException>(() => new R2Score().UpdateState(M.F([1, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2), M.F([1, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2)));
        Assert.Contains("R2Score expects 2D inputs with shape (batch_size, output_dim).", e.Message);
        // Keras' test_config: class_aggregation None and num_regressors 2 survive
        var again = Assert.IsType<R2Score>(Keras.Saving.Deserialize<Metric>(Keras.Saving.Serialize(new R2Score(null, 2))));
        Assert.Null(again.ClassAggregation);
        Assert.Equal(2, again.NumRegressors);
        Assert.True(again.ResultIsVector);
    }
}
