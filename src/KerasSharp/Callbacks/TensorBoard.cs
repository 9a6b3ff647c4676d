using System.Diagnostics;
using static TorchSharp.torch;

namespace KerasSharp.Callbacks;

/// <summary>
/// Writes TensorBoard logs (Keras' <c>keras.callbacks.TensorBoard</c>): event files under <c>logDir/train</c> and
/// <c>logDir/validation</c> that <c>tensorboard --logdir logDir</c> reads. At every epoch end: training logs as
/// <c>epoch_&lt;name&gt;</c> scalars (<c>epoch_loss</c>, <c>epoch_accuracy</c>, ..., and <c>epoch_learning_rate</c>
/// from the optimizer) at step = epoch; validation logs (without the <c>val_</c> prefix) as <c>epoch_&lt;name&gt;</c>
/// in the validation folder. At the end of every evaluation (validation during Fit, and <c>Evaluate</c> with this
/// callback): <c>evaluation_&lt;name&gt;_vs_iterations</c> in the validation folder at step = optimizer iterations.
/// With <c>updateFreq</c> a number of batches N (or <c>"batch"</c> = 1): <c>batch_&lt;name&gt;</c> scalars every N
/// batches at step = global batch count, and <c>batch_steps_per_second</c> with <c>writeStepsPerSecond</c>. With
/// <c>histogramFreq</c> &gt; 0: a histogram of every weight every that many epochs, tagged as Keras does with the
/// weight's own name (<c>kernel/histogram</c>, <c>bias/histogram</c>; layers' tags coincide, as in Keras). With
/// <c>writeGraph</c> (the default) a Sequential or functional model's graph, for TensorBoard's Graphs tab: its
/// <c>to_json()</c> as the <c>keras</c> summary of plugin <c>graph_keras_model</c> at step 0 (Keras'
/// <c>keras_model_summary</c>; Keras' torch backend has no traced graph to add). Files are flushed at every epoch end
/// and closed when training ends. With <c>embeddingsFreq</c>, the projector's files as Keras writes them. Images and
/// profiling are not written.
/// </summary>
public sealed class TensorBoard : Callback, ITrainFailureAware
{
    private readonly string logDir;
    private readonly int histogramFreq;
    private readonly bool writeStepsPerSecond;
    private readonly bool writeGraph;
    private readonly int embeddingsFreq;
    private readonly object? embeddingsMetadata;
    private readonly Stopwatch batchClock = new();
    private bool inFit;
    private readonly UpdateFrequency updateFreq;
    private readonly Stopwatch epochClock = new();
    private EventFileWriter? train, validation;
    private long globalTrainBatch;
    private int epochBatches;

    /// <summary>Creates the callback with Keras' arguments and defaults.</summary>
    /// <param name="logDir">Root folder of the logs.</param>
    /// <param name="histogramFreq">Epochs between weight histograms; 0 writes none.</param>
    /// <param name="writeGraph">Write the model's graph (Sequential and functional models) for the Graphs tab.</param>
    /// <param name="writeStepsPerSecond">Also log training steps per second (<c>epoch_steps_per_second</c>, and <c>batch_steps_per_second</c> with batch-level updates).</param>
    /// <param name="updateFreq"><c>"epoch"</c> (default), <c>"batch"</c>, or a number of batches between batch-level scalars.</param>
    /// <param name="embeddingsFreq">Epochs between saves of the weights for TensorBoard's projector (Keras'
    /// <c>embeddings_freq</c>: <c>train/keras_embedding.ckpt-&lt;epoch&gt;.weights.h5</c>, and
    /// <c>projector_config.pbtxt</c> naming each Embedding layer); 0 writes none.</param>
    /// <param name="embeddingsMetadata">A metadata file path for every Embedding layer (a string), or one per layer
    /// name (an <c>IReadOnlyDictionary&lt;string, string&gt;</c>), written into the projector config.</param>
    public TensorBoard(string logDir = "logs", int histogramFreq = 0, bool writeGraph = true, bool writeStepsPerSecond = false,
        UpdateFrequency updateFreq = default, int embeddingsFreq = 0, object? embeddingsMetadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(logDir);
        if (histogramFreq < 0)
            throw new ArgumentOutOfRangeException(nameof(histogramFreq), histogramFreq, $"histogramFreq must be >= 0, but received {histogramFreq}.");
        if (embeddingsFreq < 0)
            throw new ArgumentOutOfRangeException(nameof(embeddingsFreq), embeddingsFreq, $"embeddingsFreq must be >= 0, but received {embeddingsFreq}.");
        if (embeddingsMetadata is not (null or string or IReadOnlyDictionary<string, string>))
            throw new ArgumentException($"embeddingsMetadata must be a file path (string) or a dictionary from Embedding layer names to file paths, but received {embeddingsMetadata.GetType().Name}.", nameof(embeddingsMetadata));
        this.embeddingsFreq = embeddingsFreq;
        this.embeddingsMetadata = embeddingsMetadata;
        this.writeGraph = writeGraph;
        this.logDir = logDir;
        this.histogramFreq = histogramFreq;
        this.writeStepsPerSecond = writeStepsPerSecond;
        this.updateFreq = updateFreq;
    }

    /// <summary>The training event file of the current or last Fit, or null.</summary>
    public string? TrainEventFile { get; private set; }

    /// <summary>The validation event file of the current or last Fit, or null when Fit did not validate.</summary>
    public string? ValidationEventFile { get; private set; }

    private EventFileWriter Train => train ??= Open("train", f => TrainEventFile = f);
    private EventFileWriter Validation => validation ??= Open("validation", f => ValidationEventFile = f);

    private EventFileWriter Open(string sub, Action<string> record)
    {
        var w = new EventFileWriter(Path.Combine(logDir, sub));
        record(w.FilePath);
        return w;
    }

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs)
    {
        Close();
        TrainEventFile = ValidationEventFile = null;
        globalTrainBatch = 0;
        inFit = true;
        _ = Train;
        if (writeGraph && Model is { } model && (model is Sequential || model.Graph is not null))
            Train.Text("keras", Saving.ModelSerializer.Serialize(model, includeCompile: true).ToJsonString(), 0,
                       "graph_keras_model", "1"u8.ToArray());
        if (embeddingsFreq > 0)
            ConfigureEmbeddings();
    }

    // Keras' _configure_embeddings: projector_config.pbtxt in the log folder, one entry per Embedding layer, with the
    // tensor name Keras writes and the metadata path when given; unknown layer names in the metadata are an error.
    private void ConfigureEmbeddings()
    {
        var byLayer = embeddingsMetadata is IReadOnlyDictionary<string, string> d ? new Dictionary<string, string>(d) : null;
        var sb = new System.Text.StringBuilder();
        foreach (var layer in Model.Layers.OfType<Layers.Embedding>())
        {
            sb.Append("embeddings {\n  tensor_name: \"layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE\"\n");
            string? metadata = embeddingsMetadata as string;
            if (byLayer is not null && byLayer.Remove(layer.Name, out var path)) metadata = path;
            if (metadata is not null) sb.Append("  metadata_path: \"").Append(metadata.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\"\n");
            sb.Append("}\n");
        }
        if (byLayer is { Count: > 0 })
            throw new ArgumentException($"Unrecognized Embedding layer names passed to TensorBoard's embeddingsMetadata: {string.Join(", ", byLayer.Keys)}.");
        Directory.CreateDirectory(logDir);
        var bytes = System.Text.Encoding.UTF8.GetBytes(sb.ToString());
        Saving.AtomicFile.Write(Path.Combine(logDir, "projector_config.pbtxt"), s => s.Write(bytes));
    }

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        epochBatches = 0;
        epochClock.Restart();
    }

    /// <inheritdoc />
    public override void OnTrainBatchBegin(int batch, Logs logs)
    {
        if (writeStepsPerSecond)
            batchClock.Restart();
    }

    /// <inheritdoc />
    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        globalTrainBatch++;
        epochBatches++;
        if (updateFreq.Batches is int n && globalTrainBatch % n == 0)
        {
            if (writeStepsPerSecond && batchClock.Elapsed.TotalSeconds > 0)
                Train.Scalar("batch_steps_per_second", 1.0 / batchClock.Elapsed.TotalSeconds, globalTrainBatch);
            foreach (var (name, value) in logs) Train.Scalar("batch_" + name, value, globalTrainBatch);
        }
    }

    /// <inheritdoc />
    public override void OnTestEnd(Logs logs)
    {
        // Keras writes these at every test end (validation inside Fit, or Evaluate), when the model has an optimizer.
        if (Model?.Optimizer is not { } optimizer)
            return;
        long iterations = optimizer.Iterations;
        foreach (var (name, value) in logs)
            Validation.Scalar($"evaluation_{name}_vs_iterations", value, iterations);
        Validation.Flush();
        if (!inFit)
        {
            // A standalone Evaluate: nothing else will close the file.
            validation?.Dispose();
            validation = null;
        }
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        var trainLogs = logs.Where(kv => !kv.Key.StartsWith("val_", StringComparison.Ordinal)).ToDictionary();
        var valLogs = logs.Where(kv => kv.Key.StartsWith("val_", StringComparison.Ordinal)).ToDictionary(kv => kv.Key[4..], kv => kv.Value);
        if (Model?.Optimizer is { } opt) trainLogs["learning_rate"] = (float)opt.LearningRate;
        if (writeStepsPerSecond && epochClock.Elapsed.TotalSeconds > 0)
            trainLogs["steps_per_second"] = epochBatches / epochClock.Elapsed.TotalSeconds;
        foreach (var (name, value) in trainLogs) Train.Scalar("epoch_" + name, value, epoch);
        if (valLogs.Count > 0)
        {
            foreach (var (name, value) in valLogs)
                Validation.Scalar("epoch_" + name, value, epoch);
            Validation.Flush();
        }
        if (histogramFreq > 0 && epoch % histogramFreq == 0) LogWeights(epoch);
        if (embeddingsFreq > 0 && epoch % embeddingsFreq == 0)
            Model!.SaveWeights(Path.Combine(logDir, "train", $"keras_embedding.ckpt-{epoch}.weights.h5"));
        Train.Flush();
    }

    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs)
    {
        inFit = false;
        Close();
    }

    void ITrainFailureAware.OnTrainFailure(Exception error)
    {
        inFit = false;
        Close();
    }

    private void LogWeights(int epoch)
    {
        if (!HasModel) return;
        foreach (var (name, weight) in NamedWeights(Model))
        {
            using var scope = NewDisposeScope();
            var values = weight.detach().to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
            Train.Histogram(name.Replace(':', '_') + "/histogram", values, epoch); // Keras: weight.name + "/histogram"
        }
    }

    // The model's weights in Layer.Weights order (each weight once), named as Keras' variables are: the weight's own
    // name ("kernel", "bias", "gamma"), without the layer's (Layer.WeightNameOf).
    private static List<(string Name, TorchSharp.Modules.Parameter Value)> NamedWeights(Model model)
    {
        var result = new List<(string, TorchSharp.Modules.Parameter)>();
        var seen = new HashSet<TorchSharp.Modules.Parameter>(ReferenceEqualityComparer.Instance);
        foreach (var layer in model.Layers)
        {
            var all = layer.Weights;
            for (int i = 0; i < all.Count; i++)
                if (seen.Add(all[i])) result.Add((Layers.Layer.WeightNameOf(all[i]) ?? "weight_" + i, all[i]));
        }
        foreach (var p in model.Weights)
            if (seen.Add(p)) result.Add(($"weight_{result.Count}", p));
        return result;
    }

    private void Close()
    {
        train?.Dispose();
        validation?.Dispose();
        train = validation = null;
    }
}
