namespace KerasSharp.Callbacks;

/// <summary>
/// Stops training when a batch's loss becomes NaN or infinite (Keras' <c>keras.callbacks.TerminateOnNaN</c>): prints
/// <c>Batch N: Invalid loss, terminating training</c> and sets <see cref="Model.StopTraining"/>, so Fit ends after
/// that batch.
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    private readonly TextWriter? output;

    /// <summary>Creates the callback.</summary>
    /// <param name="output">Where the message goes (default: the console).</param>
    public TerminateOnNaN(TextWriter? output = null) => this.output = output;

    /// <summary>The 0-based batch (within its epoch) at which training was terminated, or null.</summary>
    public int? TerminatedAtBatch { get; private set; }

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs) => TerminatedAtBatch = null;

    /// <inheritdoc />
    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        if (logs.TryGetValue("loss", out var loss) && !double.IsFinite(loss))
        {
            (output ?? Console.Out).WriteLine($"Batch {batch}: Invalid loss, terminating training");
            TerminatedAtBatch = batch;
            Model!.StopTraining = true;
        }
    }
}
