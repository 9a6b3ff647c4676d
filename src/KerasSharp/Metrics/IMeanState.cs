using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// The running (weighted) mean behind a <see cref="Mean"/>: its own <see cref="WeightedMeanState"/>, or, for a model's
/// loss tracker (Keras' <c>_loss_tracker</c>), the compiled loss's float64 running total, which the training loop
/// implements and hands to the metric (so that the metric family does not depend on the loop).
/// </summary>
internal interface IMeanState
{
    /// <summary>Accumulates <paramref name="values"/>, each sample weighted by <paramref name="sampleWeight"/>.</summary>
    void UpdateMean(Tensor values, Tensor? sampleWeight);

    /// <summary>The mean so far (0 before any update).</summary>
    double Result();

    /// <summary>Forgets every update.</summary>
    void Reset();
}
