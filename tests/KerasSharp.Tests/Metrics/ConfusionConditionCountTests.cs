using KerasSharp.Metrics;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// TruePositives, FalsePositives, TrueNegatives, FalseNegatives: golden values from Keras'
/// keras/src/metrics/confusion_metrics_test.py (FalsePositivesTest, FalseNegativesTest, TrueNegativesTest,
/// TruePositiveTest) and the classes' docstring examples.
/// </summary>
public class ConfusionConditionCountTests
{
    // Keras' test_unweighted / test_weighted data: 4 samples x 5 elements of 0/1.
    private static readonly float[] True01 = [0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1];
    private static readonly float[] Pred01 = [0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1];

    // Keras' *_with_thresholds data: 4 x 4 and thresholds [0.15, 0.5, 0.85].
    private static readonly float[] PredT = [0.9f, 0.2f, 0.8f, 0.1f, 0.2f, 0.9f, 0.7f, 0.6f, 0.1f, 0.2f, 0.4f, 0.3f, 0, 1, 0.7f, 0.3f];
    private static readonly float[] TrueT = [0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
    private static readonly double[] Thresholds = [0.15, 0.5, 0.85];

    private static double[] Run(ConfusionConditionCount m, float[] yTrue, float[] yPred, long[] shape, TorchSharp.torch.Tensor? w = null)
    {
        m.UpdateState(M.F(yTrue, shape), M.F(yPred, shape), w);
        return m.ResultValues();
    }

    [Fact]
    public void SingleThresholdUnweightedAndWeighted()
    {
        var w = M.F([1, 1.5f, 2, 2.5f], 4);
        Assert.Equal(7.0, Run(new FalsePositives(), True01, Pred01, [4, 5]).Single(), 6);
        Assert.Equal(14.0, Run(new FalsePositives(), True01, Pred01, [4, 5], w).Single(), 6);
        Assert.Equal(3.0, Run(new FalseNegatives(), True01, Pred01, [4, 5]).Single(), 6);
        Assert.Equal(5.0, Run(new FalseNegatives(), True01, Pred01, [4, 5], w).Single(), 6);
        Assert.Equal(3.0, Run(new TrueNegatives(), True01, Pred01, [4, 5]).Single(), 6);
        Assert.Equal(4.0, Run(new TrueNegatives(), True01, Pred01, [4, 5], w).Single(), 6);
        Assert.Equal(7.0, Run(new TruePositives(), True01, Pred01, [4, 5]).Single(), 6);
        Assert.Equal(12.0, Run(new TruePositives(), True01, Pred01, [4, 5], w).Single(), 6);
        Assert.False(new TruePositives().ResultIsVector);
    }

    [Fact]
    public void ListOfThresholdsGivesOneCountPerThreshold()
    {
        var fp = new FalsePositives(Thresholds);
        Assert.Equal([7.0, 4.0, 2.0], Run(fp, TrueT, PredT, [4, 4]));
        Assert.True(fp.ResultIsVector);
        Assert.Equal((7.0 + 4 + 2) / 3, fp.Result(), 6); // the mean, as Keras' progress bar prints a vector
        Assert.Equal([1.0, 4.0, 6.0], Run(new FalseNegatives(Thresholds), TrueT, PredT, [4, 4]));
        Assert.Equal([2.0, 5.0, 7.0], Run(new TrueNegatives(Thresholds), TrueT, PredT, [4, 4]));
        Assert.Equal([6.0, 3.0, 1.0], Run(new TruePositives(Thresholds), TrueT, PredT, [4, 4]));
    }

    [Fact]
    public void WeightsOfEveryBroadcastableShape()
    {
        // per element (4, 4)
        var full = M.F([1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 5, 15, 10, 0], 4, 4);
        AssertClose([125.0, 42.0, 12.0], Run(new FalsePositives(Thresholds), TrueT, PredT, [4, 4], full));
        // per row (4, 1)
        AssertClose([4.0, 16.0, 23.0], Run(new FalseNegatives(Thresholds), TrueT, PredT, [4, 4], M.F([3, 5, 7, 4], 4, 1)));
        // per column (1, 4)
        AssertClose([5.0, 15.0, 23.0], Run(new TrueNegatives(Thresholds), TrueT, PredT, [4, 4], M.F([0, 2, 3, 5], 1, 4)));
        // scalar
        AssertClose([222.0, 111.0, 37.0], Run(new TruePositives(Thresholds), TrueT, PredT, [4, 4], TorchSharp.torch.tensor(37f)));
    }

    [Fact]
    public void KerasDocExamplesAndReset()
    {
        var m = new FalsePositives();
        m.UpdateState(M.F([0, 1, 0, 0], 4), M.F([0, 0, 1, 1], 4));
        Assert.Equal(2.0, m.Result(), 6);
        m.ResetState();
        m.UpdateState(M.F([0, 1, 0, 0], 4), M.F([0, 0, 1, 1], 4), M.F([0, 0, 1, 0], 4));
        Assert.Equal(1.0, m.Result(), 6);
        var tn = new TrueNegatives();
        tn.UpdateState(M.F([0, 1, 0, 0], 4), M.F([1, 1, 0, 0], 4));
        Assert.Equal(2.0, tn.Result(), 6);
    }

    [Fact]
    public void EvenlySpacedThresholdsTakeTheBucketPathWithTheSameCounts()
    {
        // [0, 0.5, 1] is evenly spaced (Keras' bucket algorithm). p > t: at 0 four of five (0 is not above 0),
        // at 0.5 two (0.7, 1), at 1 none.
        var tp = new TruePositives([0.0, 0.5, 1.0]);
        tp.UpdateState(M.F([1, 1, 1, 1, 1], 5), M.F([0, 0.3f, 0.5f, 0.7f, 1], 5));
        Assert.Equal([4.0, 2.0, 0.0], tp.ResultValues());
        var fn = new FalseNegatives([0.0, 0.5, 1.0]);
        fn.UpdateState(M.F([1, 1, 1, 1, 1], 5), M.F([0, 0.3f, 0.5f, 0.7f, 1], 5));
        Assert.Equal([1.0, 3.0, 5.0], fn.ResultValues());
    }

    [Fact]
    public void ThresholdsOutsideZeroOneAreRejected()
    {
        // Keras: "Threshold values must be in [0, 1]. Received: [-1, 2]"
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FalsePositives([-1.0, 0.5, 2.0]));
        Assert.Contains("Threshold values must be in [0, 1]. Received: [-1, 2]", e.Message);
        Assert.Equal("thresholds", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruePositives(1.5));
    }

    [Fact]
    public void ConfigRoundTripKeepsTheThresholdsAsGiven()
    {
        // Keras' test_config: name and thresholds survive from_config(get_config()).
        var fp = new FalsePositives([0.4, 0.9], name: "my_fp");
        var again = Keras.Saving.Deserialize<Metric>(Keras.Saving.Serialize(fp));
        var fp2 = Assert.IsType<FalsePositives>(again);
        Assert.Equal("my_fp", fp2.Name);
        Assert.Equal([0.4, 0.9], fp2.Thresholds);
        Assert.True(fp2.ResultIsVector);
        var single = Keras.Saving.Deserialize<Metric>(Keras.Saving.Serialize(new TruePositives(0.3)));
        Assert.Equal([0.3], Assert.IsType<TruePositives>(single).Thresholds);
        Assert.False(single.ResultIsVector);
        Assert.Null(new TrueNegatives().GetConfig()["thresholds"]);
        Assert.Equal([0.5], new TrueNegatives().Thresholds);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 4);
    }
}
