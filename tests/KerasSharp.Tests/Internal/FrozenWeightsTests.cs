using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Internal;
using KerasSharp.Layers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Internal;

/// <summary><see cref="FrozenWeights"/>: copies only inside a call's own forward passes, dropped after callbacks.</summary>
[Collection(GlobalState.Name)]
public class FrozenWeightsTests
{
    [Fact]
    public void CopiesExistOnlyDuringTheForwardPassAndUntilInvalidated()
    {
        using var w = randn(6, 3);
        Assert.Null(FrozenWeights.InTransposedLayout(w));
        using var frozen = new FrozenWeights(rows: FrozenWeights.MinRowsForFewUnitKernel);
        var first = frozen.During(() => FrozenWeights.InTransposedLayout(w));
        Assert.NotNull(first);
        Assert.Equal([6L, 3], first!.shape);
        Assert.False(first.is_contiguous());
        Assert.True(first.t().is_contiguous()); // stored as (3, 6)
        Assert.True(first.eq(w).all().item<bool>());
        Assert.Same(first, frozen.During(() => FrozenWeights.InTransposedLayout(w)));
        Assert.Null(FrozenWeights.InTransposedLayout(w)); // outside During again
        frozen.Invalidate();
        Assert.True(first.IsInvalid);
        Assert.NotSame(first, frozen.During(() => FrozenWeights.InTransposedLayout(w)));
    }

    [Fact]
    public void CopiesNotAskedForAtAnySizeNeedALongCall()
    {
        using var w = randn(6, 3);
        using var few = randn(6, 3);
        using var shortCall = new FrozenWeights(FrozenWeights.MinRowsForAnyKernel - 1);
        Assert.Null(shortCall.During(() => FrozenWeights.InTransposedLayout(w, atAnySize: false)));
        Assert.NotNull(shortCall.During(() => FrozenWeights.InTransposedLayout(few, atAnySize: true)));
        using var longCall = new FrozenWeights(FrozenWeights.MinRowsForAnyKernel);
        var copy = longCall.During(() => FrozenWeights.InTransposedLayout(w, atAnySize: false));
        Assert.NotNull(copy);
        Assert.True(copy!.eq(w).all().item<bool>());
        using var large = zeros(1025, 1024); // over the 1M-element limit of copies not asked for at any size
        Assert.Null(longCall.During(() => FrozenWeights.InTransposedLayout(large, atAnySize: false)));
    }

    [Fact]
    public void CallsOfAFewRowsMakeNoCopyAtAll()
    {
        // A one-row Predict spent more on copying a few-unit kernel than on its whole forward pass (docs/performance.md).
        using var few = randn(6, 3);
        using var oneRow = new FrozenWeights(1);
        Assert.Null(oneRow.During(() => FrozenWeights.InTransposedLayout(few, atAnySize: true)));
        using var justShort = new FrozenWeights(FrozenWeights.MinRowsForFewUnitKernel - 1);
        Assert.Null(justShort.During(() => FrozenWeights.InTransposedLayout(few, atAnySize: true)));
        using var enough = new FrozenWeights(FrozenWeights.MinRowsForFewUnitKernel);
        Assert.NotNull(enough.During(() => FrozenWeights.InTransposedLayout(few, atAnySize: true)));
    }

    [Fact]
    public void LongPredictWithWideKernelsGivesTheProductsOfThePlainLayout()
    {
        Keras.Utils.SetRandomSeed(5);
        var model = Sequential().Add(Input(64)).Add(Dense(256, "relu")).Add(Dense(300));
        var x = randn((int)FrozenWeights.MinRowsForAnyKernel + 100, 64);
        var predicted = model.Predict(x, batchSize: 128, verbose: 0);
        Tensor expected;
        using (no_grad()) expected = model.Apply(x);
        Assert.True(predicted.allclose(expected, rtol: 1e-5, atol: 1e-5), $"max diff {(predicted - expected).abs().max().item<float>()}");
    }

    /// <summary>Changes the last layer's weights after the first predict batch.</summary>
    private sealed class ZeroKernelAfterFirstBatch(Dense dense) : Callback
    {
        public override void OnPredictBatchEnd(int batch, Logs logs)
        {
            if (batch != 0) return;
            using var _ = no_grad();
            dense.Kernel!.zero_();
            dense.Bias!.fill_(1);
        }
    }

    [Fact]
    public void PredictSeesWeightsACallbackChangedBetweenBatches()
    {
        Keras.Utils.SetRandomSeed(1);
        var dense = new Dense(3);
        var model = Sequential().Add(Input(8)).Add(dense);
        var x = randn(8, 8);
        var expectedFirst = model.Predict(x.narrow(0, 0, 4), verbose: 0);
        var y = model.Predict(x, batchSize: 4, verbose: 0, callbacks: [new ZeroKernelAfterFirstBatch(dense)]);
        Assert.True(y.narrow(0, 0, 4).allclose(expectedFirst, rtol: 1e-5, atol: 1e-6));
        Assert.True(y.narrow(0, 4, 4).equal(ones(4, 3)).all().item<bool>(), y.narrow(0, 4, 4).ToString(TorchSharp.TensorStringStyle.Julia));
    }

    [Fact]
    public void PredictSeesWeightsACallbackChangedInALongCallWithWideKernels()
    {
        Keras.Utils.SetRandomSeed(2);
        var dense = new Dense(64);
        var model = Sequential().Add(Input(8)).Add(dense);
        int half = (int)FrozenWeights.MinRowsForAnyKernel;
        var x = randn(2 * half, 8);
        var expectedFirst = model.Predict(x.narrow(0, 0, half), batchSize: half, verbose: 0);
        var y = model.Predict(x, batchSize: half, verbose: 0, callbacks: [new ZeroKernelAfterFirstBatch(dense)]);
        Assert.True(y.narrow(0, 0, half).allclose(expectedFirst, rtol: 1e-5, atol: 1e-6));
        Assert.True(y.narrow(0, half, half).equal(ones(half, 64)).all().item<bool>());
    }

    [Fact]
    public void OnlyCallbacksWithInferenceBatchHooksCountAsActingBetweenBatches()
    {
        Assert.False(BatchHookUse.ActsBetweenInferenceBatches(new ProgbarLogger())); // draws only
        Assert.False(BatchHookUse.ActsBetweenInferenceBatches(new History()));
        Assert.True(BatchHookUse.ActsBetweenInferenceBatches(new ZeroKernelAfterFirstBatch(new Dense(1))));
        Assert.True(BatchHookUse.ActsBetweenInferenceBatches(new LambdaCallback(onTestBatchEnd: (_, _) => { })));
    }
}
