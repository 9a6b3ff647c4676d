using KerasSharp.Metrics;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// Precision and Recall with lists of thresholds, top_k and class_id: golden values from Keras'
/// keras/src/metrics/confusion_metrics_test.py (PrecisionTest, RecallTest).
/// </summary>
public class PrecisionRecallThresholdTests
{
    [Fact]
    public void UnweightedWeightedAndDivisionByZero()
    {
        var p = new Precision(); p.UpdateState(M.F([0, 1, 1, 0], 4), M.F([1, 0, 1, 0], 4));
        Assert.Equal(0.5, p.Result(), 6);
        var r = new Recall(); r.UpdateState(M.F([0, 1, 1, 0], 4), M.F([1, 0, 1, 0], 4));
        Assert.Equal(0.5, r.Result(), 6);
        // weighted TP 3 + 4 over predicted positives (1 + 3) + (4 + 2)
        var pw = new Precision();
        pw.UpdateState(M.F([0, 1, 1, 0, 1, 0, 0, 1], 2, 4), M.F([1, 0, 1, 0, 1, 0, 1, 0], 2, 4), M.F([1, 2, 3, 4, 4, 3, 2, 1], 2, 4));
        Assert.Equal(7.0 / 10, pw.Result(), 6);
        // weighted TP 3 + 1 over positives (2 + 3) + (4 + 1)
        var rw = new Recall();
        rw.UpdateState(M.F([0, 1, 1, 0, 1, 0, 0, 1], 2, 4), M.F([1, 0, 1, 0, 0, 1, 0, 1], 2, 4), M.F([1, 2, 3, 4, 4, 3, 2, 1], 2, 4));
        Assert.Equal(4.0 / 10, rw.Result(), 6);
        var zero = new Precision(); zero.UpdateState(M.F([0, 0, 0, 0], 4), M.F([0, 0, 0, 0], 4));
        Assert.Equal(0.0, zero.Result());
    }

    [Fact]
    public void ListOfThresholdsGivesOneValuePerThreshold()
    {
        var p = new Precision([0.5, 0.7]);
        p.UpdateState(M.F([0, 1, 1, 0], 4), M.F([1, 0, 0.6f, 0], 4));
        Assert.True(p.ResultIsVector);
        Assert.Equal([0.5, 0.0], p.ResultValues());
        Assert.Equal(0.25, p.Result(), 6);
        var r = new Recall([0.5, 0.7]);
        r.UpdateState(M.F([0, 1, 1, 0], 4), M.F([1, 0, 0.6f, 0], 4));
        Assert.Equal([0.5, 0.0], r.ResultValues());
    }

    [Fact]
    public void WeightedWithThresholdsOverSeveralUpdates()
    {
        // Keras test_weighted_with_threshold / test_multiple_updates: [3/7, 0] after one or two identical updates.
        var yt = M.F([0, 1, 1, 0], 2, 2); var yp = M.F([1, 0, 0.6f, 0], 2, 2);
        var p = new Precision([0.5, 1.0]);
        p.UpdateState(yt, yp, M.F([4, 0, 3, 1], 2, 2));
        AssertClose([3.0 / 7, 0.0], p.ResultValues());
        p.UpdateState(yt, yp, M.F([4, 0, 3, 1], 2, 2));
        AssertClose([3.0 / 7, 0.0], p.ResultValues());
        var r = new Recall([0.5, 1.0]);
        r.UpdateState(yt, yp, M.F([1, 4, 3, 2], 2, 2));
        r.UpdateState(yt, yp, M.F([1, 4, 3, 2], 2, 2));
        AssertClose([3.0 / 7, 0.0], r.ResultValues());
    }

    [Fact]
    public void SingleThresholdInAListIsAScalar()
    {
        // Keras returns result[0] when there is one threshold.
        var p = new Precision([0.5]);
        p.UpdateState(M.F([1, 0, 1], 3), M.F([0, 1, 0], 3));
        Assert.False(p.ResultIsVector);
        Assert.Equal([0.0], p.ResultValues());
    }

    [Fact]
    public void TopK()
    {
        var p = new Precision(topK: 3);
        p.UpdateState(M.F([0, 1, 1, 0, 0], 5), M.F([0.2f, 0.1f, 0.5f, 0, 0.2f], 5));
        Assert.Equal(1.0 / 3, p.Result(), 6);
        var r = new Recall(topK: 3);
        r.UpdateState(M.F([0, 1, 1, 0, 0], 5), M.F([0.2f, 0.1f, 0.5f, 0, 0.2f], 5));
        Assert.Equal(0.5, r.Result(), 6);
    }

    [Fact]
    public void WeightedTopKOverTwoBatches()
    {
        // Keras test_weighted_top_k: precision (2 + 5 + 3 + 3) / (1 + 2 + 5 + 3 + 3 + 3) = 13/17,
        // recall 13 / ((4 + 2 + 5) + (3 + 3 + 3 + 3)) = 13/23
        foreach (var (metric, expected) in new (Metric, double)[] { (new Precision(topK: 3), 13.0 / 17), (new Recall(topK: 3), 13.0 / 23) })
        {
            metric.UpdateState(M.F([0, 1, 1, 0, 1], 1, 5), M.F([0.2f, 0.1f, 0.4f, 0, 0.2f], 1, 5), M.F([1, 4, 2, 3, 5], 1, 5));
            metric.UpdateState(M.F([1, 0, 1, 1, 1], 5), M.F([0.2f, 0.6f, 0.4f, 0.2f, 0.2f], 5), tensor(3f));
            Assert.Equal(expected, metric.Result(), 6);
        }
    }

    [Fact]
    public void TopKAndThreshold()
    {
        // top 2 of [0.2, 0.8, 0.6, 0, 0.2] are 0.8 and 0.6; only 0.8 is above 0.7
        var p = new Precision(thresholds: 0.7, topK: 2);
        p.UpdateState(M.F([0, 1, 1, 0, 1], 5), M.F([0.2f, 0.8f, 0.6f, 0, 0.2f], 5));
        Assert.Equal(1.0, p.Result(), 6);
        var r = new Recall(thresholds: 0.7, topK: 2);
        r.UpdateState(M.F([1, 1, 1, 0, 1], 5), M.F([0.2f, 0.8f, 0.6f, 0, 0.2f], 5));
        Assert.Equal(0.25, r.Result(), 6);
    }

    [Fact]
    public void ClassIdScoresOneColumn()
    {
        var yp = M.F([0.1f, 0.2f, 0.7f, 0.5f, 0.3f, 0.2f, 0.2f, 0.6f, 0.2f, 0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f], 5, 3);
        var yt = M.F([0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1], 5, 3);
        var p = new Precision(classId: 1); p.UpdateState(yt, yp);
        Assert.Equal(1.0, p.Result(), 6);
        var r = new Recall(classId: 1); r.UpdateState(yt, yp);
        Assert.Equal(1.0, r.Result(), 6);
    }

    [Fact]
    public void ClassIdNeedsTwoDimensionalPredictions()
    {
        var e = Assert.Throws<ArgumentException>(() => new Precision(classId: 2).UpdateState(M.F([0, 1, 1, 0, 0], 5), M.F([0.2f, 0.1f, 0.6f, 0, 0.2f], 5)));
        Assert.Contains("When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), found shape: (5,)", e.Message);
    }

    [Fact]
    public void ConfigRoundTrip()
    {
        // Keras' test_config: thresholds [0.4, 0.9], top_k 15, class_id 12 and the name survive.
        var p = new Precision([0.4, 0.9], topK: 15, classId: 12, name: "my_precision");
        var config = p.GetConfig();
        Assert.Equal(new[] { 0.4, 0.9 }, (double[])config["thresholds"]!);
        var p2 = Assert.IsType<Precision>(Keras.Saving.Deserialize<Metric>(Keras.Saving.Serialize(p)));
        Assert.Equal("my_precision", p2.Name);
        Assert.Equal([0.4, 0.9], p2.Thresholds);
        Assert.Equal(15, p2.TopK);
        Assert.Equal(12, p2.ClassId);
        var r2 = Assert.IsType<Recall>(Keras.Saving.Deserialize<Metric>(Keras.Saving.Serialize(new Recall(0.3, name: "my_recall"))));
        Assert.Equal([0.3], r2.Thresholds);
        Assert.Equal(0.3, (double)r2.GetConfig()["thresholds"]!);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }
}
