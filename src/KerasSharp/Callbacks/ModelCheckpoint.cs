namespace KerasSharp.Callbacks;

/// <summary>
/// Saves the model or its weights during training (Keras' <c>keras.callbacks.ModelCheckpoint</c>): after every epoch
/// or every <c>saveFreq</c> batches, optionally only when the monitored quantity improved (<c>saveBestOnly</c>).
/// <c>filepath</c> may hold Python format fields filled from the epoch (1-based), the batch (1-based, batch-level
/// saving) and the logs: <c>"ckpt/model-{epoch:02d}-{val_loss:.2f}.keras"</c>.
/// Every checkpoint is a Keras file: with <c>saveWeightsOnly</c> the path must end in <c>.weights.h5</c> and the
/// callback calls <see cref="Model.SaveWeights"/> (weights and, when compiled, the optimizer's state); otherwise the
/// path must end in <c>.keras</c> and it calls <see cref="Model.Save"/> (architecture, compile configuration, weights
/// and optimizer state), which <see cref="Keras.Models.LoadModel"/> and Python Keras 3 read back. As in Keras a bad
/// extension is refused when the callback is created; a model that cannot be saved as a <c>.keras</c> file (a
/// subclassed model) fails at the first save. Keras also accepts <c>.h5</c> for a full save (its legacy Keras 2
/// format); KerasSharp reads that format but does not write it, so it refuses <c>.h5</c> here.
/// Missing folders are created. Saves are atomic (a failed save leaves the previous checkpoint intact); a path that
/// cannot be written fails at the first save with the path in the message.
/// </summary>
public sealed class ModelCheckpoint : Callback
{
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
        if (saveWeightsOnly)
        {
            if (!filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
                throw new ArgumentException(
                    "When using saveWeightsOnly: true in ModelCheckpoint, the filepath provided must end in .weights.h5 " +
                    $"(Keras weights format). Received: filepath={filepath}", nameof(filepath));
        }
        else if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
        {
            var legacy = filepath.EndsWith(".h5", StringComparison.Ordinal)
                ? " (Keras 2's legacy .h5 model format is read by KerasSharp but not written: use .keras, or saveWeightsOnly: true with .weights.h5)"
                : "";
            throw new ArgumentException(
                $"The filepath provided must end in .keras (Keras model format). Received: filepath={filepath}{legacy}", nameof(filepath));
        }
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
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            if (saveWeightsOnly) model.SaveWeights(path, overwrite: true);
            else model.Save(path, overwrite: true);
        }
        catch (InvalidOperationException e) when (!saveWeightsOnly && model is not Sequential && model.Graph is null)
        {
            throw new InvalidOperationException(
                $"ModelCheckpoint cannot save model \"{model.Name}\" to '{path}': {e.Message} " +
                "To checkpoint it, pass saveWeightsOnly: true with a filepath ending in .weights.h5.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"ModelCheckpoint could not write '{Path.GetFullPath(path)}': {e.Message}", e);
        }
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
