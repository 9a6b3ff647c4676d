using static TorchSharp.torch;

namespace KerasSharp.Callbacks;

/// <summary>
/// Stops training when a monitored quantity has stopped improving (Keras' <c>keras.callbacks.EarlyStopping</c>).
/// At the end of every epoch from <c>startFromEpoch</c> on, the monitored value is compared with the best so far;
/// after <c>patience</c> epochs without an improvement larger than <c>minDelta</c>, <see cref="Model.StopTraining"/> is
/// set. With <c>restoreBestWeights</c> the weights of the best epoch are put back when training ends (also when the
/// patience never ran out), as in Keras. The monitored key and the best epoch are recorded on Fit's
/// <see cref="History"/> (<see cref="History.Monitor"/>, <see cref="History.BestEpoch"/>).
/// Unlike Keras, which warns, a monitored key that is not in the logs is an error listing the keys present.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private readonly string monitor;
    private readonly double minDelta;
    private readonly int patience;
    private readonly int verbose;
    private readonly string mode;
    private readonly double? baseline;
    private readonly bool restoreBestWeights;
    private readonly int startFromEpoch;
    private readonly TextWriter? output;
    private bool? higherIsBetter;
    private double best;
    private List<Tensor>? bestWeights;

    /// <summary>Creates the callback with Keras' arguments and defaults.</summary>
    /// <param name="monitor">Quantity to monitor (a key of the epoch logs).</param>
    /// <param name="minDelta">Smallest change that counts as an improvement (its absolute value is used).</param>
    /// <param name="patience">Epochs without improvement after which training stops.</param>
    /// <param name="verbose">1 prints a line when stopping and when restoring weights.</param>
    /// <param name="mode"><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>.</param>
    /// <param name="baseline">Value the quantity must beat; the patience counter only restarts when it is beaten.</param>
    /// <param name="restoreBestWeights">Restore the weights of the best epoch when training ends.</param>
    /// <param name="startFromEpoch">Epochs of warm-up before monitoring starts.</param>
    /// <param name="output">Where verbose messages go (default: the console).</param>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0,
        string mode = "auto", double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0,
        TextWriter? output = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        if (patience < 0)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, $"patience must be >= 0, but received {patience}.");
        if (startFromEpoch < 0)
            throw new ArgumentOutOfRangeException(nameof(startFromEpoch), startFromEpoch, $"startFromEpoch must be >= 0, but received {startFromEpoch}.");
        this.monitor = monitor;
        this.minDelta = Math.Abs(minDelta);
        this.patience = patience;
        this.verbose = verbose;
        this.mode = MonitorSupport.CheckMode(mode, nameof(EarlyStopping));
        this.baseline = baseline;
        this.restoreBestWeights = restoreBestWeights;
        this.startFromEpoch = startFromEpoch;
        this.output = output;
    }

    /// <summary>Epochs since the last improvement (Keras' <c>wait</c>).</summary>
    public int Wait { get; private set; }

    /// <summary>The 0-based epoch at which training was stopped, or 0 when it was not (Keras' <c>stopped_epoch</c>).</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The 0-based epoch with the best monitored value (Keras' <c>best_epoch</c>).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The best monitored value so far (±infinity before the first one).</summary>
    public double Best => best;

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs)
    {
        Wait = 0;
        StoppedEpoch = 0;
        BestEpoch = 0;
        higherIsBetter = null;
        ReleaseBestWeights();
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (higherIsBetter is null)
        {
            higherIsBetter = MonitorSupport.HigherIsBetter(Model, monitor, mode, nameof(EarlyStopping));
            best = higherIsBetter.Value ? double.NegativeInfinity : double.PositiveInfinity;
        }
        if (!MonitorSupport.TryGetEpochValue(this, logs, monitor, epoch, nameof(EarlyStopping), out var current)
            || epoch < startFromEpoch)
            return;
        if (restoreBestWeights && bestWeights is null)
        {
            bestWeights = CopyWeights();
            BestEpoch = epoch;
        }
        Wait++;
        bool up = higherIsBetter.Value;
        if (MonitorSupport.IsImprovement(current, best, up, minDelta))
        {
            best = current;
            BestEpoch = epoch;
            if (restoreBestWeights)
            {
                ReleaseBestWeights();
                bestWeights = CopyWeights();
            }
            if (baseline is null || MonitorSupport.IsImprovement(current, baseline, up, minDelta)) Wait = 0;
        }
        else if (Wait >= patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Model!.StopTraining = true;
        }
        RecordOnHistory();
    }

    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs)
    {
        if (StoppedEpoch > 0 && verbose > 0) Out.WriteLine($"Epoch {StoppedEpoch + 1}: early stopping");
        if (restoreBestWeights && bestWeights is not null)
        {
            if (verbose > 0) Out.WriteLine($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
            var weights = Model!.Weights;
            using (NewDisposeScope())
            using (no_grad())
                for (int i = 0; i < weights.Count; i++) weights[i].copy_(bestWeights[i]);
            ReleaseBestWeights();
        }
        RecordOnHistory();
    }

    private TextWriter Out => output ?? Console.Out;

    private void RecordOnHistory()
    {
        if (RunHistory is not { } h || double.IsInfinity(best)) return;
        h.Monitor = monitor;
        h.BestEpoch = BestEpoch;
    }

    private List<Tensor> CopyWeights()
    {
        using var _ = no_grad();
        return Model!.Weights.Select(w => w.detach().clone().DetachFromDisposeScope()).ToList();
    }

    private void ReleaseBestWeights()
    {
        if (bestWeights is null) return;
        foreach (var t in bestWeights) t.Dispose();
        bestWeights = null;
    }
}
