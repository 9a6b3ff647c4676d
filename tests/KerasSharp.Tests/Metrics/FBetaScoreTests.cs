using KerasSharp.Metrics;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// FBetaScore and F1Score: golden values from Keras' keras/src/metrics/f_score_metrics_test.py and the FBetaScore
/// docstring; 2-D sample weights as in keras-team/keras#23335 (weights expanded on the right to the labels' rank).
/// </summary>
public class FBetaScoreTests
{
    // test_fbeta_random_score (threshold 0.66)
    private static readonly float[] RandPred = [0.7f, 0.7f, 0.7f, 1, 0, 0, 0.9f, 0.8f, 0];
    private static readonly float[] RandTrue = [0, 0, 1, 1, 1, 0, 1, 1, 1];
    // test_fbeta_random_score_none (threshold None: row maximum)
    private static readonly float[] NoneTrue = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1];
    private static readonly float[] NonePred = [0.9f, 0.1f, 0, 0.2f, 0.6f, 0.2f, 0, 0, 1, 0.4f, 0.3f, 0.3f, 0, 0.9f, 0.1f, 0, 0, 1];

    private static double[] Run(string? average, double beta, double? threshold, float[] yTrue, float[] yPred, Tensor? w = null)
    {
        var m = new FBetaScore(average, beta, threshold);
        m.UpdateState(M.F(yTrue, yTrue.Length / 3, 3), M.F(yPred, yPred.Length / 3, 3), w);
        return m.ResultValues();
    }

    private static void Close(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        // Keras' test: assertAllClose(atol=1e-6) on float32 results; the golden values are printed with 6-7 digits
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-6, $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void RandomScoreWithThreshold()
    {
        Close([0.71428573, 0.5, 0.833334], Run(null, 0.5, 0.66, RandTrue, RandPred));
        Close([0.8, 0.5, 0.6666667], Run(null, 1.0, 0.66, RandTrue, RandPred));
        Close([0.9090904, 0.5, 0.555556], Run(null, 2.0, 0.66, RandTrue, RandPred));
        Close([0.6666667], Run("micro", 2.0, 0.66, RandTrue, RandPred));
        Close([0.6825397], Run("macro", 0.5, 0.66, RandTrue, RandPred));
        Close([0.6555555], Run("macro", 1.0, 0.66, RandTrue, RandPred));
        Close([0.6548822], Run("weighted", 2.0, 0.66, RandTrue, RandPred));
    }

    [Fact]
    public void RowMaximumWithoutThreshold()
    {
        Close([0.9090904, 0.555556, 1.0], Run(null, 0.5, null, NoneTrue, NonePred));
        Close([0.71428573, 0.833334, 1.0], Run(null, 2.0, null, NoneTrue, NonePred));
        Close([0.833334], Run("micro", 1.0, null, NoneTrue, NonePred));
        Close([0.822222], Run("macro", 1.0, null, NoneTrue, NonePred));
        Close([0.880471], Run("weighted", 0.5, null, NoneTrue, NonePred));
        Close([0.829365], Run("weighted", 2.0, null, NoneTrue, NonePred));
    }

    [Fact]
    public void PerSampleWeights()
    {
        var w = M.F([0.5f, 1, 1, 1, 0.5f, 1], 6);
        Close([0.857143, 0.8, 1.0], Run(null, 1.0, null, NoneTrue, NonePred, w));
        Close([0.9375, 0.714286, 1.0], Run(null, 0.5, null, NoneTrue, NonePred, w));
        Close([0.9], Run("micro", 1.0, null, NoneTrue, NonePred, w));
        Close([0.899522], Run("macro", 2.0, null, NoneTrue, NonePred, w));
        Close([0.917857], Run("weighted", 0.5, null, NoneTrue, NonePred, w));
        Close([1.0, 0.0, 1.0], Run(null, 1.0, null, NoneTrue, NonePred, M.F([1, 0, 1, 1, 0, 1], 6)));
    }

    [Fact]
    public void TwoDimensionalAndScalarSampleWeights()
    {
        // (batch, 1) and a per-element (batch, classes) weight that repeats each sample's weight give the 1-D result.
        var perSample = new float[] { 0.5f, 1, 1, 1, 0.5f, 1 };
        var perElement = perSample.SelectMany(v => new[] { v, v, v }).ToArray();
        Close([0.857143, 0.8, 1.0], Run(null, 1.0, null, NoneTrue, NonePred, M.F(perSample, 6, 1)));
        Close([0.857143, 0.8, 1.0], Run(null, 1.0, null, NoneTrue, NonePred, M.F(perElement, 6, 3)));
        // a scalar weight scales every count: the scores do not change
        Close([0.8, 0.6666667, 1.0], Run(null, 1.0, null, NoneTrue, NonePred, tensor(2f)));
        // per-class weights [1, 2, 3] on the F1Score docstring data (binarised at 0.5: [[0,1,1],[0,1,1],[1,1,0]]):
        // micro TP 1 + 2*2 + 3*1 = 8, FP 2*1 + 3*1 = 5, FN 1*2 = 2 -> P 8/13, R 8/10 -> F1 2PR/(P+R)
        var m = new F1Score(average: "micro", threshold: 0.5);
        m.UpdateState(M.F([1, 1, 1, 1, 0, 0, 1, 1, 0], 3, 3), M.F([0.2f, 0.6f, 0.7f, 0.2f, 0.6f, 0.6f, 0.6f, 0.8f, 0.0f], 3, 3),
            M.F([1, 2, 3, 1, 2, 3, 1, 2, 3], 3, 3));
        double p = 8.0 / 13, r = 0.8;
        Assert.Equal(2 * p * r / (p + r), m.Result(), 5);
    }

    [Fact]
    public void KerasDocExampleBetaTwo()
    {
        var m = new FBetaScore(beta: 2.0, threshold: 0.5);
        m.UpdateState(M.F([1, 1, 1, 1, 0, 0, 1, 1, 0], 3, 3), M.F([0.2f, 0.6f, 0.7f, 0.2f, 0.6f, 0.6f, 0.6f, 0.8f, 0.0f], 3, 3));
        Close([0.3846154, 0.90909094, 0.8333334], m.ResultValues());
        Assert.True(m.ResultIsVector);
        Assert.Equal(m.ResultValues().Average(), m.Result(), 10);
        Assert.False(new FBetaScore(average: "macro").ResultIsVector);
    }

    [Fact]
    public void PerfectAndWorstScores()
    {
        foreach (var avg in new[] { "micro", "macro", "weighted" })
            foreach (var beta in new[] { 0.5, 1.0, 2.0 })
            {
                Close([1.0], Run(avg, beta, 0.66, [1, 1, 1, 1, 0, 0, 1, 1, 0], [0.7f, 0.7f, 0.7f, 1, 0, 0, 0.9f, 0.8f, 0]));
                Close([0.0], Run(avg, beta, 0.66, [0, 0, 0, 0, 1, 0, 0, 0, 1], [0.7f, 0.7f, 0.7f, 1, 0, 0, 0.9f, 0.8f, 0]));
            }
    }

    [Fact]
    public void F1IsFBetaWithBetaOneAndHasNoBetaInItsConfig()
    {
        var f1 = new F1Score(); var fb = new FBetaScore(beta: 1.0);
        f1.UpdateState(M.F(NoneTrue, 6, 3), M.F(NonePred, 6, 3));
        fb.UpdateState(M.F(NoneTrue, 6, 3), M.F(NonePred, 6, 3));
        Close(fb.ResultValues(), f1.ResultValues());
        Assert.False(f1.GetConfig().ContainsKey("beta"));
        var again = Assert.IsType<F1Score>(Keras.Saving.Deserialize<Metric>(Keras.Saving.Serialize(f1)));
        Assert.Null(again.Average);
        var fbeta = Assert.IsType<FBetaScore>(Keras.Saving.Deserialize<Metric>(Keras.Saving.Serialize(new FBetaScore(beta: 0.5, threshold: 0.3))));
        Assert.Equal((0.5, 0.3, (string?)null, "fbeta_score"), (fbeta.Beta, fbeta.Threshold!.Value, fbeta.Average, fbeta.Name));
    }

    [Fact]
    public void InvalidArguments()
    {
        Assert.Contains("Invalid `average` argument value. Expected one of: {None, 'micro', 'macro', 'weighted'}. Received: average=invalid_average",
            Assert.Throws<ArgumentException>(() => new FBetaScore(average: "invalid_average")).Message);
        Assert.Contains("Invalid `beta` argument value. It should be > 0. Received: beta=0.0",
            Assert.Throws<ArgumentOutOfRangeException>(() => new FBetaScore(beta: 0.0)).Message);
        Assert.Contains("Received: beta=-0.5", Assert.Throws<ArgumentOutOfRangeException>(() => new FBetaScore(beta: -0.5)).Message);
        Assert.Contains("Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold=1.1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new FBetaScore(threshold: 1.1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new F1Score(threshold: 0.0));
        var e = Assert.Throws<ArgumentException>(() => new FBetaScore().UpdateState(zeros(2, 3, 4), zeros(2, 3, 4)));
        Assert.Contains("FBetaScore expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape=(2, 3, 4) and y_true.shape=(2, 3, 4).", e.Message);
    }
}
