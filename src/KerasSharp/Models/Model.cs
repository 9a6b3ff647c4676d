using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using KerasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp;

/// <summary>
/// A trainable model (Keras' <c>keras.Model</c>): <see cref="Compile(Optimizer?, Loss?, IEnumerable{Metric}?, IReadOnlyList{double}?, IEnumerable{Metric}?)"/>,
/// <c>Fit</c>, <c>Evaluate</c>, <c>Predict</c>, the <c>*OnBatch</c> methods, <see cref="Summary(TextWriter?, bool)"/>, and device
/// placement. <see cref="Sequential"/> is the common subclass; subclass <see cref="Model"/> and override
/// <see cref="Call(Tensor, bool)"/> for a model written with TorchSharp ops. As Keras tracks attributes, the layers such a
/// subclass holds in its fields or auto-properties (public or private; a layer, or a list, array or dictionary of layers)
/// are its <see cref="Layers"/>: their weights train, move with the model and are saved by <c>SaveWeights</c> under
/// Keras' attribute paths (<c>_dense1</c> and <c>Dense1</c> are <c>dense1</c>), with no call to <c>TrackLayer</c>.
/// <para>
/// A model is not thread-safe. Its training and inference entry points (<c>Fit</c>, <c>Evaluate</c>, <c>Predict</c>,
/// <c>PredictAll</c>, the <c>*OnBatch</c> methods, <see cref="ResetMetrics"/>) keep running state (metrics, the
/// optimizer's step), so a second such call on the same model from another thread while one is running throws an
/// <see cref="InvalidOperationException"/> at once, before touching anything; calls made from inside a running one on
/// the same thread (a callback that calls <c>Predict</c>) are allowed. Use one model per thread, or serialize the calls.
/// Building (the first call on an unbuilt model) is synchronised, so concurrent first calls never build twice.
/// </para>
/// </summary>
public partial class Model : Layer
{
    private Trainer? trainer;

    // The thread running a Fit/Evaluate/Predict/... call on this model (0: none), how deeply it is nested on that thread,
    // and the outermost call's name (for the message another thread gets).
    private int runningThread;
    private int runningDepth;
    private volatile string? runningOperation;

    /// <summary>
    /// Marks <paramref name="operation"/> as running on this thread until the returned scope is disposed. A call from
    /// another thread while one runs throws at once (models are not thread-safe); nested calls on the same thread (from
    /// a callback) are allowed.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is running a call on this model.</exception>
    internal RunningCall BeginCall(string operation)
    {
        int me = Environment.CurrentManagedThreadId;
        int owner = Interlocked.CompareExchange(ref runningThread, me, 0);
        if (owner != 0 && owner != me)
            throw new InvalidOperationException(
                $"Model \"{Name}\" is already running {runningOperation ?? "a call"} on another thread, so {operation} cannot run now; " +
                "KerasSharp models are not thread-safe: use one model per thread or serialize the calls.");
        if (runningDepth++ == 0) runningOperation = operation;
        return new RunningCall(this);
    }

    /// <summary>The scope of one <see cref="BeginCall"/>; disposing it ends the call.</summary>
    internal readonly struct RunningCall(Model model) : IDisposable
    {
        public void Dispose()
        {
            if (--model.runningDepth > 0) return;
            model.runningOperation = null;
            Volatile.Write(ref model.runningThread, 0);
        }
    }

    /// <summary>Creates a model on the current default device (<see cref="Keras.SetDevice"/>).</summary>
    protected Model(string? name = null) : base(name)
    {
        Device = DeviceManager.DefaultDevice;
    }

    /// <summary>
    /// The model's layers in order (Keras' <c>model.layers</c>): a Sequential's stack (the Input declaration excluded, as
    /// in Keras), a functional model's graph layers, and for a subclassed model the layers it tracks
    /// (<see cref="Layer.SubLayers"/>: those held in its fields, auto-properties, lists and arrays, and those registered
    /// with <c>TrackLayer</c>).
    /// </summary>
    public virtual IReadOnlyList<Layer> Layers => graph?.Layers ?? SubLayers;

    /// <summary>Set to true (from a callback) to stop Fit at the end of the current batch.</summary>
    public bool StopTraining { get; set; }

    /// <summary>The optimizer given to Compile, or null before compiling.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The loss given to Compile (the first output's loss for a model with several outputs), or null before compiling.</summary>
    public Loss? Loss => OutputLosses.Count > 0 ? OutputLosses[0] : null;

    /// <summary>One loss per model output, in output order (a single entry for single-output models).</summary>
    public IReadOnlyList<Loss?> OutputLosses { get; private set; } = [];

    /// <summary>One factor per output applied to its loss (Keras' <c>loss_weights</c>); all 1 by default.</summary>
    public IReadOnlyList<double> LossWeights { get; private set; } = [];

    /// <summary>Weight of the loss (Keras' <c>loss_weights</c> for a single output).</summary>
    public double LossWeight => LossWeights.Count > 0 ? LossWeights[0] : 1.0;

    /// <summary>
    /// The metrics Fit, Evaluate and their logs track (Keras' <c>metrics</c> property). Once compiled, as in Keras 3: first
    /// the loss tracker, a <see cref="Mean"/> named "loss" holding the running mean of the batch losses (the default step
    /// updates it weighted by batch size; a custom step may update it with <c>((Mean)metric).UpdateState(loss)</c>), then
    /// the compiled metrics and weighted metrics, every output's in output order. Empty before Compile. A model with a
    /// custom <see cref="TrainStep(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}?, Tensor?)"/> may override it to list
    /// the metrics its step updates: Fit and Evaluate then reset those at the start of each epoch and show their results
    /// in the logs, the progress bar and History.
    /// </summary>
    public virtual IReadOnlyList<Metric> Metrics => LossMetric is null ? [] : [LossMetric, .. CompiledMetrics, .. WeightedMetrics];

    /// <summary>The loss tracker Compile created (Keras' <c>_loss_tracker</c>), backed by the compiled loss's running mean.</summary>
    internal Mean? LossMetric { get; private set; }

    /// <summary>The running mean behind <see cref="LossMetric"/>, taken by the compiled loss of the next trainer.</summary>
    internal LossTracker? CompiledLossTracker { get; private set; }

    /// <summary>The metrics given to Compile (updated without sample weights), every output's in output order.</summary>
    internal IReadOnlyList<Metric> CompiledMetrics { get; private set; } = [];

    /// <summary>Compiled weighted metrics (updated with sample / class weights).</summary>
    public IReadOnlyList<Metric> WeightedMetrics { get; private set; } = [];

    /// <summary>The output index each metric of <see cref="Metrics"/> and <see cref="WeightedMetrics"/> reads.</summary>
    internal IReadOnlyDictionary<Metric, int> MetricOutputs { get; private set; } = new Dictionary<Metric, int>();

    /// <summary>True once Compile has run.</summary>
    public bool Compiled { get; private set; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <summary>
    /// The model's forward pass (Keras' <c>call</c>), in the autograd graph: usable in a hand-written TorchSharp loop.
    /// <paramref name="training"/> switches Dropout and other training-only behaviour on.
    /// </summary>
    public new virtual Tensor Call(Tensor x, bool training = false) => graph is not null
        ? CallGraph(x, training)
        : throw new InvalidOperationException($"Model \"{Name}\" ({GetType().Name}) does not override Call(Tensor, bool).");

    private protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> xs, bool training) =>
        xs.Count == 1 && !IsMultiOutput ? [Call(xs[0], training)] : Call(xs, training);

    /// <summary>True for functional models with more than one output.</summary>
    internal virtual bool IsMultiOutput => graph is { Outputs.Count: > 1 };

    private protected override IEnumerable<Layer> AllSubLayers() => Layers.Concat(SubLayers);

    private protected override IEnumerable<Layer> KnownOwnedLayers() => graph is not null
        ? base.KnownOwnedLayers().Concat(graph.Layers)
        : this is Sequential s ? base.KnownOwnedLayers().Concat(s.Layers) : base.KnownOwnedLayers();

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> TrainableWeights =>
        Trainable ? base.TrainableWeights.Concat(Layers.SelectMany(l => l.TrainableWeights)).Distinct<Parameter>(ReferenceEqualityComparer.Instance).ToArray() : [];

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> NonTrainableWeights =>
        Trainable
            ? base.NonTrainableWeights.Concat(Layers.SelectMany(l => l.NonTrainableWeights)).Distinct<Parameter>(ReferenceEqualityComparer.Instance).ToArray()
            : base.NonTrainableWeights.Concat(Layers.SelectMany(l => l.Weights)).Distinct<Parameter>(ReferenceEqualityComparer.Instance).ToArray();

    /// <inheritdoc />
    public override bool Trainable
    {
        get => base.Trainable;
        set => base.Trainable = value;
    }

    /// <summary>
    /// Configures training (Keras' <c>compile</c>). Names resolve through the registries:
    /// <c>Compile("adam", "categorical_crossentropy", metrics: ["accuracy"])</c>; unknown names fail here with the list of
    /// valid names. For a model with several outputs, this loss and these metrics apply to every output; use the
    /// overloads taking one loss per output for different ones.
    /// </summary>
    /// <param name="optimizer">Optimizer or name; default <c>rmsprop</c> as in Keras.</param>
    /// <param name="loss">Loss or name; null for a model that trains only on the loss terms it adds itself (<c>AddLoss</c>),
    /// as Keras' <c>compile(loss=None)</c>.</param>
    /// <param name="metrics">Metrics or names, evaluated without sample weights.</param>
    /// <param name="lossWeights">One factor per output applied to its loss.</param>
    /// <param name="weightedMetrics">Metrics evaluated with sample and class weights.</param>
    public void Compile(Optimizer? optimizer = null, Loss? loss = null, IEnumerable<Metric>? metrics = null,
        IReadOnlyList<double>? lossWeights = null, IEnumerable<Metric>? weightedMetrics = null)
    {
        var m = metrics?.ToArray() ?? [];
        var wm = weightedMetrics?.ToArray() ?? [];
        if (OutputCount == 1)
        {
            CompileCore(optimizer, loss is null ? null : [loss], [m], [wm], lossWeights);
            return;
        }
        // Keras applies a single loss to every output.
        if (m.Length > 0 || wm.Length > 0)
            throw new ArgumentException(
                $"Model \"{Name}\" has {OutputCount} outputs ({string.Join(", ", OutputNames)}): give metrics per output, e.g. metrics: [[\"accuracy\"], [\"mae\"]].", nameof(metrics));
        var none = Enumerable.Range(0, OutputCount).Select(_ => Array.Empty<Metric>()).ToArray();
        CompileCore(optimizer, loss is null ? null : Enumerable.Repeat(loss, OutputCount).ToArray(), none, none, lossWeights);
    }

    /// <summary>Compile with a custom loss function <c>(yTrue, yPred) =&gt; perSampleLoss</c>.</summary>
    public void Compile(Optimizer? optimizer, Func<Tensor, Tensor, Tensor> loss, IEnumerable<Metric>? metrics = null,
        IReadOnlyList<double>? lossWeights = null, IEnumerable<Metric>? weightedMetrics = null) =>
        Compile(optimizer, new LossFunctionWrapper(loss, FunctionName(loss)), metrics, lossWeights, weightedMetrics);

    // A registered function's bare name (Keras names a function loss after the function), else Keras' "custom_loss".
    private static string FunctionName(Func<Tensor, Tensor, Tensor> loss) =>
        loss is not null && KerasSharp.Saving.CustomObjects.RegisteredNameOf(loss) is string registered ? registered[(registered.IndexOf('>') + 1)..] : "custom_loss";

    /// <summary>
    /// Compile a model with several outputs: one loss per output in output order, optionally one metric list per
    /// output: <c>Compile("adam", ["categorical_crossentropy", "mse"], metrics: [["accuracy"], ["mae"]], lossWeights: [1.0, 0.2])</c>.
    /// Logs carry the total <c>loss</c>, each <c>&lt;output&gt;_loss</c> and <c>&lt;output&gt;_&lt;metric&gt;</c>.
    /// A null loss (Keras' <c>loss=[None, "mse"]</c>) leaves that output out of training: it needs no targets (y may
    /// give only the outputs with a loss, in order, or null for the others), and logs no <c>&lt;output&gt;_loss</c>
    /// (those are logged only when more than one output has a loss, as in Keras).
    /// </summary>
    public void Compile(Optimizer? optimizer, IReadOnlyList<Loss?> loss, IReadOnlyList<IReadOnlyList<Metric>>? metrics = null,
        IReadOnlyList<double>? lossWeights = null, IReadOnlyList<IReadOnlyList<Metric>>? weightedMetrics = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        CheckPerOutputCount(loss.Count, nameof(loss));
        if (metrics is not null) CheckPerOutputCount(metrics.Count, nameof(metrics));
        if (weightedMetrics is not null) CheckPerOutputCount(weightedMetrics.Count, nameof(weightedMetrics));
        CompileCore(optimizer, loss.ToArray(),
            Enumerable.Range(0, loss.Count).Select(i => metrics?[i]?.ToArray() ?? []).ToArray(),
            Enumerable.Range(0, loss.Count).Select(i => weightedMetrics?[i]?.ToArray() ?? []).ToArray(), lossWeights);
    }

    /// <summary>
    /// Compile a model with several outputs by output name (Keras' dict form): <c>loss: new Dictionary&lt;string, Loss&gt;
    /// { ["digits"] = "categorical_crossentropy", ["size"] = "mse" }</c>. Every output needs a key, as in Keras; a null
    /// value (<c>null!</c> under nullable annotations) leaves that output out of training (see the list form).
    /// </summary>
    public void Compile(Optimizer? optimizer, IReadOnlyDictionary<string, Loss> loss,
        IReadOnlyDictionary<string, IReadOnlyList<Metric>>? metrics = null, IReadOnlyDictionary<string, double>? lossWeights = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var names = OutputNames;
        foreach (var key in loss.Keys.Concat(metrics?.Keys ?? []).Concat(lossWeights?.Keys ?? []))
            if (!names.Contains(key))
                throw new ArgumentException($"Model \"{Name}\" has no output named '{key}'. Outputs: {string.Join(", ", names)}.", nameof(loss));
        var missing = names.FirstOrDefault(n => !loss.ContainsKey(n));
        if (missing is not null)
            throw new ArgumentException($"Model \"{Name}\": no loss given for output '{missing}'. Outputs: {string.Join(", ", names)}.", nameof(loss));
        CompileCore(optimizer, names.Select(n => (Loss?)loss[n]).ToArray(),
            names.Select(n => metrics is not null && metrics.TryGetValue(n, out var m) ? m.ToArray() : []).ToArray(),
            names.Select(_ => Array.Empty<Metric>()).ToArray(),
            lossWeights is null ? null : names.Select(n => lossWeights.TryGetValue(n, out var w) ? w : 1.0).ToArray());
    }

    private void CheckPerOutputCount(int count, string argument)
    {
        if (count != OutputCount)
            throw new ArgumentException(
                $"{argument} must have one entry per model output ({OutputCount}: {string.Join(", ", OutputNames)}), but received {count}.", argument);
    }

    // losses: one per output, or null when compiled without a loss (a model that adds its own loss terms).
    private void CompileCore(Optimizer? optimizer, Loss?[]? losses, Metric[][] metrics, Metric[][] weighted, IReadOnlyList<double>? lossWeights)
    {
        // Keras' loss=[None, ...]: an output without a loss is not trained on and needs no targets; with no loss at all,
        // the model trains on the terms it adds itself.
        if (losses is not null && losses.All(l => l is null)) losses = null;
        if (metrics.Concat(weighted).SelectMany(x => x).Any(x => x is null))
            throw new ArgumentException("metrics must not contain null entries.", nameof(metrics));
        if (lossWeights is not null && lossWeights.Count != metrics.Length)
            throw new ArgumentException($"lossWeights must have one entry per model output ({metrics.Length}), but received {lossWeights.Count}.", nameof(lossWeights));
        if (lossWeights is not null && lossWeights.Any(w => !double.IsFinite(w)))
            throw new ArgumentException($"lossWeights must be finite numbers, but received [{string.Join(", ", lossWeights)}].", nameof(lossWeights));
        bool multi = metrics.Length > 1;
        var outputs = new Dictionary<Metric, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < metrics.Length; i++)
        {
            foreach (var w in weighted[i].Where(w => metrics[i].Any(x => x.Name == w.Name))) w.Name = "weighted_" + w.Name;
            foreach (var x in metrics[i].Concat(weighted[i]))
            {
                if (multi) x.Name = $"{OutputNames[i]}_{x.Name}";
                if (!outputs.TryAdd(x, i))
                    throw new ArgumentException($"Metric object '{x.Name}' is listed twice; create one metric object per use.", nameof(metrics));
            }
        }
        var duplicate = outputs.Keys.GroupBy(x => x.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Metric names must be unique, but '{duplicate.Key}' appears {duplicate.Count()} times.", nameof(metrics));
        Optimizer = optimizer ?? OptimizerRegistry.Get("rmsprop");
        OutputLosses = losses ?? [];
        LossWeights = losses is null ? [] : lossWeights?.ToArray() ?? losses.Select(_ => 1.0).ToArray();
        CompiledMetrics = metrics.SelectMany(x => x).ToArray();
        WeightedMetrics = weighted.SelectMany(x => x).ToArray();
        MetricOutputs = outputs;
        trainer?.Dispose();
        trainer = null;
        CompiledLossTracker = new LossTracker();
        LossMetric = new Mean("loss", CompiledLossTracker);
        Compiled = true;
    }

    internal Trainer Trainer => trainer ??= new Trainer(this);

    /// <summary>Throws unless compiled (Keras: "You must call compile() before using the model").</summary>
    internal void EnsureCompiled(string operation)
    {
        if (!Compiled)
            throw new InvalidOperationException($"You must call Compile() before {operation} on model \"{Name}\".");
    }

    /// <summary>
    /// Moves the model's weights and its optimizer's state to <paramref name="device"/> (<c>"cpu"</c>, <c>"cuda"</c>,
    /// <c>"cuda:1"</c>). Asking for CUDA where there is none throws, saying why.
    /// </summary>
    public Model To(string device)
    {
        var target = DeviceManager.Resolve(device, nameof(device));
        return To(target);
    }

    /// <summary>Moves the model (and optimizer state) to a TorchSharp device.</summary>
    public Model To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        MoveTo(device);
        Optimizer?.To(device);
        return this;
    }

    internal override void MoveTo(Device target)
    {
        base.MoveTo(target);
        foreach (var l in Layers) l.MoveTo(target);
    }

    /// <summary>Prints Keras' summary table (layers, output shapes, parameter counts) to <paramref name="writer"/> or the console.</summary>
    /// <param name="writer">Where to print; the console by default.</param>
    /// <param name="showTrainable">Add Keras' <c>Trainable</c> column (<c>show_trainable=True</c>): Y or N for layers with weights, "-" for the others.</param>
    public void Summary(TextWriter? writer = null, bool showTrainable = false) => SummaryPrinter.Print(this, writer ?? Console.Out, showTrainable);

    /// <summary>The summary as text.</summary>
    /// <param name="showTrainable">Add Keras' <c>Trainable</c> column.</param>
    public string SummaryText(bool showTrainable = false)
    {
        using var sw = new StringWriter();
        SummaryPrinter.Print(this, sw, showTrainable);
        return sw.ToString();
    }
}
