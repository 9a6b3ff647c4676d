using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Training;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Predict of one small batch without callbacks (<see cref="PredictionLoop.RunOneSmallBatch"/>, issue 20's single-row
/// latency) against the batch loop it stands in for: bitwise the same outputs, dtype, device and dispose-scope
/// ownership. The loop is forced by a callback that does nothing (any callback keeps the loop, which calls it). No
/// timings are asserted; bench/ measures the latency (docs/performance.md).
/// </summary>
[Collection(GlobalState.Name)]
public class PredictionLoopTests
{
    /// <summary>A callback with no hooks: its presence alone keeps Predict on the batch loop.</summary>
    private sealed class Nothing : Callback;

    private static Sequential Mlp(int features = 12, int classes = 3)
    {
        Keras.Utils.SetRandomSeed(3);
        // Dense(3) is a few-unit kernel: the batch loop makes a copy of it in LibTorch's layout only for calls of
        // FrozenWeights.MinRowsForFewUnitKernel rows or more.
        return Sequential().Add(Input(features)).Add(Dense(16, "relu")).Add(Dropout(0.2)).Add(Dense(classes, "softmax"));
    }

    private static void AssertBitwise(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(32)]
    [InlineData(63)]
    public void SmallPredictGivesTheBatchLoopsBits(int rows)
    {
        var model = Mlp();
        var x = rand(rows, 12, generator: new TorchSharp.torch.Generator(5));
        var fast = model.Predict(x, verbose: 0);
        var loop = model.Predict(x, verbose: 0, callbacks: [new Nothing()]);
        AssertBitwise(loop, fast);
        AssertBitwise(loop, model.PredictOnBatch(x));
        AssertBitwise(loop, model.Predict(x, verbose: 0, callbacks: []));
    }

    [Fact]
    public void IsOneSmallBatchOnlyForInputsTheLoopWouldPassAsTheyAre()
    {
        var cpu = CPU;
        Assert.True(PredictionLoop.IsOneSmallBatch([rand(1, 4)], 32, cpu));
        Assert.True(PredictionLoop.IsOneSmallBatch([rand(5, 4), randint(0, 3, [5, 2])], 32, cpu));    // int inputs are not converted
        Assert.False(PredictionLoop.IsOneSmallBatch([rand(33, 4)], 32, cpu));                        // more than one batch
        Assert.False(PredictionLoop.IsOneSmallBatch([rand(KerasSharp.Internal.FrozenWeights.MinRowsForFewUnitKernel, 4)], 128, cpu));
        Assert.False(PredictionLoop.IsOneSmallBatch([rand(0, 4)], 32, cpu));                         // no samples: the loop reports it
        Assert.False(PredictionLoop.IsOneSmallBatch([rand(2, 4, dtype: ScalarType.Float64)], 32, cpu)); // converted to float32 first
        Assert.False(PredictionLoop.IsOneSmallBatch([rand(2, 4), rand(3, 4)], 32, cpu));             // mismatch: the loop reports it
        Assert.False(PredictionLoop.IsOneSmallBatch([tensor(1f)], 32, cpu));
    }

    [Fact]
    public void Float64AndMismatchedInputsKeepTheLoopsResultsAndErrors()
    {
        var model = Mlp();
        var x = rand(3, 12, dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(6));
        AssertBitwise(model.Predict(x, verbose: 0, callbacks: [new Nothing()]), model.Predict(x, verbose: 0));
        Assert.ThrowsAny<ArgumentException>(() => model.Predict(rand(0, 12), verbose: 0));

        var a = Keras.Input([3], name: "a");
        var b = Keras.Input([2], name: "b");
        var two = new Model([a.Output, b.Output], new Dense(2).Apply(new Concatenate().Apply([a.Output, b.Output])));
        var ex = Assert.ThrowsAny<ArgumentException>(() => two.Predict(new[] { rand(2, 3), rand(3, 2) }, verbose: 0));
        Assert.Contains("2", ex.Message);
        var xa = rand(4, 3);
        var xb = rand(4, 2);
        AssertBitwise(two.Predict(new[] { xa, xb }, verbose: 0, callbacks: [new Nothing()]), two.Predict(new[] { xa, xb }, verbose: 0));
    }

    [Fact]
    public void SmallPredictOutputBelongsToTheCallersScopeAndLeavesNoTensorBehind()
    {
        var model = Mlp();
        var x = rand(2, 12);
        model.Predict(x, verbose: 0).Dispose();   // warm-up: the model is built
        long before = TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        Tensor y;
        using (var scope = NewDisposeScope())
        {
            y = model.Predict(x, verbose: 0);
            Assert.False(y.IsInvalid);
        }
        Assert.True(y.IsInvalid);   // as the loop's output, the caller's scope owns it
        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
        // an identity model: the input comes back as an alias, the caller's tensor stays valid
        var input = Keras.Input([12]);
        var identity = new Model(input.Output, input.Output);
        var same = identity.Predict(x, verbose: 0);
        Assert.Equal(x.data<float>().ToArray(), same.data<float>().ToArray());
        same.Dispose();
        Assert.False(x.IsInvalid);
    }
}
