using KerasSharp.Metrics;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// AUC's thresholds, multi_label, num_labels, label_weights, curves and summation methods: golden values from Keras'
/// keras/src/metrics/confusion_metrics_test.py (AUCTest, MultiAUCTest) and the worked sums in their comments.
/// </summary>
public class AUCKerasCaseTests
{
    // AUCTest.setUp: tp = [7, 4, 0], fp = [3, 0, 0], fn = [0, 3, 7], tn = [0, 3, 3] with weights [1, 2, 3, 4]
    private static readonly float[] YTrue = [0, 0, 1, 1];
    private static readonly float[] YPred = [0, 0.5f, 0.3f, 0.9f];
    private static readonly float[] Weights = [1, 2, 3, 4];

    private static double Weighted(AUC m, float[]? weights = null)
    {
        m.UpdateState(M.F(YTrue, 4), M.F(YPred, 4), M.F(weights ?? Weights, 4));
        return m.Result();
    }

    [Fact]
    public void WeightedSummationMethods()
    {
        // recall [1, 4/7, 0], fp rate [1, 0, 0]
        Assert.Equal((1 + 4.0 / 7) / 2, Weighted(new AUC(numThresholds: 3)), 5);
        Assert.Equal(1.0, Weighted(new AUC(numThresholds: 3, summationMethod: "majoring")), 5);
        Assert.Equal(4.0 / 7, Weighted(new AUC(numThresholds: 3, summationMethod: "minoring")), 5);
        // PR: precision [0.7, 1, 0], recall [1, 4/7, 0]
        Assert.Equal(1.0, Weighted(new AUC(numThresholds: 3, curve: "PR", summationMethod: "majoring")), 5);
        Assert.Equal(0.7 * 3 / 7, Weighted(new AUC(numThresholds: 3, curve: "PR", summationMethod: "minoring")), 5);
        // PR interpolation: (0.5 (3 + 2 ln 2.5)) / 7 + 4 / 7
        Assert.Equal((0.5 * (3 + 2 * Math.Log(2.5))) / 7 + 4.0 / 7, Weighted(new AUC(numThresholds: 3, curve: "PR")), 5);
        // negative weights: every divisor max(tp + fn, 0) is 0 -> 0
        Assert.Equal(0.0, Weighted(new AUC(numThresholds: 3, curve: "PR"), [-1, -2, -3, -4]), 6);
    }

    [Fact]
    public void ManualThresholds()
    {
        // num_thresholds is ignored: [0.5] plus the endpoints -> 3 thresholds, result as with num_thresholds 3
        var m = new AUC(numThresholds: 2, thresholds: [0.5]);
        Assert.Equal(3, m.NumThresholds);
        Assert.Equal(new[] { -1e-7, 0.5, 1 + 1e-7 }, m.Thresholds);
        m.UpdateState(M.F(YTrue, 4), M.F(YPred, 4));
        Assert.Equal(0.75, m.Result(), 5);
        // uneven thresholds take the comparison path: [0.3, 0.6] -> p > t: TP [2, 1, 1, 0], FP [2, 1, 0, 0]
        // ROC points (1, 1), (1/2, 1/2), (0, 1/2), (0, 0): 1/2 * 3/4 + 1/2 * 1/2 = 0.625
        var uneven = new AUC(thresholds: [0.6, 0.3]);
        Assert.Equal(new[] { -1e-7, 0.3, 0.6, 1 + 1e-7 }, uneven.Thresholds);
        uneven.UpdateState(M.F(YTrue, 4), M.F(YPred, 4));
        Assert.Equal(0.625, uneven.Result(), 5);
    }

    [Fact]
    public void FromLogits()
    {
        var logits = YPred.Select(p => (float)-Math.Log(1.0 / (p + 1e-12) - 1.0)).ToArray();
        var m = new AUC(numThresholds: 3, fromLogits: true);
        m.UpdateState(M.F(YTrue, 4), M.F(logits, 4));
        Assert.Equal(0.75, m.Result(), 5);
    }

    [Fact]
    public void ExtraDimensionsArePooled()
    {
        // Keras test_extra_dims: labels and sigmoid(-logits) of shape (2, 2, 3) -> 0.5
        float[] x = [-10, 10, -10, 10, -10, 10, -12, 12, -12, 12, -12, 12];
        var preds = x.Select(v => (float)(1 / (1 + Math.Exp(v)))).ToArray();
        var m = new AUC();
        m.UpdateState(M.F([1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1], 2, 2, 3), M.F(preds, 2, 2, 3));
        Assert.Equal(0.5, m.Result(), 5);
    }

    [Fact]
    public void PrGainCurve()
    {
        // Keras' PRGAIN formulas on tp [2,1,0], fp [2,0,0], fn [0,1,2], tn [0,2,2]: scaling P/N = 1,
        // recall gain [1, 0, 0 (no TP)], precision gain [0, 1, 1 (no TP)] -> (1 - 0) (0 + 1)/2 = 0.5
        var m = new AUC(numThresholds: 3, curve: "PRGAIN");
        m.UpdateState(M.F(YTrue, 4), M.F(YPred, 4));
        Assert.Equal(0.5, m.Result(), 6);
        Assert.Equal("PRGAIN", m.GetConfig()["curve"]);
        Assert.Equal("PR", new AUC(curve: "pr").Curve);
    }

    // MultiAUCTest.setUp: predictions (4, 2), thresholds [-eps, 0.25, 0.5, 0.75, 1 + eps]
    private static Tensor MultiPred() => M.F([0, 0.1f, 0.5f, 0.2f, 0.3f, 0.3f, 0.9f, 0.4f], 4, 2);
    private static Tensor MultiGood() => M.F([0, 0, 0, 0, 1, 1, 1, 1], 4, 2);

    [Fact]
    public void MultiLabelAveragesPerLabelCurves()
    {
        // tpr [[1,1,.5,.5,0],[1,1,0,0,0]], fpr [[1,.5,0,0,0],[1,0,0,0,0]] -> (0.875 + 1) / 2
        var m = new AUC(numThresholds: 5, multiLabel: true);
        m.UpdateState(MultiGood(), MultiPred());
        Assert.Equal((0.875 + 1.0) / 2, m.Result(), 5);
        var weighted = new AUC(numThresholds: 5, multiLabel: true, labelWeights: [0.75, 0.25]);
        weighted.UpdateState(MultiGood(), MultiPred());
        Assert.Equal(0.875 * 0.75 + 1.0 * 0.25, weighted.Result(), 5);
        // manual thresholds: per label [0.75, 0.5]
        var manual = new AUC(numThresholds: 2, thresholds: [0.5], multiLabel: true);
        manual.UpdateState(MultiGood(), MultiPred());
        Assert.Equal((0.75 + 0.5) / 2, manual.Result(), 5);
        var all = new AUC(multiLabel: true);
        all.UpdateState(MultiGood(), MultiGood());
        Assert.Equal(1.0, all.Result(), 6);
        var logits = new AUC(numThresholds: 5, multiLabel: true, fromLogits: true);
        logits.UpdateState(MultiGood(), (MultiPred() + 1e-12).reciprocal().sub(1.0).log().neg());
        Assert.Equal((0.875 + 1.0) / 2, logits.Result(), 5);
    }

    [Fact]
    public void PooledLabelsWithSampleAndLabelWeights()
    {
        // flat: tpr [1,1,.25,.25,0], fpr [1,.25,0,0,0] -> 1 - 3/32
        var flat = new AUC(numThresholds: 5);
        flat.UpdateState(MultiGood(), MultiPred());
        Assert.Equal(1.0 - 3.0 / 32, flat.Result(), 5);
        // per-sample weights [1,2,3,4]: tpr [1,1,2/7,2/7,0], fpr [1,1/3,0,0,0]
        var sw = new AUC(numThresholds: 5);
        sw.UpdateState(MultiGood(), MultiPred(), M.F([1, 2, 3, 4], 4));
        Assert.Equal(1.0 - (1.0 / 3) * (1 - 2.0 / 7) / 2, sw.Result(), 5);
        // per-element weights arange(8).reshape(4, 2): tpr [1,1,3/11,3/11,0], fpr [1,1/3,0,0,0]
        var full = new AUC(numThresholds: 5);
        full.UpdateState(MultiGood(), MultiPred(), M.F([0, 1, 2, 3, 4, 5, 6, 7], 4, 2));
        Assert.Equal(1.0 - (1.0 / 3) * (1 - 3.0 / 11) / 2, full.Result(), 5);
        // label weights [0.75, 0.25] on each element: tpr [1,1,.375,.375,0], fpr [1,.375,0,0,0]
        var lw = new AUC(numThresholds: 5, labelWeights: [0.75, 0.25]);
        lw.UpdateState(MultiGood(), MultiPred());
        Assert.Equal(1.0 - (1.0 - 0.375) * 0.375 / 2, lw.Result(), 5);
    }

    [Fact]
    public void MultiLabelStateShapeAndReset()
    {
        var m = new AUC(numThresholds: 5, multiLabel: true);
        m.UpdateState(MultiGood(), MultiPred());
        m.ResetState();
        Assert.Equal(0.0, m.Result());
        m.UpdateState(MultiGood(), MultiPred());
        Assert.Equal((0.875 + 1.0) / 2, m.Result(), 5);
        var e = Assert.Throws<ArgumentException>(() => new AUC(multiLabel: true).UpdateState(M.F([0, 1], 2), M.F([0.1f, 0.9f], 2)));
        Assert.Contains("`y_pred` must have rank 2 when `multi_label=True`. Found rank 1.", e.Message);
        Assert.Throws<ArgumentException>(() => m.UpdateState(M.F([0, 1, 1], 1, 3), M.F([0.1f, 0.9f, 0.3f], 1, 3)));
    }

    [Fact]
    public void InvalidArguments()
    {
        Assert.Contains("Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new AUC(numThresholds: 1)).Message);
        Assert.Contains("Invalid AUC curve value: \"Invalid\".", Assert.Throws<ArgumentException>(() => new AUC(curve: "Invalid")).Message);
        Assert.Contains("Invalid AUC summation method value: \"Invalid\".",
            Assert.Throws<ArgumentException>(() => new AUC(summationMethod: "Invalid")).Message);
        Assert.Contains("`num_labels` is needed only when `multi_label` is True.",
            Assert.Throws<ArgumentException>(() => new AUC(numLabels: 2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AUC(labelWeights: [0.5, -1]));
    }

    [Fact]
    public void ConfigRoundTrip()
    {
        // Keras' test_config: no "thresholds" key when none were given; multi_label, num_labels, from_logits kept.
        var m = new AUC(numThresholds: 100, curve: "PR", summationMethod: "majoring", name: "auc_1", multiLabel: true, numLabels: 2, fromLogits: true);
        var config = m.GetConfig();
        Assert.False(config.ContainsKey("thresholds"));
        var serialized = Keras.Saving.Serialize(m);
        var m2 = Assert.IsType<AUC>(Keras.Saving.Deserialize<Metric>(serialized));
        Assert.Equal((100, "PR", "majoring", true, 2, true, "auc_1"), (m2.NumThresholds, m2.Curve, m2.SummationMethod, m2.MultiLabel, m2.NumLabels, m2.FromLogits, m2.Name));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(serialized, Keras.Saving.Serialize(m2)));
        // test_config_manual_thresholds: [0.3, 0.5] -> num_thresholds 4, thresholds written without the endpoints
        var manual = new AUC(curve: "PR", summationMethod: "majoring", name: "auc_1", thresholds: [0.3, 0.5]);
        Assert.Equal(4, manual.NumThresholds);
        Assert.Equal(new[] { 0.3, 0.5 }, (double[])manual.GetConfig()["thresholds"]!);
        var manual2 = Assert.IsType<AUC>(Keras.Saving.Deserialize<Metric>(Keras.Saving.Serialize(manual)));
        Assert.Equal(manual.Thresholds, manual2.Thresholds);
        var lw = Assert.IsType<AUC>(Keras.Saving.Deserialize<Metric>(Keras.Saving.Serialize(new AUC(labelWeights: [0.75, 0.25]))));
        Assert.Equal([0.75, 0.25], lw.LabelWeights!);
    }
}
