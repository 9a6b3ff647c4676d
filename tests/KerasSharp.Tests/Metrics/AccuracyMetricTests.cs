using KerasSharp.Metrics;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Metrics;

internal static class M
{
    public static Tensor F(float[] data, params long[] shape) => tensor(data).reshape(shape);
    public static Tensor L(params long[] labels) => tensor(labels);
}

public class BinaryAccuracyTests
{
    [Fact]
    public void ThresholdAndRunningMeanWeightedByBatchSize()
    {
        var m = new BinaryAccuracy();
        // 0.98>0.5 ok, 1 ok, 0 ok, 0.6 -> 1 vs 0 wrong: 3/4
        m.UpdateState(M.F([1, 1, 0, 0], 4, 1), M.F([0.98f, 1, 0, 0.6f], 4, 1));
        Assert.Equal(0.75, m.Result(), 6);
        // second batch of 2, both wrong: (3 + 0) / 6 = 0.5
        m.UpdateState(M.F([1, 0], 2, 1), M.F([0.2f, 0.9f], 2, 1));
        Assert.Equal(0.5, m.Result(), 6);
        m.ResetState();
        Assert.Equal(0.0, m.Result());
        m.UpdateState(M.F([1], 1, 1), M.F([0.7f], 1, 1));
        Assert.Equal(1.0, m.Result(), 6);
    }

    [Fact]
    public void SampleWeights()
    {
        // matches [1,1,1,0], weights [1,0,0,1] -> (1 + 0)/2 = 0.5
        var m = new BinaryAccuracy();
        m.UpdateState(M.F([1, 1, 0, 0], 4, 1), M.F([0.98f, 1, 0, 0.6f], 4, 1), M.F([1, 0, 0, 1], 4));
        Assert.Equal(0.5, m.Result(), 6);
    }

    [Fact]
    public void CustomThreshold()
    {
        // threshold 0.7: 0.6 -> 0 (label 1 wrong), 0.8 -> 1 (right): 1/2
        var m = new BinaryAccuracy(threshold: 0.7);
        m.UpdateState(M.F([1, 1], 2), M.F([0.6f, 0.8f], 2, 1));
        Assert.Equal(0.5, m.Result(), 6);
    }
}

public class CategoricalAccuracyTests
{
    [Fact]
    public void ArgmaxMatches()
    {
        // argmax true [2, 1], argmax pred [1, 1] -> 0.5
        var m = new CategoricalAccuracy();
        m.UpdateState(M.F([0, 0, 1, 0, 1, 0], 2, 3), M.F([0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0], 2, 3));
        Assert.Equal(0.5, m.Result(), 6);
    }
}

public class SparseCategoricalAccuracyTests
{
    [Fact]
    public void LabelShapes()
    {
        var yp = M.F([0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0], 2, 3);
        var m = new SparseCategoricalAccuracy();
        m.UpdateState(M.L(2, 1), yp);           // [0, 1] -> 0.5
        Assert.Equal(0.5, m.Result(), 6);
        m.ResetState();
        m.UpdateState(M.F([2, 1], 2, 1), yp);   // float labels of shape (2, 1)
        Assert.Equal(0.5, m.Result(), 6);
    }
}

public class TopKCategoricalAccuracyTests
{
    [Fact]
    public void KOneAndTwo()
    {
        var yt = M.F([0, 0, 1, 0, 1, 0], 2, 3); var yp = M.F([0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0], 2, 3);
        var k1 = new TopKCategoricalAccuracy(k: 1);
        k1.UpdateState(yt, yp);
        Assert.Equal(0.5, k1.Result(), 6);      // sample 1: class 2 (0.8) not the top 1
        var k2 = new TopKCategoricalAccuracy(k: 2);
        k2.UpdateState(yt, yp);
        Assert.Equal(1.0, k2.Result(), 6);      // 0.8 is in the top 2
        var k5 = new TopKCategoricalAccuracy();  // k 5 > 3 classes: everything is a hit
        k5.UpdateState(yt, yp);
        Assert.Equal(1.0, k5.Result(), 6);
    }

    [Fact]
    public void Sparse()
    {
        var yp = M.F([0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0], 2, 3);
        var m = new SparseTopKCategoricalAccuracy(k: 1);
        m.UpdateState(M.L(2, 1), yp);
        Assert.Equal(0.5, m.Result(), 6);
    }
}

public class AccuracyTests
{
    [Fact]
    public void ExactEquality()
    {
        // [1,2,3,4] vs [0,2,3,4] -> 3/4
        var m = new Accuracy();
        m.UpdateState(M.F([1, 2, 3, 4], 4, 1), M.F([0, 2, 3, 4], 4, 1));
        Assert.Equal(0.75, m.Result(), 6);
    }
}

public class ShapeResolvedAccuracyTests
{
    [Fact]
    public void PredictionLastDimOneIsBinary()
    {
        var m = MetricRegistry.Get("acc");
        m.UpdateState(M.F([1, 0], 2, 1), M.F([0.7f, 0.2f], 2, 1));
        Assert.IsType<BinaryAccuracy>(((ShapeResolvedAccuracy)m).Resolved);
        Assert.Equal(1.0, m.Result(), 6);
        Assert.Equal("acc", m.Name);
    }

    [Fact]
    public void LowerRankTargetsAreSparse()
    {
        var m = MetricRegistry.Get("accuracy");
        m.UpdateState(M.L(2, 0), M.F([0.1f, 0.2f, 0.7f, 0.3f, 0.6f, 0.1f], 2, 3));   // [hit, miss]
        Assert.IsType<SparseCategoricalAccuracy>(((ShapeResolvedAccuracy)m).Resolved);
        Assert.Equal(0.5, m.Result(), 6);
        Assert.Equal("accuracy", m.Name);

        var col = MetricRegistry.Get("accuracy");
        col.UpdateState(M.F([2, 1], 2, 1), M.F([0.1f, 0.2f, 0.7f, 0.3f, 0.6f, 0.1f], 2, 3));
        Assert.IsType<SparseCategoricalAccuracy>(((ShapeResolvedAccuracy)col).Resolved);
        Assert.Equal(1.0, col.Result(), 6);
    }

    [Fact]
    public void OneHotTargetsAreCategorical()
    {
        var m = MetricRegistry.Get("Accuracy");
        m.UpdateState(M.F([0, 0, 1, 1, 0, 0], 2, 3), M.F([0.1f, 0.2f, 0.7f, 0.3f, 0.6f, 0.1f], 2, 3));
        Assert.IsType<CategoricalAccuracy>(((ShapeResolvedAccuracy)m).Resolved);
        Assert.Equal(0.5, m.Result(), 6);
        Assert.Equal("Accuracy", m.Name);
        m.ResetState();
        Assert.Equal(0.0, m.Result());
    }
}
