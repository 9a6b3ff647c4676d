using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>Batches of <paramref name="batchSize"/> rows sliced from arrays in memory (Keras' array data adapter),
/// reshuffled each epoch when asked; the last batch may be partial.</summary>
internal sealed class InMemoryBatches(InMemoryData data, int batchSize, Device device, string argument = "x") : BatchSource
{
    private Tensor? order;

    /// <inheritdoc />
    public override InMemoryData Arrays => data;

    /// <inheritdoc />
    public override int BatchSize => batchSize;

    /// <inheritdoc />
    public override int? Steps => data.Steps(batchSize);

    /// <summary>The call checked every array up front (<see cref="Preflight"/>).</summary>
    public override bool CheckFirstBatch => false;

    /// <inheritdoc />
    public override string Argument => argument;

    /// <summary>Draws this epoch's order (in the caller's epoch scope) when shuffling.</summary>
    public override void BeginEpoch(bool shuffle) => order = shuffle ? randperm(data.Count, ScalarType.Int64).to(device) : null;

    /// <inheritdoc />
    public override bool MoveNext(int step) => (long)step * batchSize < data.Count;

    /// <inheritdoc />
    public override (Tensor[] X, Tensor[]? Y, Tensor? W) Current(int step) => data.Batch(step, batchSize, order);

    /// <inheritdoc />
    public override void EndEpoch() => order = null;
}
