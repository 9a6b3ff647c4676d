namespace KerasSharp.Callbacks;

/// <summary>
/// Counts training batches across epochs for callbacks that act every N batches (Keras' <c>_should_save_on_batch</c>):
/// a batch index not above the last one seen starts a new epoch.
/// </summary>
internal sealed class BatchCounter
{
    private int sinceLast;
    private int lastBatch;

    /// <summary>Records batch <paramref name="batch"/>; true when <paramref name="every"/> batches have passed since the last true.</summary>
    public bool Tick(int batch, int every)
    {
        int add = batch <= lastBatch ? batch + 1 : batch - lastBatch;
        sinceLast += add;
        lastBatch = batch;
        if (sinceLast < every) return false;
        sinceLast = 0;
        return true;
    }

    /// <summary>Starts counting afresh.</summary>
    public void Reset()
    {
        sinceLast = 0;
        lastBatch = 0;
    }

    /// <summary>The epoch ended: the next batch 0 counts as the start of a new epoch.</summary>
    public void EpochEnded() => lastBatch = 0;
}
