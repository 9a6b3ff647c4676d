using KerasSharp.Metrics;

namespace KerasSharp.Tests.Metrics;

public class AUCTests
{
    [Fact]
    public void KerasDocExampleThreeThresholds()
    {
        // thresholds [-eps, 0.5, 1+eps]; p > t: TP [2,1,0], FP [2,0,0] -> TPR [1, .5, 0], FPR [1, 0, 0]
        // area = (1 - 0) * (1 + 0.5)/2 + 0 = 0.75
        var m = new AUC(numThresholds: 3);
        m.UpdateState(M.F([0, 0, 1, 1], 4), M.F([0, 0.5f, 0.3f, 0.9f], 4));
        Assert.Equal(0.75, m.Result(), 6);
    }

    [Fact]
    public void ExactRocAucWithDefaultThresholds()
    {
        // positives 0.35, 0.8; negatives 0.1, 0.4: 3 of 4 pairs ordered -> ROC AUC 0.75; each step moves one axis so
        // the 200-bucket trapezoids are exact
        var m = new AUC();
        m.UpdateState(M.F([0, 0], 2), M.F([0.1f, 0.4f], 2));
        m.UpdateState(M.F([1, 1], 2), M.F([0.35f, 0.8f], 2));
        Assert.Equal(0.75, m.Result(), 6);
        m.ResetState();
        m.UpdateState(M.F([0, 1], 2), M.F([0.2f, 0.9f], 2));
        Assert.Equal(1.0, m.Result(), 6);
    }

    [Fact]
    public void PrInterpolationAndMinoring()
    {
        // TP [2,1,0], FP [2,0,0], FN [0,1,2], P [4,1,0]
        // i=0: slope 1/3, intercept 1 - 1/3 = 2/3, ratio 4 -> (1/3)(1 + (2/3) ln 4)/2 = 0.3206994
        // i=1: slope 1, intercept 0, ratio 1 -> 1/2; total 0.8206994
        var pr = new AUC(numThresholds: 3, curve: "PR");
        pr.UpdateState(M.F([0, 0, 1, 1], 4), M.F([0, 0.5f, 0.3f, 0.9f], 4));
        Assert.Equal(0.8206994, pr.Result(), 6);
        // ROC minoring: (1 - 0) * min(1, 0.5) = 0.5
        var minoring = new AUC(numThresholds: 3, summationMethod: "minoring");
        minoring.UpdateState(M.F([0, 0, 1, 1], 4), M.F([0, 0.5f, 0.3f, 0.9f], 4));
        Assert.Equal(0.5, minoring.Result(), 6);
    }

    [Fact]
    public void InvalidCurve() => Assert.Contains("curve", Assert.Throws<ArgumentException>(() => new AUC(curve: "XY")).Message);
}

public class PrecisionRecallTests
{
    [Fact]
    public void KerasDocExample()
    {
        // y_true [0,1,1,1], y_pred [1,0,1,1]: TP 2, FP 1, FN 1 -> precision 2/3, recall 2/3
        var p = new Precision(); var r = new Recall();
        p.UpdateState(M.F([0, 1, 1, 1], 4), M.F([1, 0, 1, 1], 4));
        r.UpdateState(M.F([0, 1, 1, 1], 4), M.F([1, 0, 1, 1], 4));
        Assert.Equal(2.0 / 3, p.Result(), 6);
        Assert.Equal(2.0 / 3, r.Result(), 6);
    }

    [Fact]
    public void SampleWeights()
    {
        // only the third sample counts (a true positive): precision 1, recall 1
        var p = new Precision(); var r = new Recall();
        p.UpdateState(M.F([0, 1, 1, 1], 4), M.F([1, 0, 1, 1], 4), M.F([0, 0, 1, 0], 4));
        r.UpdateState(M.F([0, 1, 1, 1], 4), M.F([1, 0, 1, 1], 4), M.F([0, 0, 1, 0], 4));
        Assert.Equal(1.0, p.Result(), 6);
        Assert.Equal(1.0, r.Result(), 6);
    }

    [Fact]
    public void TopKAndClassId()
    {
        // top 2 of [0.9, 0.1, 0.8, 0.2] are classes 0 and 2; labels [0,0,1,1] -> TP 1 (class 2), FP 1 -> 0.5
        var top = new Precision(topK: 2);
        top.UpdateState(M.F([0, 0, 1, 1], 1, 4), M.F([0.9f, 0.1f, 0.8f, 0.2f], 1, 4));
        Assert.Equal(0.5, top.Result(), 6);
        // class 0 column: preds [0.7, 0.6, 0.2] > 0.5 -> [1,1,0]; labels [1,0,1] -> TP 1, FP 1, FN 1
        var yt = M.F([1, 0, 0, 1, 1, 0], 3, 2); var yp = M.F([0.7f, 0.3f, 0.6f, 0.4f, 0.2f, 0.8f], 3, 2);
        var p = new Precision(classId: 0); p.UpdateState(yt, yp);
        var r = new Recall(classId: 0); r.UpdateState(yt, yp);
        Assert.Equal(0.5, p.Result(), 6);
        Assert.Equal(0.5, r.Result(), 6);
    }

    [Fact]
    public void Threshold()
    {
        // threshold 0.7: preds [0.6, 0.8] -> [0, 1]; labels [1, 1] -> recall 1/2, precision 1
        var r = new Recall(thresholds: 0.7); r.UpdateState(M.F([1, 1], 2), M.F([0.6f, 0.8f], 2));
        var p = new Precision(thresholds: 0.7); p.UpdateState(M.F([1, 1], 2), M.F([0.6f, 0.8f], 2));
        Assert.Equal(0.5, r.Result(), 6);
        Assert.Equal(1.0, p.Result(), 6);
    }
}

public class F1ScoreTests
{
    // Keras doc example. Binarised at 0.5: [[0,1,1],[0,1,1],[1,1,0]].
    // class 0: labels [1,1,1] -> TP 1, FN 2: P 1, R 1/3 -> F1 0.5
    // class 1: labels [1,0,1] -> TP 2, FP 1: P 2/3, R 1 -> F1 0.8
    // class 2: labels [1,0,0] -> TP 1, FP 1: P 1/2, R 1 -> F1 2/3
    private static readonly float[] True = [1, 1, 1, 1, 0, 0, 1, 1, 0];
    private static readonly float[] Pred = [0.2f, 0.6f, 0.7f, 0.2f, 0.6f, 0.6f, 0.6f, 0.8f, 0.0f];

    private static F1Score Run(string? average)
    {
        var m = new F1Score(average: average, threshold: 0.5);
        m.UpdateState(M.F(True, 3, 3), M.F(Pred, 3, 3));
        return m;
    }

    [Fact]
    public void PerClassAndMeanForNone()
    {
        var m = Run(null);
        var perClass = m.ResultPerClass();
        Assert.Equal(3, perClass.Length);
        Assert.Equal(0.5, perClass[0], 5);
        Assert.Equal(0.8, perClass[1], 5);
        Assert.Equal(2.0 / 3, perClass[2], 5);
        Assert.Equal((0.5 + 0.8 + 2.0 / 3) / 3, m.Result(), 5);
    }

    [Fact]
    public void Averages()
    {
        Assert.Equal((0.5 + 0.8 + 2.0 / 3) / 3, Run("macro").Result(), 5);
        // micro: TP 4, FP 2, FN 2 -> P = R = 2/3 -> F1 2/3
        Assert.Equal(2.0 / 3, Run("micro").Result(), 5);
        // weighted by label counts [3, 2, 1] / 6
        Assert.Equal((0.5 * 3 + 0.8 * 2 + 2.0 / 3) / 6, Run("weighted").Result(), 5);
    }

    [Fact]
    public void RowMaximumWhenNoThreshold()
    {
        // row maxima: [0,0,1], [0,1,1] (tie), [0,1,0]; labels as above
        // class 0: TP 0, FN 3 -> 0; class 1: preds [0,1,1] vs labels [1,0,1]: TP 1, FP 1, FN 1 -> 0.5;
        // class 2: preds [1,1,0] vs labels [1,0,0]: TP 1, FP 1 -> 2/3
        var m = new F1Score(average: "macro");
        m.UpdateState(M.F(True, 3, 3), M.F(Pred, 3, 3));
        Assert.Equal((0 + 0.5 + 2.0 / 3) / 3, m.Result(), 5);
    }
}
