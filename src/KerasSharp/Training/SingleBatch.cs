using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>All of <paramref name="data"/> as one batch (the <c>*OnBatch</c> methods), with no fast path: a single
/// forward pass gains nothing from copies kept for the call.</summary>
internal sealed class SingleBatch(InMemoryData data) : BatchSource
{
    /// <inheritdoc />
    public override int? Steps => 1;

    /// <inheritdoc />
    public override bool CheckFirstBatch => false;

    /// <inheritdoc />
    public override string Argument => "x";

    /// <inheritdoc />
    public override void BeginEpoch(bool shuffle) { }

    /// <inheritdoc />
    public override bool MoveNext(int step) => step == 0;

    /// <inheritdoc />
    public override (Tensor[] X, Tensor[]? Y, Tensor? W) Current(int step) => (data.Xs.ToArray(), data.Ys?.ToArray(), data.SampleWeight);
}
