using KerasSharp.Metrics;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall and RecallAtPrecision: golden values from
/// Keras' keras/src/metrics/confusion_metrics_test.py and the classes' docstring examples.
/// </summary>
public class SensitivitySpecificityTests
{
    private static readonly float[] Labels5 = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    private static readonly float[] LowPreds = [0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.01f, 0.02f, 0.25f, 0.26f, 0.26f];
    private static readonly float[] RecallPreds = [0.0f, 0.1f, 0.2f, 0.5f, 0.6f, 0.2f, 0.5f, 0.6f, 0.8f, 0.9f];
    private static readonly float[] PrecisionPreds = [0.05f, 0.1f, 0.2f, 0.3f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f, 0.6f, 0.9f, 0.95f];
    private static readonly float[] PrecisionLabels = [0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1];

    private static double Run(Metric m, float[] labels, float[] preds, float[]? weights = null)
    {
        m.UpdateState(M.F(labels, labels.Length), M.F(preds, preds.Length), weights is null ? null : M.F(weights, weights.Length));
        return m.Result();
    }

    /// <summary>Keras' test_unweighted_class_id: the same data in column 2 of a one-hot (3 classes) layout.</summary>
    private static double RunClass2(Metric m, float[] labels, float[] preds)
    {
        int n = labels.Length;
        var yt = new float[n * 3]; var yp = new float[n * 3];
        for (int i = 0; i < n; i++)
        {
            yt[i * 3 + (labels[i] == 1 ? 2 : 0)] = 1;
            for (int c = 0; c < 3; c++) yp[i * 3 + c] = preds[i];
        }
        m.UpdateState(M.F(yt, n, 3), M.F(yp, n, 3));
        return m.Result();
    }

    [Fact]
    public void SensitivityAtSpecificity()
    {
        Assert.Equal(0.8, Run(new SensitivityAtSpecificity(0.8), Labels5, [0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.1f, 0.45f, 0.5f, 0.8f, 0.9f]), 5);
        Assert.Equal(0.6, Run(new SensitivityAtSpecificity(0.4), Labels5, LowPreds), 5);
        Assert.Equal(0.675, Run(new SensitivityAtSpecificity(0.4), Labels5, LowPreds, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5);
        // docstring examples
        Assert.Equal(0.5, Run(new SensitivityAtSpecificity(0.5), [0, 0, 0, 1, 1], [0, 0.3f, 0.8f, 0.3f, 0.8f]), 5);
        Assert.Equal(1.0 / 3, Run(new SensitivityAtSpecificity(0.5), [0, 0, 0, 1, 1], [0, 0.3f, 0.8f, 0.3f, 0.8f], [1, 1, 2, 2, 1]), 5);
    }

    [Fact]
    public void SpecificityAtSensitivity()
    {
        Assert.Equal(0.2, Run(new SpecificityAtSensitivity(1.0), Labels5, LowPreds), 5);
        Assert.Equal(0.6, Run(new SpecificityAtSensitivity(0.4), Labels5, LowPreds), 5);
        Assert.Equal(0.6, RunClass2(new SpecificityAtSensitivity(0.4, classId: 2), Labels5, LowPreds), 5);
        Assert.Equal(0.4, Run(new SpecificityAtSensitivity(0.4), Labels5, LowPreds, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5);
        Assert.Equal(2.0 / 3, Run(new SpecificityAtSensitivity(0.5), [0, 0, 0, 1, 1], [0, 0.3f, 0.8f, 0.3f, 0.8f]), 5);
    }

    [Fact]
    public void PrecisionAtRecall()
    {
        Assert.Equal(2.0 / 3, Run(new PrecisionAtRecall(0.8), Labels5, RecallPreds), 5);
        Assert.Equal(0.75, Run(new PrecisionAtRecall(0.6), Labels5, RecallPreds), 5);
        Assert.Equal(0.75, RunClass2(new PrecisionAtRecall(0.6, classId: 2), Labels5, RecallPreds), 5);
        Assert.Equal(0.7, Run(new PrecisionAtRecall(7.0 / 8), Labels5, RecallPreds, [2, 1, 2, 1, 2, 1, 2, 2, 1, 2]), 5);
        Assert.Equal(0.5, Run(new PrecisionAtRecall(0.5), [0, 0, 0, 1, 1], [0, 0.3f, 0.8f, 0.3f, 0.8f]), 5);
    }

    [Fact]
    public void RecallAtPrecision()
    {
        Assert.Equal(0.5, Run(new RecallAtPrecision(0.75), PrecisionLabels, PrecisionPreds), 5);
        Assert.Equal(5.0 / 6, Run(new RecallAtPrecision(2.0 / 3), PrecisionLabels, PrecisionPreds), 5);
        Assert.Equal(5.0 / 6, RunClass2(new RecallAtPrecision(2.0 / 3, classId: 2), PrecisionLabels, PrecisionPreds), 5);
        Assert.Equal(0.6, Run(new RecallAtPrecision(0.75), [0, 1, 0, 0, 0, 1, 1], [0.1f, 0.2f, 0.3f, 0.5f, 0.6f, 0.9f, 0.9f], [1, 2, 1, 2, 1, 2, 1]), 5);
        // the best precision reachable is 1/2: recall 0
        Assert.Equal(0.0, Run(new RecallAtPrecision(2.0 / 3), [1, 1, 0, 0], [0.1f, 0.2f, 0.3f, 0.9f]), 5);
        // docstring: 0.5, then 1.0 with weights [1, 0, 0, 1]
        Assert.Equal(0.5, Run(new RecallAtPrecision(0.8), [0, 0, 1, 1], [0, 0.5f, 0.3f, 0.9f]), 5);
        Assert.Equal(1.0, Run(new RecallAtPrecision(0.8), [0, 0, 1, 1], [0, 0.5f, 0.3f, 0.9f], [1, 0, 0, 1]), 5);
    }

    [Fact]
    public void AllCorrectGivesOne()
    {
        float[] x = [0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0];
        Assert.Equal(1.0, Run(new SensitivityAtSpecificity(0.7), x, x), 6);
        Assert.Equal(1.0, Run(new SpecificityAtSensitivity(0.7), x, x), 6);
        Assert.Equal(1.0, Run(new PrecisionAtRecall(0.7), x, x), 6);
        Assert.Equal(1.0, Run(new RecallAtPrecision(0.7), x, x), 6);
    }

    [Fact]
    public void ThresholdsAsKerasBuildsThem()
    {
        var m = new PrecisionAtRecall(0.5, numThresholds: 5);
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], m.Thresholds);
        Assert.Equal([0.5], new PrecisionAtRecall(0.5, numThresholds: 1).Thresholds);
        Assert.Equal(200, new RecallAtPrecision(0.5).NumThresholds);
        Assert.Equal("sensitivity_at_specificity", new SensitivityAtSpecificity(0.5).Name);
    }

    [Fact]
    public void InvalidArguments()
    {
        Assert.Contains("`specificity` must be in the range [0, 1]. Received: specificity=-1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new SensitivityAtSpecificity(-1)).Message);
        Assert.Contains("`sensitivity` must be in the range [0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new SpecificityAtSensitivity(-1)).Message);
        Assert.Contains("`recall` must be in the range [0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new PrecisionAtRecall(-1)).Message);
        Assert.Contains("`precision` must be in the range [0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new RecallAtPrecision(1.5)).Message);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RecallAtPrecision(0.4, numThresholds: -1));
        Assert.Contains("Argument `num_thresholds` must be an integer > 0", e.Message);
        Assert.Equal("numThresholds", e.ParamName);
    }

    [Fact]
    public void ConfigRoundTrip()
    {
        // Keras' test_config: value, num_thresholds 100, class_id 12 and the name survive from_config(get_config()).
        Metric[] metrics =
        [
            new SensitivityAtSpecificity(0.4, numThresholds: 100, classId: 12, name: "sensitivity_at_specificity_1"),
            new SpecificityAtSensitivity(0.4, numThresholds: 100, classId: 12, name: "specificity_at_sensitivity_1"),
            new PrecisionAtRecall(0.4, numThresholds: 100, classId: 12, name: "precision_at_recall_1"),
            new RecallAtPrecision(0.4, numThresholds: 100, classId: 12, name: "recall_at_precision_1"),
        ];
        foreach (var m in metrics)
        {
            var serialized = Keras.Saving.Serialize(m);
            var again = Keras.Saving.Deserialize<Metric>(serialized);
            Assert.IsType(m.GetType(), again);
            Assert.Equal(m.Name, again.Name);
            Assert.Equal(100, ((SensitivitySpecificityBase)again).NumThresholds);
            Assert.Equal(12, ((SensitivitySpecificityBase)again).ClassId);
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(serialized, Keras.Saving.Serialize(again)));
        }
        Assert.Equal(0.4, (double)metrics[0].GetConfig()["specificity"]!);
        Assert.Equal(0.4, ((RecallAtPrecision)metrics[3]).Precision);
    }
}
