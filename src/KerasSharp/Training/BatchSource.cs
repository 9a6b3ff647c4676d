using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Where the loops take their batches from (Keras' data adapters): arrays in memory, a stream of batches, or a
/// <see cref="Data.PyDataset"/>. A loop asks <see cref="MoveNext"/> outside its per-batch dispose scope (so that a
/// stream's own enumeration owns what it makes), then <see cref="Current"/> inside it: the batch on the model's device,
/// floating data as float32, one tensor per model input and output.
/// </summary>
internal abstract class BatchSource : IDisposable
{
    /// <summary>The arrays behind the batches when they are all in memory (the loops' fast paths use them), else null.</summary>
    public virtual InMemoryData? Arrays => null;

    /// <summary>The rows of a batch of <see cref="Arrays"/>.</summary>
    public virtual int BatchSize => 0;

    /// <summary>Batches in one pass, or null when only running out tells.</summary>
    public abstract int? Steps { get; }

    /// <summary>True when nothing checked the data before the loop: the loop checks the first batch against the model.</summary>
    public virtual bool CheckFirstBatch => true;

    /// <summary>The argument named by errors about this data.</summary>
    public virtual string Argument => "data";

    /// <summary>Starts a pass over the data (an epoch); <paramref name="shuffle"/> reorders where the source can.</summary>
    public abstract void BeginEpoch(bool shuffle);

    /// <summary>Advances to batch <paramref name="step"/>; false when the data has run out.</summary>
    public abstract bool MoveNext(int step);

    /// <summary>Batch <paramref name="step"/>, made in the caller's dispose scope.</summary>
    public abstract (Tensor[] X, Tensor[]? Y, Tensor? W) Current(int step);

    /// <summary>Ends the pass started by <see cref="BeginEpoch"/>.</summary>
    public virtual void EndEpoch() { }

    /// <summary>Releases what the source holds.</summary>
    public virtual void Dispose() { }
}
