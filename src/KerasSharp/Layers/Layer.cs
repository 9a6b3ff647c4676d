using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Base of every layer (Keras' <c>keras.layers.Layer</c>): configuration plus <see cref="Build(Shape)"/> (create weights once
/// the input shape is known) and <see cref="Call(Tensor, bool)"/> (compute). <see cref="Apply(Tensor, bool?)"/> does what Keras' <c>__call__</c>
/// does: build on first use, check the input against <see cref="InputSpec"/>, cast floating inputs to float32, call.
/// Weights are TorchSharp <see cref="Parameter"/>s in Keras' layouts (a Dense kernel is <c>(in, out)</c>), so
/// TorchSharp autograd and optimizers work on them directly.
/// </summary>
public abstract partial class Layer
{
    private readonly List<(string Name, Parameter Value, bool Trainable)> weights = [];
    // Owned layers, copy-on-write so that a reader never sees the array change under it: TrackLayer'd ones in call
    // order, then those found in the subclass's fields (see MemberLayers) as they appear.
    private Layer[] children = [];
    private MemberLayers.Member[]? members;
    private static readonly object TrackGate = new();
    private readonly List<Tensor> callLosses = [];
    private Device? device;

    /// <summary>Creates a layer.</summary>
    /// <param name="name">Unique name; defaults to Keras' snake_case class name with a counter (<c>dense</c>, <c>dense_1</c>).</param>
    /// <param name="trainable">Whether <see cref="TrainableWeights"/> are updated by training.</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis (first layer of a Sequential).</param>
    /// <exception cref="DllNotFoundException">LibTorch's native libraries cannot be loaded (the message names the package to add).</exception>
    protected Layer(string? name = null, bool trainable = true, Shape? inputShape = null)
    {
        Runtime.NativePackageCheck.EnsureUsable();
        Name = string.IsNullOrEmpty(name) ? UniqueNames.Next(UniqueNames.ToSnakeCase(GetType().Name)) : name;
        this.trainable = trainable;
        DeclaredInputShape = inputShape is { Rank: > 0 } ? inputShape : null;
    }

    /// <summary>The layer's name (unique within a model).</summary>
    public string Name { get; }

    /// <summary>
    /// Whether training updates this layer's weights (Keras' <c>trainable</c>). Setting it sets every layer this one
    /// owns too, as Keras does: <c>baseModel.Trainable = false</c> freezes each nested layer, and setting it back to
    /// true unfreezes them all.
    /// </summary>
    public virtual bool Trainable
    {
        get => trainable;
        set
        {
            trainable = value;
            foreach (var layer in AllSubLayers()) layer.Trainable = value;
        }
    }

    private bool trainable;

    /// <summary>Sets <see cref="Trainable"/> on this layer alone, leaving its layers' own flags as they are (a config
    /// being loaded, where each nested layer's flag is stored with it).</summary>
    internal void SetOwnTrainable(bool value) => trainable = value;

    /// <summary>True once <see cref="Build(Shape)"/> has run and the weights exist.</summary>
    public bool Built { get => built; private set => built = value; }

    // Volatile: a thread that sees true without taking the build lock also sees the weights the build created.
    private volatile bool built;

    /// <summary>Input shape without the batch axis given at construction (<c>inputShape:</c>), or null.</summary>
    public Shape? DeclaredInputShape { get; }

    /// <summary>The input shape (with batch axis) the layer was built for, or null before building.</summary>
    public Shape? BuildInputShape { get; private set; }

    /// <summary>What the layer accepts; checked on every <see cref="Apply(Tensor, bool?)"/>. Set it in the constructor or in <see cref="Build(Shape)"/>.</summary>
    protected InputSpec? InputSpec { get; set; }

    /// <summary>True for layers that take integer inputs as they are (e.g. Embedding); others get float32.</summary>
    protected virtual bool AcceptsIntegerInput => false;

    /// <summary>The device the layer's weights live on (the model's device).</summary>
    public Device Device
    {
        get => device ?? DeviceManager.DefaultDevice;
        internal set => device = value;
    }

    /// <summary>Every weight: trainable ones first, then non-trainable (Keras' <c>layer.weights</c>).</summary>
    public virtual IReadOnlyList<Parameter> Weights => [.. TrainableWeights, .. NonTrainableWeights];

    /// <summary>Weights updated by training (empty when <see cref="Trainable"/> is false).</summary>
    public virtual IReadOnlyList<Parameter> TrainableWeights =>
        Trainable ? weights.Where(w => w.Trainable).Select(w => w.Value).Concat(Children.SelectMany(c => c.TrainableWeights)).Distinct<Parameter>(ReferenceEqualityComparer.Instance).ToArray() : [];

    /// <summary>Weights not updated by gradient descent (all of them when <see cref="Trainable"/> is false).</summary>
    public virtual IReadOnlyList<Parameter> NonTrainableWeights =>
        weights.Where(w => !Trainable || !w.Trainable).Select(w => w.Value)
            .Concat(Children.SelectMany(c => Trainable ? c.NonTrainableWeights : c.Weights)).Distinct<Parameter>(ReferenceEqualityComparer.Instance).ToArray();

    /// <summary>This layer's own weights with their names, in creation order (Keras' variable order for saving).</summary>
    internal IReadOnlyList<(string Name, Parameter Value, bool Trainable)> OwnWeights => weights;

    // The layer that created or adopted each weight, for messages about weights found without their layer.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Parameter, Layer> Owners = new();

    // Keras' variable name and path of each weight (kernel, dense/kernel), fixed when the weight is created.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Parameter, WeightId> WeightIds = new();

    private sealed record WeightId(string Name, string Path);

    /// <summary>Keras' <c>variable.name</c> of a weight created by a layer (<c>kernel</c>), or null.</summary>
    internal static string? WeightNameOf(Parameter weight) => WeightIds.TryGetValue(weight, out var id) ? id.Name : null;

    /// <summary>Keras' <c>variable.path</c> of a weight created by a layer (<c>dense/kernel</c>), or null.</summary>
    internal static string? WeightPathOf(Parameter weight) => WeightIds.TryGetValue(weight, out var id) ? id.Path : null;

    // Models do not open a name scope in Keras (a Sequential's Dense kernel is "dense/kernel"), nor do the wrappers,
    // which build their inner layer as it is (a Bidirectional's "forward_lstm/lstm_cell/kernel").
    private bool OpensNameScope => this is not Model and not Bidirectional and not TimeDistributed;

    // Enters this layer's name scope; true when one was opened (then ExitNameScope must follow, in a finally).
    private bool EnterNameScope()
    {
        if (!OpensNameScope) return false;
        (CallContext.Current.NameScopes ??= []).Add(this);
        return true;
    }

    private static void ExitNameScope(bool opened)
    {
        if (!opened) return;
        var scopes = CallContext.Current.NameScopes!;
        scopes.RemoveAt(scopes.Count - 1);
    }

    private void RecordWeightId(string name, Parameter p)
    {
        var scopes = CallContext.Current.NameScopes;
        var prefix = scopes is { Count: > 0 } ? string.Join("/", scopes.Select(l => l.Name)) : "";
        if (scopes is not { Count: > 0 } || !ReferenceEquals(scopes[^1], this))
            prefix = prefix.Length == 0 ? Name : prefix + "/" + Name;
        WeightIds.AddOrUpdate(p, new WeightId(name, prefix + "/" + name));
    }

    /// <summary>The layer whose own weight <paramref name="weight"/> is, or null.</summary>
    internal static Layer? OwnerOf(Parameter weight) => Owners.TryGetValue(weight, out var layer) ? layer : null;

    /// <summary>
    /// Layers this layer owns and calls (Keras' tracked layers): those registered with <see cref="TrackLayer{T}"/>, in
    /// registration order, then those a subclass holds in its own fields or auto-properties (public or private; a layer,
    /// or a list, array or dictionary of layers), found as Keras' attribute tracking finds them, in declaration order.
    /// Fields are read again on every access, so layers assigned after the constructor (e.g. in <c>Build</c>) join too.
    /// </summary>
    public virtual IReadOnlyList<Layer> SubLayers => Children;

    /// <summary>The owned layers, after looking for new ones in the subclass's fields.</summary>
    private Layer[] Children
    {
        get
        {
            DiscoverMemberLayers();
            return children;
        }
    }

    /// <summary>
    /// Registers <paramref name="layer"/> as owned by this one (Keras tracks attribute layers automatically, and so does
    /// KerasSharp for layers held in fields; this is for layers held nowhere else): its weights join this layer's weights
    /// and losses, it is saved (under <c>layers/&lt;snake_case class&gt;</c> when no field holds it), and it moves with this
    /// layer between devices. Returns the layer.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="layer"/> is this layer or one that owns it.</exception>
    protected T TrackLayer<T>(T layer) where T : Layer
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!AddChild(layer))
            throw new ArgumentException(
                $"Layer \"{Name}\" cannot track layer \"{layer.Name}\": {(ReferenceEquals(layer, this) ? "it is the layer itself" : "that layer already owns this one")}, and a layer cannot own itself.", nameof(layer));
        return layer;
    }

    // Adds a layer unless it is already owned; false (nothing added) when it is this layer or owns this layer.
    private bool AddChild(Layer layer)
    {
        lock (TrackGate)
        {
            if (Owns(children, layer)) return true;
            if (ReferenceEquals(layer, this) || Reaches(layer, this)) return false;
            children = [.. children, layer];
            return true;
        }
    }

    private static bool Owns(Layer[] list, Layer layer)
    {
        foreach (var l in list)
            if (ReferenceEquals(l, layer)) return true;
        return false;
    }

    // Whether target is owned, directly or not, by start, through the layers already known (no field look-up).
    private static bool Reaches(Layer start, Layer target)
    {
        var seen = new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Layer>([start]);
        while (stack.Count > 0)
        {
            var l = stack.Pop();
            if (!seen.Add(l)) continue;
            foreach (var c in l.KnownOwnedLayers())
            {
                if (ReferenceEquals(c, target)) return true;
                stack.Push(c);
            }
        }
        return false;
    }

    /// <summary>The owned layers known now, without reading fields (models add their graph's or stack's layers).</summary>
    private protected virtual IEnumerable<Layer> KnownOwnedLayers() => children;

    /// <summary>
    /// Adds the layers this object's subclass holds in its fields that are not owned yet (Keras' attribute tracking). A
    /// layer that owns this one (a reference back to a parent) is left out, so ownership never forms a cycle.
    /// </summary>
    private void DiscoverMemberLayers()
    {
        var found = members ??= MemberLayers.Of(GetType());
        if (found.Length == 0) return;
        foreach (var layer in MemberLayers.LayersOf(this, found))
            if (!Owns(children, layer)) AddChild(layer);
    }

    /// <summary>Regularizer applied to this layer's outputs (Keras' <c>activity_regularizer</c>); its penalty joins <see cref="Losses"/>.</summary>
    public Regularizer? ActivityRegularizer { get; protected set; }

    /// <summary>
    /// The extra loss terms training adds to the compiled loss (Keras' <c>layer.losses</c>): the penalty of every weight
    /// regularizer (computed now, in the autograd graph), plus the terms added with <see cref="AddLoss"/> and by the
    /// activity regularizer during the latest call; sub-layers included.
    /// </summary>
    public IReadOnlyList<Tensor> Losses
    {
        get
        {
            var result = new List<Tensor>();
            CollectLosses(result, []);
            return result;
        }
    }

    private void CollectLosses(List<Tensor> into, HashSet<Layer> seen)
    {
        if (!seen.Add(this)) return;
        foreach (var (_, p, _) in weights)
            if (p is LayerVariable { Regularizer: { } r }) into.Add(r.Call(p));
        into.AddRange(callLosses);
        foreach (var c in AllSubLayers()) c.CollectLosses(into, seen);
    }

    /// <summary>Adds a scalar loss term from inside <see cref="Call(Tensor, bool)"/> (Keras' <c>add_loss</c>); training adds it to the loss.</summary>
    protected void AddLoss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        callLosses.Add(loss.numel() == 1 ? loss.reshape([]) : loss.sum());
    }

    // Each top-level call clears the call losses of every layer under it once, marked with a fresh stamp (no set of
    // visited layers to allocate on every call).
    private void ClearCallLosses(long stamp)
    {
        if (clearedStamp == stamp) return;
        clearedStamp = stamp;
        callLosses.Clear();
        foreach (var c in AllSubLayers()) c.ClearCallLosses(stamp);
    }

    private long clearedStamp;
    private static long clearStamps;

    /// <summary>Owned layers plus, for models, their layers.</summary>
    private protected virtual IEnumerable<Layer> AllSubLayers() => Children;

    /// <summary>
    /// Creates a weight of <paramref name="shape"/> (Keras' <c>add_weight</c>), initialised by
    /// <paramref name="initializer"/> (default <c>glorot_uniform</c>), on the layer's device. Call it from <see cref="Build(Shape)"/>.
    /// </summary>
    /// <param name="name">Weight name, unique within the layer (<c>kernel</c>, <c>bias</c>).</param>
    /// <param name="shape">Fully known shape in Keras' layout.</param>
    /// <param name="initializer">Initial values (default <c>glorot_uniform</c>).</param>
    /// <param name="trainable">False for statistics updated outside gradient descent (e.g. moving means).</param>
    /// <param name="regularizer">Penalty added to the training loss (Keras' <c>regularizer</c>).</param>
    /// <param name="constraint">Projection applied after each optimizer update (Keras' <c>constraint</c>).</param>
    protected Parameter AddWeight(string name, Shape shape, Initializer? initializer = null, bool trainable = true,
        Regularizer? regularizer = null, Constraint? constraint = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!shape.IsFullyDefined)
            throw new ArgumentException($"Layer \"{Name}\": weight '{name}' needs a fully known shape, but received {shape}.", nameof(shape));
        if (weights.Any(w => w.Name == name))
            throw new ArgumentException($"Layer \"{Name}\" already has a weight named '{name}'.", nameof(name));
        Saving.WeightBudget.Charge(Name, name, shape);   // before anything is allocated
        initializer ??= InitializerRegistry.Get("glorot_uniform");
        using var _ = no_grad();
        var value = initializer.Call(shape.ToArray(), ScalarType.Float32, Device);
        var p = new LayerVariable(value, trainable, regularizer, constraint);
        p.DetachFromDisposeScope();
        weights.Add((name, p, trainable));
        Owners.AddOrUpdate(p, this);
        RecordWeightId(name, p);
        return p;
    }

    /// <summary>
    /// Creates the weight of one role of the layer's <paramref name="settings"/> (its name, initializer, regularizer and
    /// constraint), as <see cref="AddWeight(string, Shape, Initializer?, bool, Regularizer?, Constraint?)"/>.
    /// </summary>
    private protected Parameter AddWeight(WeightSettings settings, Shape shape, bool trainable = true) =>
        AddWeight(settings.WeightName, shape, settings.Initializer, trainable, settings.Regularizer, settings.Constraint);

    /// <summary>
    /// Registers an existing TorchSharp parameter as one of this layer's weights (for layers wrapping TorchSharp modules,
    /// whose parameters already exist). Trainability follows <c>requires_grad</c>.
    /// </summary>
    private protected void AdoptWeight(string name, Parameter parameter)
    {
        if (weights.Any(w => w.Name == name))
            throw new ArgumentException($"Layer \"{Name}\" already has a weight named '{name}'.", nameof(name));
        weights.Add((name, parameter, parameter.requires_grad));
        Owners.AddOrUpdate(parameter, this);
        RecordWeightId(name, parameter);
    }

    /// <summary>Creates the layer's weights for <paramref name="inputShape"/> (batch axis first, usually unknown).</summary>
    protected virtual void Build(Shape inputShape) { }

    /// <summary>The layer's computation (Keras' <c>call</c>). <paramref name="training"/> is true only inside Fit.</summary>
    protected virtual Tensor Call(Tensor x, bool training) =>
        throw new InvalidOperationException($"Layer \"{Name}\" ({GetType().Name}) does not override Call(Tensor, bool).");

    /// <summary>
    /// Runs the layer on a concrete tensor (Keras' <c>layer(x)</c>): builds it on first use, checks the input,
    /// casts floating inputs to float32, and calls <see cref="Call(Tensor, bool)"/>. The result is part of the autograd graph.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="training">Keras' <c>training</c> argument, resolved as Keras resolves it: the value given; else,
    /// inside another layer's or a model's call, that call's mode (a Dropout a custom layer applies inside Fit trains);
    /// else the layer's own default (<see cref="DefaultTraining"/>: false for Dropout, BatchNormalization and most
    /// layers, as their Keras <c>call(..., training=False)</c>).</param>
    public Tensor Apply(Tensor x, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Single(ApplyAll([x], training));
    }

    /// <summary>Runs a layer that takes several inputs (e.g. <c>Concatenate</c>) and returns one output;
    /// <paramref name="training"/> as in <see cref="Apply(Tensor, bool?)"/>.</summary>
    public Tensor Apply(IReadOnlyList<Tensor> inputs, bool? training = null) => Single(ApplyAll(inputs, training));

    /// <summary>
    /// The mode of a direct call that gives no <c>training</c> and runs outside any other call (Keras: the default of
    /// the layer's <c>call</c> signature). False unless a layer overrides it; Keras' image augmentation layers default
    /// to true, so they augment when called directly.
    /// </summary>
    protected virtual bool DefaultTraining => false;

    /// <summary>Keras' resolution of <c>training</c>: given, else the enclosing call's, else the layer's default.</summary>
    private protected bool ResolveTraining(bool? training) => training ?? CallContext.Current.Training ?? DefaultTraining;

    /// <summary>
    /// Runs the layer on concrete inputs and returns every output (e.g. an LSTM with <c>returnState</c>): builds on first
    /// use, checks the input spec, casts floating inputs to float32, calls <see cref="Call(IReadOnlyList{Tensor}, bool)"/>,
    /// and records activity-regularizer penalties.
    /// </summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="training">Keras' <c>training</c> argument, resolved as in <see cref="Apply(Tensor, bool?)"/>.</param>
    public IReadOnlyList<Tensor> ApplyAll(IReadOnlyList<Tensor> inputs, bool? training = null)
    {
        Shape? inputShape = null;
        return ApplyAll(inputs, ResolveTraining(training), ref inputShape);
    }

    /// <summary>
    /// <see cref="ApplyAll(IReadOnlyList{Tensor}, bool?)"/> for a caller that may already know the shape of a single input
    /// (a model passing one tensor through several layers): <paramref name="inputShape"/> is that shape or null, and on
    /// return the shape if this call read it, so that a next layer given the same tensor need not read it again.
    /// </summary>
    internal IReadOnlyList<Tensor> ApplyAll(IReadOnlyList<Tensor> inputs, bool training, ref Shape? inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            throw new ArgumentException($"Layer \"{Name}\" received no inputs.", nameof(inputs));
        var xs = new Tensor[inputs.Count];
        for (int i = 0; i < xs.Length; i++)
        {
            var x = inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"Layer \"{Name}\": input {i} is null.");
            xs[i] = !AcceptsIntegerInput && x.dtype != ScalarType.Float32 ? x.to_type(ScalarType.Float32) : x;
        }
        if (xs.Length != 1) inputShape = null;
        if (!Built)
            EnsureBuiltAll(xs.Select(Shape.Of).Select(s => s.Rank > 0 && !BuildsWithBatchSize ? new Shape([null, .. s[1..]]) : s).ToArray());
        if (xs.Length == 1 && InputSpec is { } spec) spec.Check((Shape)(inputShape ??= Shape.Of(xs[0])), Name);
        var context = CallContext.Current;
        if (context.Depth == 0) ClearCallLosses(Interlocked.Increment(ref clearStamps));
        context.Depth++;
        bool scoped = EnterNameScope();
        var outerTraining = context.Training;
        context.Training = training;
        var outer = context.Input;
        context.Input = inputShape is Shape known ? (xs[0], known) : null;
        try
        {
            var outputs = CallCore(xs, training);
            if (ActivityRegularizer is not null)
                foreach (var o in outputs) callLosses.Add(ActivityRegularizer.Call(o));
            return outputs;
        }
        finally
        {
            context.Input = outer;
            context.Training = outerTraining;
            ExitNameScope(scoped);
            context.Depth--;
        }
    }

    /// <summary>True when a first eager call builds this layer for its input's batch size instead of an unknown batch
    /// (Keras builds on the actual shape; a stateful RNN needs that size for its state).</summary>
    private protected virtual bool BuildsWithBatchSize => false;

    /// <summary>The shape of <paramref name="x"/>, without asking LibTorch again when it is the input of the call in
    /// progress and ApplyAll already read it.</summary>
    private protected Shape InputShapeOf(Tensor x) =>
        CallContext.Current.Input is { } c && ReferenceEquals(c.Tensor, x) ? c.Shape : Shape.Of(x);

    /// <summary>True when this object is of exactly type <typeparamref name="T"/> (not a user's subclass, which may
    /// override Call).</summary>
    private protected bool IsExactly<T>() where T : Layer => GetType() == typeof(T);

    internal Tensor Single(IReadOnlyList<Tensor> outputs) => outputs.Count == 1
        ? outputs[0]
        : throw new InvalidOperationException($"Layer \"{Name}\" returns {outputs.Count} outputs; use ApplyAll to receive all of them.");

    /// <summary>Dispatch point for <see cref="ApplyAll(IReadOnlyList{Tensor}, bool?)"/>; models route it to their public Call.</summary>
    private protected virtual IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> xs, bool training) => Call(xs, training);

    /// <summary>
    /// The computation for layers with several inputs or outputs (merge layers, recurrent layers returning states).
    /// The default accepts exactly one input and calls <see cref="Call(Tensor, bool)"/>.
    /// </summary>
    protected virtual IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training) => inputs.Count == 1
        ? [Call(inputs[0], training)]
        : throw new ArgumentException($"Layer \"{Name}\" ({GetType().Name}) expects 1 input, but it received {inputs.Count} inputs.", nameof(inputs));

    /// <summary>Builds the layer for <paramref name="inputShape"/> if it is not built yet (Keras' <c>build</c>).</summary>
    public void EnsureBuilt(Shape inputShape) => EnsureBuiltAll([inputShape]);

    /// <summary>Builds a layer with several inputs for their shapes if it is not built yet.</summary>
    /// <remarks>Building is synchronised: when several threads make the first call at once, one builds and the others
    /// wait for it and then find the layer built (a layer's weights are created once).</remarks>
    public void EnsureBuiltAll(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (Built) return;
        lock (buildLock)
        {
            if (Built) return;
            if (inputShapes.Count == 1) InputSpec?.Check(inputShapes[0], Name);
            bool scoped = EnterNameScope();
            try { Build(inputShapes); }
            finally { ExitNameScope(scoped); }
            BuildInputShapes = inputShapes.ToArray();
            BuildInputShape = inputShapes.Count == 1 ? inputShapes[0] : (Shape?)null;
            Built = true;
        }
    }

    // Held while this layer builds (sub-layers take their own, so a model's build holds its lock, then each layer's).
    private readonly object buildLock = new();

    /// <summary>The input shapes (with batch axis) the layer was built for, or null before building.</summary>
    public IReadOnlyList<Shape>? BuildInputShapes { get; private set; }

    /// <summary>Creates the weights of a layer with several inputs. The default accepts one input and calls <see cref="Build(Shape)"/>.</summary>
    protected virtual void Build(IReadOnlyList<Shape> inputShapes)
    {
        // Keras' default build accepts any inputs: a layer without weights (one that overrides neither Build) takes
        // several inputs as it is; one that overrides only Build(Shape) expects exactly one.
        if (inputShapes.Count != 1 && !OverridesSingleBuild())
            return;
        if (inputShapes.Count != 1)
            throw new ArgumentException($"Layer \"{Name}\" ({GetType().Name}) expects 1 input, but it received {inputShapes.Count} input shapes: {string.Join(", ", inputShapes)}.", nameof(inputShapes));
        Build(inputShapes[0]);
    }

    private bool OverridesSingleBuild() => Internal.OverrideCheck.Overrides(GetType(), nameof(Build), [typeof(Shape)], typeof(Layer));

    /// <summary>
    /// The output shape for <paramref name="inputShape"/> (batch axis included). The default runs the layer once on
    /// zeros (unknown axes taken as 1) in inference mode; layers override it with a direct formula.
    /// </summary>
    public virtual Shape ComputeOutputShape(Shape inputShape)
    {
        var shapes = ProbeOutputShapes([inputShape]);
        return shapes.Count == 1
            ? shapes[0]
            : throw new InvalidOperationException($"Layer \"{Name}\" returns {shapes.Count} outputs; use ComputeOutputShapes.");
    }

    /// <summary>
    /// Output shapes for several inputs. The default handles one input with <see cref="ComputeOutputShape(Shape)"/>, and
    /// otherwise runs the layer once on zeros in inference mode. Layers with several outputs (recurrent layers with
    /// <c>returnState</c>) override it.
    /// </summary>
    public virtual IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        return inputShapes.Count == 1 ? [ComputeOutputShape(inputShapes[0])] : ProbeOutputShapes(inputShapes);
    }

    private IReadOnlyList<Shape> ProbeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var probes = inputShapes.Select(s => zeros(s.Select(d => d ?? 1).ToArray(), AcceptsIntegerInput ? ScalarType.Int64 : ScalarType.Float32, Device)).ToArray();
        var context = CallContext.Current;
        int saved = context.Depth;
        context.Depth = 1;  // a probe must not clear or add the model's call losses
        try
        {
            return ApplyAll(probes, training: false).Select(o => UnknownBatch(Shape.Of(o), inputShapes[0])).ToArray();
        }
        finally
        {
            context.Depth = saved;
        }
    }

    private static Shape UnknownBatch(Shape outShape, Shape inputShape)
    {
        var dims = outShape.ToArray().Select(d => (long?)d).ToArray();
        if (dims.Length > 0 && inputShape.Rank > 0 && inputShape[0] is null) dims[0] = null;
        return new Shape(dims);
    }

    /// <summary>
    /// The layer's weights as new CPU tensors, in <see cref="Weights"/> order (Keras' <c>layer.get_weights()</c>):
    /// trainable then non-trainable, a Dense's kernel <c>(in, out)</c> then bias. Changing them changes nothing in the layer.
    /// </summary>
    public virtual IReadOnlyList<Tensor> GetWeights()
    {
        using var _ = no_grad();
        return Weights.Select(w => w.detach().cpu().clone().DetachFromDisposeScope()).ToArray();
    }

    /// <summary>
    /// Sets the layer's weights from <paramref name="weights"/>, in the order and shapes of <see cref="GetWeights"/>
    /// (Keras' <c>layer.set_weights()</c>); values are copied (cast to the weight's dtype and device). The count and
    /// every shape are checked before any weight changes.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong count, a null entry, or a shape that differs from the weight's.</exception>
    public virtual void SetWeights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var targets = Weights;
        if (weights.Count != targets.Count)
            throw new ArgumentException(
                $"You called SetWeights(weights) on layer \"{Name}\" with a weight list of length {weights.Count}, but the layer was expecting {targets.Count} weights.", nameof(weights));
        for (int i = 0; i < targets.Count; i++)
        {
            if (weights[i] is null)
                throw new ArgumentException($"SetWeights on layer \"{Name}\": weight {i} is null.", nameof(weights));
            if (!weights[i].shape.SequenceEqual(targets[i].shape))
                throw new ArgumentException(
                    $"Layer {Name} weight shape {Shape.FromDims(targets[i].shape)} (weight {i}, '{WeightPathOf(targets[i]) ?? "?"}') is not compatible with provided weight shape {Shape.FromDims(weights[i].shape)}.", nameof(weights));
        }
        using var _ = no_grad();
        for (int i = 0; i < targets.Count; i++)
            targets[i].copy_(weights[i].to(targets[i].dtype, targets[i].device));
    }

    /// <summary>
    /// Clears the gradient of every weight of the layer and its sub-layers (the <c>zero_grad()</c> a Keras 3 layer
    /// inherits from <c>torch.nn.Module</c>, which sets gradients to None): the next <c>backward()</c> starts from
    /// nothing. Used by custom training steps that run several backward passes, as the GAN of Keras' "customizing
    /// fit with PyTorch" guide.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var w in Weights) w.grad = null;
    }

    /// <summary>Number of scalars in the layer's weights.</summary>
    public long CountParams() => Weights.Sum(w => w.numel());

    /// <summary>Keras' config dictionary (<c>name</c>, <c>trainable</c>, <c>dtype</c> and the layer's own arguments).</summary>
    public virtual Dictionary<string, object?> GetConfig() => new()
    {
        ["name"] = Name,
        ["trainable"] = Trainable,
        ["dtype"] = "float32",
    };

    /// <summary>Moves this layer's weights to <paramref name="target"/> in place (gradients dropped).</summary>
    internal virtual void MoveTo(Device target)
    {
        device = target;
        foreach (var c in Children) c.MoveTo(target);
        using var _ = no_grad();
        foreach (var (_, p, _) in weights)
        {
            if (p.device == target) continue;
            p.grad = null;
            p.set_(p.to(target));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({GetType().Name})";
}
