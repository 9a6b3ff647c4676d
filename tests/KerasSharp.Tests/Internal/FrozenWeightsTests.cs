using KerasSharp.Callbacks;
using KerasSharp.Internal;
using KerasSharp.Layers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Internal;

/// <summary><see cref="FrozenWeights"/>: copies only inside a call's own forward passes, dropped after callbacks.</summary>
public class FrozenWeightsTests
{
    [Fact]
    public void Copies_exist_only_during_the_forward_pass_and_until_invalidated()
    {
        using var w = randn(6, 3);
        Assert.Null(FrozenWeights.TransposeOf(w));
        using var frozen = new FrozenWeights();
        var first = frozen.During(() => FrozenWeights.TransposeOf(w));
        Assert.NotNull(first);
        Assert.True(first!.is_contiguous());
        Assert.Equal([3L, 6], first.shape);
        Assert.True(first.equal(w.t()).all().item<bool>());
        Assert.Same(first, frozen.During(() => FrozenWeights.TransposeOf(w)));
        Assert.Null(FrozenWeights.TransposeOf(w)); // outside During again
        frozen.Invalidate();
        Assert.True(first.IsInvalid);
        Assert.NotSame(first, frozen.During(() => FrozenWeights.TransposeOf(w)));
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
    public void Predict_sees_weights_a_callback_changed_between_batches()
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
}
