namespace KerasSharp.Data;

/// <summary>
/// Keras' <c>keras.utils.PyDataset</c>: a sequence of batches known by index, for data that does not fit in memory.
/// Subclass it, give <see cref="Length"/> (Keras' <c>__len__</c>) and <see cref="GetItem"/> (Keras' <c>__getitem__</c>,
/// returning <c>x</c>, <c>(x, y)</c> or <c>(x, y, sampleWeight)</c>), and pass it to Fit, Evaluate or Predict. Fit asks for
/// batches 0 .. Length-1 each epoch and calls <see cref="OnEpochEnd"/> after each. With <see cref="Workers"/> above 1,
/// up to <see cref="MaxQueueSize"/> batches are prepared ahead on worker threads (Keras' threads; .NET has no processes
/// to spread them over, so <c>use_multiprocessing</c> has no counterpart), and are still used in index order.
/// </summary>
public abstract class PyDataset
{
    /// <summary>Keras' defaults: one worker (batches made on the training thread), a queue of 10.</summary>
    /// <param name="workers">Threads preparing batches ahead; 1 prepares each batch when it is needed.</param>
    /// <param name="maxQueueSize">The most batches prepared ahead when <paramref name="workers"/> is above 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1.</exception>
    protected PyDataset(int workers = 1, int maxQueueSize = 10)
    {
        if (workers < 1)
            throw new ArgumentOutOfRangeException(nameof(workers), workers, $"workers must be >= 1, but received {workers}.");
        if (maxQueueSize < 1)
            throw new ArgumentOutOfRangeException(nameof(maxQueueSize), maxQueueSize, $"maxQueueSize must be >= 1, but received {maxQueueSize}.");
        Workers = workers;
        MaxQueueSize = maxQueueSize;
    }

    /// <summary>Threads preparing batches ahead (Keras' <c>workers</c>).</summary>
    public int Workers { get; }

    /// <summary>The most batches prepared ahead (Keras' <c>max_queue_size</c>).</summary>
    public int MaxQueueSize { get; }

    /// <summary>The number of batches in one epoch (Keras' <c>__len__</c>).</summary>
    public abstract int Length { get; }

    /// <summary>The same as <see cref="Length"/> (Keras' <c>num_batches</c>), the .NET name for a size.</summary>
    public int Count => Length;

    /// <summary>Batch <paramref name="index"/>, 0 &lt;= index &lt; <see cref="Length"/> (Keras' <c>__getitem__</c>).</summary>
    public abstract DataBatch GetItem(int index);

    /// <summary>Called before each epoch (Keras' <c>on_epoch_begin</c>).</summary>
    public virtual void OnEpochBegin() { }

    /// <summary>Called after each epoch, e.g. to shuffle (Keras' <c>on_epoch_end</c>).</summary>
    public virtual void OnEpochEnd() { }
}
