namespace KerasSharp.Losses;

/// <summary>
/// A built-in loss that declares whether its per-sample values each depend on that sample alone, with the plain
/// reduction of <see cref="Loss.Compute"/>: evaluation may then compute Keras' per-batch losses for many batches in
/// one pass (<see cref="Training.PerBatchLoss"/>), bitwise as batch by batch. Implemented by sealed built-in losses
/// only: a custom loss never takes that path.
/// </summary>
internal interface IRowWiseLoss
{
    /// <summary>True when, as configured, each per-sample value depends on its own sample only (false for settings
    /// that reduce over the batch axis or look at the whole batch, such as an ignored class).</summary>
    bool RowWise { get; }
}
