using KerasSharp.Data;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Batches from a <see cref="PyDataset"/> (Keras' <c>PyDatasetAdapter</c>): indices 0 .. Length-1 each epoch, in a
/// random order when Fit shuffles (as Keras does), <see cref="PyDataset.OnEpochBegin"/> and
/// <see cref="PyDataset.OnEpochEnd"/> around each epoch. With several workers, up to <see cref="PyDataset.MaxQueueSize"/>
/// batches are fetched ahead on the thread pool and used in order.
/// </summary>
internal sealed class SequenceBatches(Model model, PyDataset dataset, bool training, IReadOnlyDictionary<int, double>? classWeight)
    : StreamBatches(model, [], training, classWeight)
{
    private readonly Queue<Task<DataBatch>> ahead = new();
    private int[] indices = [];
    private int nextFetch;
    private DataBatch? current;

    /// <inheritdoc />
    public override int? Steps => Length();

    private int Length()
    {
        int n = dataset.Length;
        if (n < 0)
            throw new InvalidOperationException($"{dataset.GetType().Name}.Length must be >= 0, but returned {n}.");
        return n;
    }

    /// <inheritdoc />
    public override void BeginEpoch(bool shuffle)
    {
        dataset.OnEpochBegin();
        int n = Length();
        if (shuffle)
        {
            using var order = randperm(n, ScalarType.Int64);
            indices = order.data<long>().Select(i => (int)i).ToArray();
        }
        else
        {
            indices = Enumerable.Range(0, n).ToArray();
        }
        nextFetch = 0;
    }

    /// <inheritdoc />
    public override bool MoveNext(int step)
    {
        if (step >= indices.Length) return false;
        if (dataset.Workers <= 1)
        {
            current = dataset.GetItem(indices[step]);
            return true;
        }
        while (ahead.Count < dataset.MaxQueueSize && nextFetch < indices.Length)
        {
            int index = indices[nextFetch++];
            ahead.Enqueue(Task.Run(() => dataset.GetItem(index)));
        }
        current = ahead.Dequeue().GetAwaiter().GetResult();
        return true;
    }

    /// <inheritdoc />
    public override (Tensor[] X, Tensor[]? Y, Tensor? W) Current(int step) => Prepare(current, step);

    /// <inheritdoc />
    public override void EndEpoch()
    {
        Drain();
        current = null;
        dataset.OnEpochEnd();
    }

    // Waits for the batches fetched ahead (a stopped epoch leaves some), so that no GetItem runs during OnEpochEnd.
    private void Drain()
    {
        while (ahead.Count > 0)
        {
            try { ahead.Dequeue().Wait(); }
            catch (AggregateException) { } // a batch never used: its error does not matter
        }
    }

    /// <inheritdoc />
    public override void Dispose() => Drain();
}
