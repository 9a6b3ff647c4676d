namespace KerasSharp.Callbacks;

/// <summary>
/// Saves the model or its weights during training (Keras' <c>keras.callbacks.ModelCheckpoint</c>): after every epoch
/// or every <c>saveFreq</c> batches, optionally only when the monitored quantity improved (<c>saveBestOnly</c>).
/// <c>filepath</c> may hold Python format fields filled from the epoch (1-based), the batch (1-based, batch-level
/// saving) and the logs: <c>"ckpt/model-{epoch:02d}-{val_loss:.2f}.keras"</c>. As in Keras the path must end in
/// <c>.keras</c> or <c>.h5</c>, or in <c>.weights.h5</c> with <c>saveWeightsOnly</c>.
/// Each save writes a temporary file in the target folder and renames it over the target, so a failed save leaves the
/// previous checkpoint intact; missing folders are created; a path that cannot be written fails at the first save with
/// the path in the message. The file content is produced by <see cref="Saver"/>.
/// </summary>
public sealed class ModelCheckpoint : Callback
{
    /// <summary>
    /// The one place that writes a checkpoint: <c>(model, path, saveWeightsOnly)</c>. A <c>.weights.h5</c> path gets
    /// Keras' weights file (<c>model.SaveWeights</c>); a <c>.keras</c> path of a Sequential model gets a full Keras 3
    /// file (<c>model.Save</c>, optimizer state included). Other paths and models whose architecture cannot be
    /// written as a Keras config (subclassed models) get <see cref="CheckpointFile"/> (weights, plus optimizer state for
    /// a full save). The path it receives is a temporary file with the same extension as the target, renamed afterwards.
    /// </summary>
    internal static Action<Model, string, bool> Saver { get; set; } = (model, path, weightsOnly) =>
    {
        if (path.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase))
            model.SaveWeights(path);
        else if (!weightsOnly && model is Sequential && path.EndsWith(".keras", StringComparison.OrdinalIgnoreCase))
            model.Save(path);
        else
            CheckpointFile.Write(model, path, includeOptimizer: !weightsOnly);
    };

    private readonly string filepath;
    private readonly string monitor;
    private readonly int verbose;
    private readonly bool saveBestOnly;
    private readonly bool saveWeightsOnly;
    private readonly string mode;
    private readonly UpdateFrequency saveFreq;
    private readonly double? initialValueThreshold;
    private readonly TextWriter? output;
    private readonly BatchCounter counter = new();
    private bool? higherIsBetter;
    private double? best;
    private int currentEpoch;

    /// <summary>Creates the callback with Keras' arguments and defaults.</summary>
    /// <param name="filepath">Target path, possibly with format fields (<c>{epoch:02d}</c>, <c>{val_loss:.2f}</c>, <c>{batch}</c>).</param>
    /// <param name="monitor">Quantity compared when <paramref name="saveBestOnly"/>.</param>
    /// <param name="verbose">1 prints a line for every save decision.</param>
    /// <param name="saveBestOnly">Save only when the monitored quantity improved on the best so far.</param>
    /// <param name="saveWeightsOnly">Save the weights only (path must end in <c>.weights.h5</c>).</param>
    /// <param name="mode"><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>.</param>
    /// <param name="saveFreq"><c>"epoch"</c> (default) or a number of batches.</param>
    /// <param name="initialValueThreshold">Initial "best" value that a save must beat (with <paramref name="saveBestOnly"/>).</param>
    /// <param name="output">Where verbose messages go (default: the console).</param>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false,
        bool saveWeightsOnly = false, string mode = "auto", UpdateFrequency saveFreq = default,
        double? initialValueThreshold = null, TextWriter? output = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(filepath);
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        if (saveWeightsOnly && !filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"When using saveWeightsOnly: true in ModelCheckpoint, the filepath must end in .weights.h5 (Keras weights format), but received \"{filepath}\".", nameof(filepath));
        if (!saveWeightsOnly && !filepath.EndsWith(".keras", StringComparison.Ordinal) && !filepath.EndsWith(".h5", StringComparison.Ordinal))
            throw new ArgumentException($"The filepath given to ModelCheckpoint must end in .keras (Keras model format), but received \"{filepath}\".", nameof(filepath));
        this.filepath = filepath;
        this.monitor = monitor;
        this.verbose = verbose;
        this.saveBestOnly = saveBestOnly;
        this.saveWeightsOnly = saveWeightsOnly;
        this.mode = MonitorSupport.CheckMode(mode, nameof(ModelCheckpoint));
        this.saveFreq = saveFreq;
        this.initialValueThreshold = initialValueThreshold;
        this.output = output;
        best = initialValueThreshold;
    }

    /// <summary>The best monitored value seen (with <c>saveBestOnly</c>), or the initial threshold, or null.</summary>
    public double? Best => best;

    /// <summary>Paths written during this object's lifetime, in order (a file overwritten by a later save appears again).</summary>
    public IReadOnlyList<string> SavedPaths => saved;
    private readonly List<string> saved = [];

    private TextWriter Out => output ?? Console.Out;

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs) => counter.Reset();

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs) => currentEpoch = epoch;

    /// <inheritdoc />
    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        if (saveFreq.Batches is int n && counter.Tick(batch, n))
            Save(currentEpoch, batch, logs);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (saveFreq.IsEpoch) Save(epoch, null, logs);
    }

    private void Save(int epoch, int? batch, Logs logs)
    {
        double current = 0;
        if (saveBestOnly)
        {
            if (batch is null)
            {
                if (!MonitorSupport.TryGetEpochValue(this, logs, monitor, epoch, nameof(ModelCheckpoint), out current)) return;
            }
            else
            {
                current = MonitorSupport.GetBatchValue(this, logs, monitor, nameof(ModelCheckpoint));
            }
        }
        var path = FilePath(epoch, batch, logs);
        if (saveBestOnly)
        {
            higherIsBetter ??= MonitorSupport.HigherIsBetter(Model, monitor, mode, nameof(ModelCheckpoint));
            var bestText = best is double b ? b.ToString("F5", System.Globalization.CultureInfo.InvariantCulture) : "None";
            if (!MonitorSupport.IsImprovement(current, best, higherIsBetter.Value, 0))
            {
                if (verbose > 0) Out.WriteLine($"\nEpoch {epoch + 1}: {monitor} did not improve from {bestText}");
                return;
            }
            if (verbose > 0)
                Out.WriteLine($"\nEpoch {epoch + 1}: {monitor} improved from {bestText} to {current.ToString("F5", System.Globalization.CultureInfo.InvariantCulture)}, saving model to {path}");
            best = current;
        }
        else if (verbose > 0)
        {
            Out.WriteLine($"\nEpoch {epoch + 1}: saving model to {path}");
        }
        if (Directory.Exists(path))
            throw new IOException($"Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: {path}");
        var model = Model!;
        CheckpointFile.WriteAtomically(path, temp => Saver(model, temp, saveWeightsOnly), nameof(ModelCheckpoint));
        saved.Add(path);
        if (verbose > 0) Out.WriteLine($"\nEpoch {epoch + 1}: finished saving model to {path}");
    }

    private string FilePath(int epoch, int? batch, Logs logs)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (k, v) in logs) values[k] = v;
        values["epoch"] = epoch + 1;
        if (batch is int b && !logs.ContainsKey("batch")) values["batch"] = b + 1;
        try
        {
            return PythonFormat.Format(filepath, values);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException)
        {
            throw new InvalidOperationException($"Failed to format this callback filepath: \"{filepath}\". Reason: {e.Message}", e);
        }
    }
}
