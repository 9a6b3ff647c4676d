namespace KerasSharp.Internal;

/// <summary>
/// LibTorch reduces up to its parallel grain size (32768 elements) in one piece, so a row of stacked equal batches and
/// that batch on its own sum alike up to that size. The evaluation's per-batch losses
/// (<see cref="Training.PerBatchLoss"/>) and the metrics' stacked updates
/// (<see cref="Metrics.IStepMetric.UpdateStateBatches"/>) split only reductions no larger than this.
/// </summary>
internal static class ReductionGrain
{
    /// <summary>The most elements one row of a split reduction may hold.</summary>
    public const long MaxRowElements = 32768;
}
