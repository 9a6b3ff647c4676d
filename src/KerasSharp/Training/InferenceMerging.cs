using KerasSharp.Callbacks;
using KerasSharp.Layers;
using TorchSharp;

namespace KerasSharp.Training;

/// <summary>
/// Predict and Evaluate run the model on batches of <c>batch_size</c> rows; on the CPU a matrix product costs up to 17%
/// less per row at a few hundred rows than at 32 (MKL, 1 thread, CPU time: 784 -> 128 takes 2.9 us a row at 32 rows,
/// 2.5 us at 256 and 2.4 us at 512, and no less beyond), and every layer call costs the same whatever its rows. When the model is a
/// <see cref="Sequential"/> of built-in layers that compute each row from the same input row alone, with bits that do
/// not depend on the number of rows (<see cref="IRowWiseInference"/>: Input; Dense and Activation with linear,
/// relu, leaky_relu, relu6, crelu, softmax or log_softmax; Dropout; ReLU; Softmax over a non-batch axis; Flatten),
/// this class lets the loops pass several consecutive full batches through the model at once. Each row then gets the
/// bits it gets in its own batch: MKL's product gives a row the same value whatever the number of rows from 2 rows up
/// (checked by <c>InferenceMergingTests</c> against the batch-by-batch loop for many batch sizes), those activations
/// are exactly rounded element-wise operations or LibTorch's row-by-row softmax kernels, and Dense chooses its
/// inference form by the rows of the user's batch, not of the pass (<see cref="Internal.FrozenWeights.BatchRows"/>).
/// Sigmoid, tanh and the other transcendental activations are left out: LibTorch computes the last few elements of a
/// tensor with scalar code that rounds differently from its vector code, so their bits depend on the tensor's size. Batches of fewer than
/// <see cref="MinBatchRows"/> rows, the partial last batch, a callback that runs code between batches, another device
/// than the CPU and any other layer keep the batch-by-batch loop.
/// </summary>
internal static class InferenceMerging
{
    /// <summary>The most rows passed through the model at once.</summary>
    internal const int MaxRows = 512;

    /// <summary>The smallest batch merged with others (below a few rows MKL takes other paths with other bits).</summary>
    internal const int MinBatchRows = 8;

    /// <summary>The most elements one layer output of a merged pass may hold (4 MB of float32).</summary>
    private const long MaxElements = 1L << 20;

    /// <summary>How many consecutive full batches of <paramref name="batchSize"/> rows one forward pass of
    /// <paramref name="model"/> may run; 1 means batch by batch.</summary>
    /// <param name="model">The model run.</param>
    /// <param name="batchSize">The rows of a batch.</param>
    /// <param name="fullBatches">How many full batches the call runs.</param>
    /// <param name="callbacks">The call's callbacks: one that runs code between batches keeps them apart.</param>
    public static int BatchesPerPass(Model model, int batchSize, long fullBatches, CallbackList callbacks)
    {
        if (!FastPaths.Enabled || fullBatches < 2 || batchSize < MinBatchRows || batchSize > MaxRows / 2) return 1;
        if (callbacks.ActsBetweenInferenceBatches || model.Device.type != DeviceType.CPU) return 1;
        if (model is not Sequential sequential || !IRowWiseInference.Of(sequential) || sequential.WidestSample() is not long width)
            return 1;
        long byElements = MaxElements / Math.Max(1, width * batchSize);
        return (int)Math.Max(1, Math.Min(Math.Min(MaxRows / batchSize, byElements), fullBatches));
    }
}
