using KerasSharp.Callbacks;
using KerasSharp.Data;
using static TorchSharp.torch;

namespace KerasSharp;

public partial class Model
{
    /// <summary>
    /// Trains the model (Keras' <c>fit</c>). <paramref name="x"/> and <paramref name="y"/> are TorchSharp tensors or
    /// .NET arrays (<c>float[,]</c>, <c>float[][]</c>, <c>double[,]</c>, <c>float[]</c>, <c>int[]</c>, <c>byte[,,]</c>, ...),
    /// lists or dictionaries of them: each converts implicitly to <see cref="ModelData"/> (use
    /// <see cref="ModelData.From(object)"/> for data typed only at run time).
    /// Every argument is checked, and one inference pass on the first batch checks shapes and labels, before any
    /// training step: a bad call throws and leaves the weights as they were.
    /// </summary>
    /// <param name="x">Inputs, samples on the first axis: one array or tensor, a list with one per model input, or a
    /// dictionary keyed by input name (Keras' dict form).</param>
    /// <param name="y">Targets, samples on the first axis (a list or a dictionary keyed by output name for several
    /// outputs); null for a model whose custom <see cref="TrainStep(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}?, Tensor?)"/>
    /// or whose own loss terms (Compile without a loss) need none.</param>
    /// <param name="batchSize">Samples per step (Keras default 32).</param>
    /// <param name="epochs">Index of the last epoch (training runs epochs <paramref name="initialEpoch"/>..epochs-1).</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Callbacks (History and the progress bar are added automatically).</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the data, taken from the end before shuffling, used for validation.</param>
    /// <param name="validationData">(x, y) to evaluate at the end of each epoch; takes precedence over validationSplit.
    /// When <paramref name="x"/> is a stream of batches or a <see cref="PyDataset"/>, (batches, null).</param>
    /// <param name="shuffle">Shuffle the training samples before each epoch.</param>
    /// <param name="classWeight">Class index -> weight applied to each sample's loss (a finite weight per index >= 0;
    /// an index that no label matches is unused, as in Keras).</param>
    /// <param name="sampleWeight">One weight per training sample, shape (n,) or (n, 1), or the per-sample loss shape
    /// (e.g. one weight per timestep).</param>
    /// <param name="initialEpoch">Epoch to start at (to resume training).</param>
    /// <param name="stepsPerEpoch">Batches per epoch (default: all the data).</param>
    /// <param name="validationBatchSize">Batch size for validation (default: batchSize).</param>
    /// <param name="validationFreq">Validate every this many epochs.</param>
    /// <param name="validationSteps">At most this many validation batches (default: all).</param>
    /// <returns>The <see cref="History"/> of per-epoch logs.</returns>
    public History Fit(ModelData x, ModelData? y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0.0, (ModelData X, ModelData? Y)? validationData = null,
        bool shuffle = true, IReadOnlyDictionary<int, double>? classWeight = null, ModelData? sampleWeight = null,
        int initialEpoch = 0, int? stepsPerEpoch = null, int? validationBatchSize = null, int validationFreq = 1,
        int? validationSteps = null)
    {
        EnsureCompiled("Fit()");
        using var running = BeginCall("Fit");
        return Trainer.Fit(x, y, batchSize, epochs, verbose, callbacks, validationSplit, validationData, shuffle,
            classWeight, sampleWeight, initialEpoch, stepsPerEpoch, validationBatchSize, validationFreq, validationSteps);
    }

    /// <summary>
    /// Trains on a stream of batches (Keras' fit on a dataset) for data that does not fit in memory.
    /// The sequence is enumerated once per epoch (or for <paramref name="stepsPerEpoch"/> batches).
    /// </summary>
    public History Fit(IEnumerable<(Tensor X, Tensor Y)> data, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, IEnumerable<(Tensor X, Tensor Y)>? validationData = null,
        IReadOnlyDictionary<int, double>? classWeight = null, int initialEpoch = 0, int? stepsPerEpoch = null,
        int validationFreq = 1, int? validationSteps = null) =>
        Fit(Batches(data), epochs, verbose, callbacks, validationData is null ? null : Batches(validationData), classWeight,
            initialEpoch, stepsPerEpoch, validationFreq, validationSteps);

    /// <summary>
    /// Trains on a stream of <see cref="DataBatch"/>es: each may carry per-sample weights, several inputs and targets
    /// (lists or dictionaries keyed by name), or no targets for a model that needs none. Enumerated once per epoch (or for
    /// <paramref name="stepsPerEpoch"/> batches); <paramref name="validationData"/> is evaluated every
    /// <paramref name="validationFreq"/> epochs, for at most <paramref name="validationSteps"/> batches.
    /// </summary>
    public History Fit(IEnumerable<DataBatch> data, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        IEnumerable<DataBatch>? validationData = null, IReadOnlyDictionary<int, double>? classWeight = null,
        int initialEpoch = 0, int? stepsPerEpoch = null, int validationFreq = 1, int? validationSteps = null)
    {
        EnsureCompiled("Fit()");
        using var running = BeginCall("Fit");
        return Trainer.FitBatches(data, epochs, verbose, callbacks, validationData, classWeight, shuffle: false, initialEpoch,
            stepsPerEpoch, validationSteps, validationFreq);
    }

    /// <summary>
    /// Trains on a <see cref="PyDataset"/> (Keras' <c>fit(py_dataset)</c>): each epoch takes its batches 0 .. Length-1, in
    /// a random order when <paramref name="shuffle"/> (as Keras does), then calls its <see cref="PyDataset.OnEpochEnd"/>.
    /// <paramref name="validationData"/> may be another PyDataset or a stream of batches.
    /// </summary>
    public History Fit(PyDataset data, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        object? validationData = null, IReadOnlyDictionary<int, double>? classWeight = null, bool shuffle = true,
        int initialEpoch = 0, int? stepsPerEpoch = null, int validationFreq = 1, int? validationSteps = null)
    {
        EnsureCompiled("Fit()");
        using var running = BeginCall("Fit");
        return Trainer.FitBatches(data, epochs, verbose, callbacks, validationData, classWeight, shuffle, initialEpoch,
            stepsPerEpoch, validationSteps, validationFreq);
    }

    // The (x, y) tuples of the first stream API as batches (a null x reaches the loop's check as a null batch).
    private static IEnumerable<DataBatch> Batches(IEnumerable<(Tensor X, Tensor Y)> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Select(b => b.X is null ? null! : new DataBatch(b.X, b.Y));
    }

    /// <summary>
    /// Computes the loss and metrics on (x, y) in inference mode (Keras' <c>evaluate(..., return_dict=True)</c>):
    /// <c>scores["loss"]</c>, <c>scores["accuracy"]</c>.
    /// </summary>
    /// <param name="x">Inputs, samples on the first axis (one per model input for several inputs).</param>
    /// <param name="y">Targets, samples on the first axis.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="sampleWeight">Weights of shape (n,) or (n, 1), or the per-sample loss shape.</param>
    /// <param name="steps">At most this many batches; null, 0 or a negative count evaluates all the data (as in Keras).</param>
    /// <param name="callbacks">Callbacks receiving the test events.</param>
    public IReadOnlyDictionary<string, double> Evaluate(ModelData x, ModelData? y, int batchSize = 32, int verbose = 1,
        ModelData? sampleWeight = null, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        EnsureCompiled("Evaluate()");
        using var running = BeginCall("Evaluate");
        return Trainer.Evaluate(x, y, batchSize, verbose, sampleWeight, steps, callbacks);
    }

    /// <summary>Evaluates on a stream of batches.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(IEnumerable<(Tensor X, Tensor Y)> data, int verbose = 1,
        int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        EvaluateBatches(Batches(data), verbose, steps, callbacks);

    /// <summary>Evaluates on a stream of <see cref="DataBatch"/>es (with sample weights, several inputs or outputs).</summary>
    public IReadOnlyDictionary<string, double> Evaluate(IEnumerable<DataBatch> data, int verbose = 1,
        int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        EvaluateBatches(data, verbose, steps, callbacks);

    /// <summary>Evaluates on a <see cref="PyDataset"/>, its batches in order.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(PyDataset data, int verbose = 1,
        int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        EvaluateBatches(data, verbose, steps, callbacks);

    private IReadOnlyDictionary<string, double> EvaluateBatches(object data, int verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        EnsureCompiled("Evaluate()");
        using var running = BeginCall("Evaluate");
        return Trainer.EvaluateBatches(data, verbose, steps, callbacks);
    }

    /// <summary>
    /// Runs the model on <paramref name="x"/> in inference mode, in batches; returns float32 outputs on the CPU. For a
    /// model with several inputs, <paramref name="x"/> is a list with one array or tensor per input; a model with several
    /// outputs needs <see cref="PredictAll"/>. <paramref name="steps"/> limits the batches; null, 0 or a negative count
    /// predicts all the data (as in Keras).
    /// </summary>
    public Tensor Predict(ModelData x, int batchSize = 32, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        if (IsMultiOutput)
            throw new InvalidOperationException($"Model \"{Name}\" has {OutputCount} outputs; use PredictAll to receive all of them.");
        using var running = BeginCall("Predict");
        return SingleOutput(Trainer.Predict(x, batchSize, verbose, steps, callbacks));
    }

    /// <summary>Predict for models with several outputs: one tensor per output, in output order (Keras returns a list).</summary>
    public IReadOnlyList<Tensor> PredictAll(ModelData x, int batchSize = 32, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        using var running = BeginCall("PredictAll");
        return Trainer.Predict(x, batchSize, verbose, steps, callbacks);
    }

    /// <summary>Runs the model on a stream of input batches; returns the concatenated outputs on the CPU.</summary>
    /// <remarks>For a model with several inputs, a <c>Tensor[]</c> is one tensor per input (as in Keras), not a stream.</remarks>
    public Tensor Predict(IEnumerable<Tensor> batches, int verbose = 1, IEnumerable<Callback>? callbacks = null)
    {
        if (InputCount > 1) return Predict(batches is null ? default : ModelData.From(batches), verbose: verbose, callbacks: callbacks);
        ArgumentNullException.ThrowIfNull(batches);
        using var running = BeginCall("Predict");
        return SingleOutput(Trainer.PredictBatches(batches.Select(b => b is null ? null : new DataBatch(b)), verbose, null, callbacks));
    }

    /// <summary><see cref="Predict(IEnumerable{Tensor}, int, IEnumerable{Callback}?)"/> for an array of batches (one tensor
    /// per input for a model with several inputs). Declared so that the array, which also converts to
    /// <see cref="ModelData"/>, chooses this overload on every C# version.</summary>
    public Tensor Predict(Tensor[] batches, int verbose = 1, IEnumerable<Callback>? callbacks = null) =>
        Predict((IEnumerable<Tensor>)batches, verbose, callbacks);

    /// <summary><see cref="Predict(IEnumerable{Tensor}, int, IEnumerable{Callback}?)"/> for a list of batches (one tensor
    /// per input for a model with several inputs). Declared so that the list, which also converts to
    /// <see cref="ModelData"/>, chooses this overload on every C# version.</summary>
    public Tensor Predict(List<Tensor> batches, int verbose = 1, IEnumerable<Callback>? callbacks = null) =>
        Predict((IEnumerable<Tensor>)batches, verbose, callbacks);

    /// <summary>Runs the model on a stream of <see cref="DataBatch"/>es (their inputs; several inputs as a list or a
    /// dictionary keyed by name) or a <see cref="PyDataset"/>; one CPU tensor per model output, batches concatenated.</summary>
    /// <param name="data">An <see cref="IEnumerable{DataBatch}"/> or a <see cref="PyDataset"/>.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">At most this many batches; null, 0 or a negative count predicts all of them.</param>
    /// <param name="callbacks">Callbacks receiving the predict events.</param>
    public IReadOnlyList<Tensor> PredictBatches(object data, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var running = BeginCall("PredictBatches");
        return Trainer.PredictBatches(data, verbose, steps, callbacks);
    }

    private Tensor SingleOutput(Tensor[] outputs)
    {
        if (outputs.Length == 1) return outputs[0];
        foreach (var o in outputs) o.Dispose();
        throw new InvalidOperationException($"Model \"{Name}\" has {outputs.Length} outputs; use PredictAll to receive all of them.");
    }

    /// <summary>One training step on one batch (Keras' <c>train_on_batch</c>). Returns the logs: as in Keras 3, loss and metrics are running means since the last <see cref="ResetMetrics"/>.</summary>
    public IReadOnlyDictionary<string, double> TrainOnBatch(ModelData x, ModelData? y, ModelData? sampleWeight = null,
        IReadOnlyDictionary<int, double>? classWeight = null)
    {
        EnsureCompiled("TrainOnBatch()");
        using var running = BeginCall("TrainOnBatch");
        return Trainer.TrainOnBatch(x, y, sampleWeight, classWeight);
    }

    /// <summary>Loss and metrics on one batch in inference mode (Keras' <c>test_on_batch</c>).</summary>
    public IReadOnlyDictionary<string, double> TestOnBatch(ModelData x, ModelData? y, ModelData? sampleWeight = null)
    {
        EnsureCompiled("TestOnBatch()");
        using var running = BeginCall("TestOnBatch");
        return Trainer.TestOnBatch(x, y, sampleWeight);
    }

    /// <summary>Outputs for one batch in inference mode (Keras' <c>predict_on_batch</c>), float32 on the CPU.</summary>
    public Tensor PredictOnBatch(ModelData x)
    {
        using var running = BeginCall("PredictOnBatch");
        return SingleOutput(Trainer.PredictOnBatch(x));
    }

    /// <summary>
    /// One training step of Fit on one batch (Keras' <c>train_step</c>) for single-input, single-output models; returns
    /// the batch loss, which Fit logs as <c>loss</c>. Override it to customise what happens in Fit while keeping
    /// callbacks, metrics, History and the progress bar: run <see cref="Call(Tensor, bool)"/> with <c>training: true</c>,
    /// compute a loss (for instance with <see cref="ComputeLoss(Tensor, Tensor, Tensor?)"/>), call <c>backward()</c>,
    /// apply <see cref="Optimizer"/> to <see cref="TrainableWeights"/>, and update metrics with
    /// <see cref="UpdateMetrics(Tensor, Tensor, Tensor?)"/>. The default does exactly that with the compiled loss. For
    /// any model, and to return logs of its own, override <see cref="TrainStep(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}?, Tensor?)"/>.
    /// </summary>
    /// <param name="x">The input batch, on the model's device.</param>
    /// <param name="y">The target batch.</param>
    /// <param name="sampleWeight">Per-sample weights (from sampleWeight or classWeight), or null.</param>
    public virtual Tensor TrainStep(Tensor x, Tensor y, Tensor? sampleWeight = null)
    {
        EnsureCompiled("TrainStep()");
        return Trainer.Steps.StandardTrainStep([x], [y], sampleWeight, TrainableWeights, out _);
    }

    /// <summary>
    /// One training step of Fit, TrainOnBatch and streamed Fit, for any model (Keras' <c>train_step(data)</c>). The default
    /// runs the forward pass in training mode, the compiled loss (plus the model's own loss terms), backward and one
    /// optimizer update (none for a model without trainable weights), updates the compiled metrics, and returns null: the
    /// logs are then the running loss and metrics. An override (a GAN's two updates, a custom objective) returns its
    /// logs, e.g. <c>new Dictionary&lt;string, double&gt; { ["d_loss"] = dLossTracker.Result(), ["g_loss"] = gLossTracker.Result() }</c>: the progress bar and the
    /// batch callbacks show them, and an epoch logs the results of <see cref="Metrics"/> when their names are the
    /// returned keys (list the trackers the step updates in a <see cref="Metrics"/> override, so they are reset each
    /// epoch), else the last step's logs. With an override Fit checks no target against the compiled loss, and y may be null.
    /// </summary>
    /// <param name="x">One input batch per model input, on the model's device.</param>
    /// <param name="y">One target batch per model output, or null when the data has none.</param>
    /// <param name="sampleWeight">Per-sample weights (from sampleWeight or classWeight), or null.</param>
    /// <returns>The logs to show, or null for the running loss and metrics.</returns>
    public virtual IReadOnlyDictionary<string, double>? TrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
    {
        EnsureCompiled("TrainStep()");
        Trainer.Steps.DefaultTrain(x, y, sampleWeight);
        return null;
    }

    /// <summary>
    /// One evaluation step of Evaluate, TestOnBatch and Fit's validation (Keras' <c>test_step(data)</c>): the default runs
    /// the forward pass in inference mode, tracks the compiled loss and updates the metrics, and returns null (the logs
    /// are the running loss and metrics). Overrides return their own logs as <see cref="TrainStep(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}?, Tensor?)"/> does.
    /// Runs under <c>no_grad</c>.
    /// </summary>
    /// <param name="x">One input batch per model input.</param>
    /// <param name="y">One target batch per model output, or null.</param>
    /// <param name="sampleWeight">Per-sample weights, or null.</param>
    /// <returns>The logs to show, or null for the running loss and metrics.</returns>
    public virtual IReadOnlyDictionary<string, double>? TestStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
    {
        EnsureCompiled("TestStep()");
        Trainer.Steps.DefaultTest(x, y, sampleWeight);
        return null;
    }

    /// <summary>
    /// One prediction step of Predict, PredictAll and PredictOnBatch (Keras' <c>predict_step(data)</c>): the outputs of
    /// the model on one batch, one tensor per output. The default is the forward pass in inference mode; an override may
    /// post-process (e.g. decode) the outputs. Runs under <c>no_grad</c>.
    /// </summary>
    /// <param name="x">One input batch per model input.</param>
    public virtual IReadOnlyList<Tensor> PredictStep(IReadOnlyList<Tensor> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ApplyAll(x, training: false);
    }

    /// <summary>
    /// Keras' <c>compute_loss</c>: the compiled loss of <paramref name="yPred"/> against <paramref name="y"/> (times its loss
    /// weight) plus every regularization and <c>AddLoss</c> term of the model's layers. A scalar in the autograd graph.
    /// </summary>
    public Tensor ComputeLoss(Tensor y, Tensor yPred, Tensor? sampleWeight = null)
    {
        EnsureCompiled("ComputeLoss()");
        return Trainer.Steps.Loss.Compute([y], [yPred], sampleWeight, out _);
    }

    /// <summary><see cref="ComputeLoss(Tensor, Tensor, Tensor?)"/> for any model: one target and one prediction per
    /// output (y may be null for a model compiled without a loss).</summary>
    public Tensor ComputeLoss(IReadOnlyList<Tensor>? y, IReadOnlyList<Tensor> yPred, Tensor? sampleWeight = null)
    {
        EnsureCompiled("ComputeLoss()");
        ArgumentNullException.ThrowIfNull(yPred);
        return Trainer.Steps.Loss.Compute(y, yPred, sampleWeight, out _);
    }

    /// <summary>Updates the compiled metrics with one batch (for custom <see cref="TrainStep(Tensor, Tensor, Tensor?)"/> overrides).</summary>
    public void UpdateMetrics(Tensor y, Tensor yPred, Tensor? sampleWeight = null)
    {
        EnsureCompiled("UpdateMetrics()");
        Trainer.Steps.Metrics.Update([y], [yPred.detach()], sampleWeight);
    }

    /// <summary>Updates the compiled metrics with one batch, one target and one prediction per output.</summary>
    public void UpdateMetrics(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> yPred, Tensor? sampleWeight = null)
    {
        EnsureCompiled("UpdateMetrics()");
        ArgumentNullException.ThrowIfNull(yPred);
        Trainer.Steps.Metrics.Update(y, yPred.Select(p => p.detach()).ToArray(), sampleWeight);
    }

    /// <summary>Resets the running loss and metrics (Keras' <c>reset_metrics</c>).</summary>
    public void ResetMetrics()
    {
        using var running = BeginCall("ResetMetrics");
        Trainer.ResetMetrics();
    }
}
