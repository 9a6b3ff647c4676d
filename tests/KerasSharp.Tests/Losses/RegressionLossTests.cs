using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

internal static class T
{
    public static Tensor F(float[] data, params long[] shape) => tensor(data).reshape(shape);
}

public class MeanSquaredErrorTests
{
    [Fact]
    public void MeanOverLastAxisThenBatch()
    {
        // per sample: ((0-1)^2 + 0)/2 = 0.5 and ((0-1)^2 + 0)/2 = 0.5; batch mean 0.5
        var loss = new MeanSquaredError();
        TensorAssert.Close([0.5, 0.5], loss.Call(T.F([0, 1, 0, 0], 2, 2), T.F([1, 1, 1, 0], 2, 2)));
        TensorAssert.Close(0.5, loss.Compute(T.F([0, 1, 0, 0], 2, 2), T.F([1, 1, 1, 0], 2, 2)));
    }

    [Fact]
    public void RankOneTargetsAgainstColumnPredictions()
    {
        // y_true (3,) is expanded to (3,1): errors 1, 0, 2 -> squares 1, 0, 4 -> mean 5/3
        TensorAssert.Close(5.0 / 3, new MeanSquaredError().Compute(T.F([1, 2, 3], 3), T.F([2, 2, 1], 3, 1)), 1e-6);
    }

    [Fact]
    public void SampleWeightsDivideByElementCountNotWeightSum()
    {
        // per sample 1 and 4; weights 1 and 0.5 -> weighted 1, 2
        var yt = T.F([0, 0], 2, 1); var yp = T.F([1, 2], 2, 1); var w = T.F([1, 0.5f], 2);
        TensorAssert.Close(1.5, new MeanSquaredError().Compute(yt, yp, w));                                   // (1+2)/2
        TensorAssert.Close(3.0, new MeanSquaredError(reduction: "sum").Compute(yt, yp, w));                   // 1+2
        TensorAssert.Close([1.0, 2.0], new MeanSquaredError(reduction: "none").Compute(yt, yp, w));
        TensorAssert.Close(2.0, new MeanSquaredError(reduction: "mean_with_sample_weight").Compute(yt, yp, w)); // 3/1.5
    }

    [Fact]
    public void InvalidReductionIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MeanSquaredError(reduction: "avg"));
        Assert.Contains("avg", ex.Message);
    }
}

public class MeanAbsoluteErrorTests
{
    [Fact]
    public void KnownValue() =>
        // (|1-2| + |2-4|)/2 = 1.5
        TensorAssert.Close(1.5, new MeanAbsoluteError().Compute(T.F([1, 2], 1, 2), T.F([2, 4], 1, 2)));
}

public class MeanAbsolutePercentageErrorTests
{
    [Fact]
    public void KnownValue() =>
        // 100 * (|2-1|/2 + |4-5|/4)/2 = 100 * 0.375 = 37.5
        TensorAssert.Close(37.5, new MeanAbsolutePercentageError().Compute(T.F([2, 4], 1, 2), T.F([1, 5], 1, 2)), 1e-4);
}

public class MeanSquaredLogarithmicErrorTests
{
    [Fact]
    public void KnownValue() =>
        // (log(1 + 1) - log(1 + 3))^2 = (ln 2 - ln 4)^2 = (ln 2)^2 = 0.480453
        TensorAssert.Close(0.4804530, new MeanSquaredLogarithmicError().Compute(T.F([1], 1, 1), T.F([3], 1, 1)), 1e-6);
}

public class HuberTests
{
    [Fact]
    public void QuadraticInsideDeltaLinearOutside() =>
        // errors 0.5 -> 0.5*0.25 = 0.125; 3 -> 1*3 - 0.5 = 2.5; mean 1.3125
        TensorAssert.Close(1.3125, new Huber().Compute(T.F([0, 0], 1, 2), T.F([0.5f, 3], 1, 2)));

    [Fact]
    public void DeltaTwo() =>
        // error 3 with delta 2: 2*3 - 0.5*4 = 4
        TensorAssert.Close(4.0, new Huber(delta: 2.0).Compute(T.F([0], 1, 1), T.F([3], 1, 1)));
}

public class LogCoshTests
{
    [Fact]
    public void KnownValue() =>
        // log(cosh(1)) = ln(1.5430806) = 0.4337808
        TensorAssert.Close(0.4337808, new LogCosh().Compute(T.F([0], 1, 1), T.F([1], 1, 1)), 1e-6);
}

public class CosineSimilarityTests
{
    [Fact]
    public void NegativeCosine()
    {
        // [1,0].[1,1]/sqrt2 = 0.7071 -> loss -0.7071; zero prediction -> 0
        var loss = new CosineSimilarity(reduction: "none");
        TensorAssert.Close([-0.7071068, 0.0], loss.Compute(T.F([1, 0, 1, 0], 2, 2), T.F([1, 1, 0, 0], 2, 2)), 1e-6);
    }
}
