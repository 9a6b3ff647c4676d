using static TorchSharp.torch;

namespace KerasSharp.Internal;

/// <summary>
/// Copies derived from weights (a kernel stored transposed), kept by one Predict or Evaluate call on in-memory data
/// and used only inside that call's own forward passes (<see cref="During{T}"/>). Between two batches only callbacks run
/// user code, so the loops call <see cref="Invalidate"/> after every batch hook when some callback overrides one
/// (<see cref="Callbacks.BatchHookUse.ActsBetweenInferenceBatches"/>): a copy never outlives the weights it was made from,
/// and code outside those forward passes (a callback calling the model itself) never sees one.
/// </summary>
/// <param name="rows">How many input rows the call runs through the model: a copy that only pays for itself over many
/// rows is made only for calls of at least <see cref="MinRowsForAnyKernel"/>.</param>
internal sealed class FrozenWeights(long rows) : IDisposable
{
    /// <summary>The fewest rows a call runs for any CPU kernel to be copied, not only those asked for at any size.</summary>
    /// <remarks>Measured here (1 thread): transposing a 784 x 512 kernel takes about 300 us, and the product in the other
    /// layout saves about 0.2 us a row (2% of it), so a copy pays for itself after some 1,600 rows; this asks for five
    /// times that.</remarks>
    public const long MinRowsForAnyKernel = 8192;

    /// <summary>The fewest rows a call runs for any copy to be made, those asked for at any size (few-unit kernels)
    /// included.</summary>
    /// <remarks>Measured here (1 thread, CPU us, (in, 10) kernels): the copy costs 5 us at 128 inputs, 12 us at 512 and
    /// 16 us at 784, and saves 0.1, 0.5 and 0.6 us a row at 32 rows (nothing at 1 row), so it pays for itself from about
    /// 50, 28 and 25 rows; below this a one-row Predict spent more on the copy than on the whole forward pass.</remarks>
    public const long MinRowsForFewUnitKernel = 64;

    /// <summary>The largest kernel copied unless asked for at any size (1M elements): larger transposed copies cost up to
    /// 15 times more per element (12 ns at 4096 x 4096) and no gain was measured for them.</summary>
    private const long MaxKernelElements = 1L << 20;

    /// <summary>The most elements copied per call (256 MB of float32) apart from those asked for at any size.</summary>
    private const long MaxCopiedElements = 1L << 26;

    // The rows of the user's batch while a forward pass runs several batches at once (Training.InferenceMerging).
    private long? passBatchRows;

    // weight -> (its contiguous transpose, that copy's transposed view: the weight's shape in the other memory layout),
    // or null where no copy is made.
    private readonly Dictionary<object, (Tensor Copy, Tensor View)?> transposed = new(ReferenceEqualityComparer.Instance);
    private long copiedElements;

    /// <summary>Runs <paramref name="forward"/> with this call's copies available to the layers.</summary>
    /// <param name="forward">The forward pass.</param>
    /// <param name="batchRows">The rows of one of the user's batches when the pass runs several of them at once, so that
    /// layers choose what they would choose for one batch (<see cref="BatchRows"/>); null for a pass of one batch.</param>
    public T During<T>(Func<T> forward, long? batchRows = null)
    {
        var context = Layers.CallContext.Current;
        var previous = context.Frozen;
        var previousRows = passBatchRows;
        context.Frozen = this;
        passBatchRows = batchRows;
        try
        {
            return forward();
        }
        finally
        {
            passBatchRows = previousRows;
            context.Frozen = previous;
        }
    }

    /// <summary>
    /// The rows of the user's batch when the forward pass in progress on this thread runs several batches at once,
    /// otherwise <paramref name="rows"/> (the rows the layer received): a layer whose computation depends on its row count
    /// chooses by this, so that a row gets the same bits in a merged pass as in its own batch.
    /// </summary>
    public static long BatchRows(long rows) => Layers.CallContext.Current.Frozen?.passBatchRows ?? rows;

    /// <summary>Runs <paramref name="step"/> (a forward pass with its loss and metrics) with this call's copies available.</summary>
    public void During(Action step) => During(() =>
    {
        step();
        return 0;
    });

    /// <summary>
    /// A tensor equal to the 2-D CPU <paramref name="weight"/>, of its shape, with its storage transposed (made on first
    /// use and kept until <see cref="Invalidate"/>), or null outside <see cref="During{T}"/> and in calls of fewer than
    /// <see cref="MinRowsForFewUnitKernel"/> rows. With <paramref name="atAnySize"/> false the copy is made only in calls of at least <see cref="MinRowsForAnyKernel"/>
    /// rows, for kernels of at most <see cref="MaxKernelElements"/> elements, and while this call's copies stay within
    /// <see cref="MaxCopiedElements"/>; null otherwise.
    /// </summary>
    public static Tensor? InTransposedLayout(Tensor weight, bool atAnySize = true)
    {
        var frozen = Layers.CallContext.Current.Frozen;
        if (frozen is null) return null;
        if (!frozen.transposed.TryGetValue(weight, out var kept))
        {
            kept = frozen.Copy(weight, atAnySize);
            frozen.transposed[weight] = kept;
        }
        return kept?.View;
    }

    private (Tensor Copy, Tensor View)? Copy(Tensor weight, bool atAnySize)
    {
        if (weight.device_type != TorchSharp.DeviceType.CPU || rows < MinRowsForFewUnitKernel) return null;
        if (!atAnySize)
        {
            long n = weight.numel();
            if (rows < MinRowsForAnyKernel || n > MaxKernelElements || copiedElements + n > MaxCopiedElements) return null;
            copiedElements += n;
        }
        using (no_grad())
        {
            var copy = weight.detach().t().contiguous().DetachFromDisposeScope();
            return (copy, copy.t().DetachFromDisposeScope());
        }
    }

    /// <summary>Drops every copy (after user code that may have changed weights).</summary>
    public void Invalidate()
    {
        foreach (var kept in transposed.Values)
        {
            if (kept is not { } k) continue;
            k.View.Dispose();
            k.Copy.Dispose();
        }
        transposed.Clear();
        copiedElements = 0;
    }

    /// <summary>Drops the copies.</summary>
    public void Dispose() => Invalidate();
}
