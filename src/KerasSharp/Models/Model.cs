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
/// <c>Fit</c>, <c>Evaluate</c>, <c>Predict</c>, the <c>*OnBatch</c> methods, <see cref="Summary(TextWriter?)"/>, and device
/// placement. <see cref="Sequential"/> is the common subclass; subclass <see cref="Model"/> and override
/// <see cref="Call(Tensor, bool)"/> for a model written with TorchSharp ops.
/// </summary>
public partial class Model : Layer
{
    private Trainer? trainer;

    /// <summary>Creates a model on the current default device (<see cref="Keras.SetDevice"/>).</summary>
    protected Model(string? name = null) : base(name)
    {
        Device = DeviceManager.DefaultDevice;
    }

    /// <summary>The model's layers in order (the Input declaration excluded, as in Keras).</summary>
    public virtual IReadOnlyList<Layer> Layers => [];

    /// <summary>Set to true (from a callback) to stop Fit at the end of the current batch.</summary>
    public bool StopTraining { get; set; }

    /// <summary>The optimizer given to Compile, or null before compiling.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The loss given to Compile, or null before compiling.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>Weight of the loss (Keras' <c>loss_weights</c> for a single output).</summary>
    public double LossWeight { get; private set; } = 1.0;

    /// <summary>Compiled metrics (updated without sample weights).</summary>
    public IReadOnlyList<Metric> Metrics { get; private set; } = [];

    /// <summary>Compiled weighted metrics (updated with sample / class weights).</summary>
    public IReadOnlyList<Metric> WeightedMetrics { get; private set; } = [];

    /// <summary>True once <see cref="Compile(Optimizer?, Loss?, IEnumerable{Metric}?, IReadOnlyList{double}?, IEnumerable{Metric}?)"/> has run.</summary>
    public bool Compiled => Loss is not null && Optimizer is not null;

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <summary>
    /// The model's forward pass (Keras' <c>call</c>), in the autograd graph: usable in a hand-written TorchSharp loop.
    /// <paramref name="training"/> switches Dropout and other training-only behaviour on.
    /// </summary>
    public new virtual Tensor Call(Tensor x, bool training = false) =>
        throw new InvalidOperationException($"Model \"{Name}\" ({GetType().Name}) does not override Call(Tensor, bool).");

    private protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> xs, bool training) =>
        xs.Count == 1 && !IsMultiOutput ? [Call(xs[0], training)] : Call(xs, training);

    /// <summary>True for functional models with more than one output.</summary>
    internal virtual bool IsMultiOutput => false;

    private protected override IEnumerable<Layer> AllSubLayers() => Layers.Concat(SubLayers);

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> TrainableWeights =>
        Trainable ? base.TrainableWeights.Concat(Layers.SelectMany(l => l.TrainableWeights)).Distinct().ToArray() : [];

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> NonTrainableWeights =>
        Trainable
            ? base.NonTrainableWeights.Concat(Layers.SelectMany(l => l.NonTrainableWeights)).Distinct().ToArray()
            : base.NonTrainableWeights.Concat(Layers.SelectMany(l => l.Weights)).Distinct().ToArray();

    /// <inheritdoc />
    public override bool Trainable
    {
        get => base.Trainable;
        set => base.Trainable = value;
    }

    /// <summary>
    /// Configures training (Keras' <c>compile</c>). Names resolve through the registries:
    /// <c>Compile("adam", "categorical_crossentropy", metrics: ["accuracy"])</c>; unknown names fail here with the list of
    /// valid names.
    /// </summary>
    /// <param name="optimizer">Optimizer or name; default <c>rmsprop</c> as in Keras.</param>
    /// <param name="loss">Loss or name.</param>
    /// <param name="metrics">Metrics or names, evaluated without sample weights.</param>
    /// <param name="lossWeights">For a single output: one factor applied to the loss.</param>
    /// <param name="weightedMetrics">Metrics evaluated with sample and class weights.</param>
    public void Compile(Optimizer? optimizer = null, Loss? loss = null, IEnumerable<Metric>? metrics = null,
        IReadOnlyList<double>? lossWeights = null, IEnumerable<Metric>? weightedMetrics = null)
    {
        var m = metrics?.ToArray() ?? [];
        var wm = weightedMetrics?.ToArray() ?? [];
        if (m.Concat(wm).Any(x => x is null))
            throw new ArgumentException("metrics must not contain null entries.", nameof(metrics));
        if (lossWeights is not null && lossWeights.Count != 1)
            throw new ArgumentException($"lossWeights must have one entry per model output (1), but received {lossWeights.Count}.", nameof(lossWeights));
        var duplicate = m.Concat(wm).GroupBy(x => x.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Metric names must be unique, but '{duplicate.Key}' appears {duplicate.Count()} times.", nameof(metrics));
        if (wm.Length > 0)
            foreach (var w in wm.Where(w => m.Any(x => x.Name == w.Name))) w.Name = "weighted_" + w.Name;
        Optimizer = optimizer ?? OptimizerRegistry.Get("rmsprop");
        Loss = loss ?? throw new ArgumentNullException(nameof(loss), "Compile needs a loss, e.g. \"mse\" or \"categorical_crossentropy\".");
        LossWeight = lossWeights?[0] ?? 1.0;
        Metrics = m;
        WeightedMetrics = wm;
        trainer?.Dispose();
        trainer = null;
    }

    /// <summary>Compile with a custom loss function <c>(yTrue, yPred) =&gt; perSampleLoss</c>.</summary>
    public void Compile(Optimizer? optimizer, Func<Tensor, Tensor, Tensor> loss, IEnumerable<Metric>? metrics = null,
        IReadOnlyList<double>? lossWeights = null, IEnumerable<Metric>? weightedMetrics = null) =>
        Compile(optimizer, new LossFunctionWrapper(loss), metrics, lossWeights, weightedMetrics);

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
    public void Summary(TextWriter? writer = null) => SummaryPrinter.Print(this, writer ?? Console.Out);

    /// <summary>The summary as text.</summary>
    public string SummaryText()
    {
        using var sw = new StringWriter();
        SummaryPrinter.Print(this, sw);
        return sw.ToString();
    }
}
