
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Base of Keras' optimizers (<c>keras.optimizers.Optimizer</c>) with Keras' update rules and defaults.
/// <see cref="Apply(IEnumerable{Parameter})"/> performs one update from the gradients currently stored on the variables, in Keras' order:
/// learning rate for this step (schedule), gradient clipping (<c>clipnorm</c> per variable, <c>globalClipnorm</c>,
/// <c>clipvalue</c>), decoupled weight decay, the optimizer's own update, then <see cref="Iterations"/> += 1;
/// finally the gradients are zeroed.
/// </summary>
public abstract class Optimizer
{
    private double learningRate;
    private IReadOnlyList<Parameter>? variables;
    // Variables whose gradient Apply(..., releaseGradients: true) set to null where zeroing would have kept a zero
    // tensor; until ForgetReleasedGradients, a missing gradient of theirs counts as zeros (bitwise the zeroing path).
    private bool[]? releasedGradients;

    /// <summary>Common Keras optimizer arguments.</summary>
    /// <param name="learningRate">A fixed rate; ignored when <paramref name="schedule"/> is given.</param>
    /// <param name="schedule">A learning-rate schedule evaluated every step.</param>
    /// <param name="name">Keras' optimizer name (e.g. <c>adam</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay (<c>w -= lr * weight_decay * w</c>) or null.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue].</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm.</param>
    protected Optimizer(double learningRate, LearningRateSchedule? schedule, string name, double? weightDecay,
        double? clipnorm, double? clipvalue, double? globalClipnorm)
    {
        if (clipnorm is not null && globalClipnorm is not null)
            throw new ArgumentException("Only one of clipnorm and globalClipnorm can be set, but both were given.", nameof(globalClipnorm));
        if (schedule is null) Internal.Guard.NonNegative(learningRate, nameof(learningRate));
        this.learningRate = learningRate;
        Schedule = schedule;
        Name = name;
        WeightDecay = weightDecay;
        Clipnorm = clipnorm;
        Clipvalue = clipvalue;
        GlobalClipnorm = globalClipnorm;
    }

    /// <summary>Keras' name of the optimizer (<c>adam</c>, <c>sgd</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The learning-rate schedule, or null for a fixed rate.</summary>
    public LearningRateSchedule? Schedule { get; private set; }

    /// <summary>
    /// The learning rate of the next update (the schedule's value at <see cref="Iterations"/> when one is set).
    /// Setting it replaces any schedule with a fixed rate, as assigning <c>optimizer.learning_rate</c> does in Keras.
    /// </summary>
    public double LearningRate
    {
        get => Schedule?.Call(Iterations) ?? learningRate;
        set
        {
            Internal.Guard.NonNegative(value, nameof(LearningRate));
            Schedule = null;
            learningRate = value;
        }
    }

    /// <summary>Number of updates applied so far (Keras' <c>optimizer.iterations</c>).</summary>
    public long Iterations { get; protected set; }

    /// <summary>Decoupled weight decay coefficient, or null.</summary>
    public double? WeightDecay { get; }
    /// <summary>Per-variable gradient norm clip, or null.</summary>
    public double? Clipnorm { get; }
    /// <summary>Element-wise gradient clip, or null.</summary>
    public double? Clipvalue { get; }
    /// <summary>Global gradient norm clip, or null.</summary>
    public double? GlobalClipnorm { get; }

    /// <summary>The variables this optimizer was built for (in the order first passed to <see cref="Apply(IEnumerable{Parameter})"/>).</summary>
    public IReadOnlyList<Parameter> Variables => variables ?? [];

    /// <summary>
    /// Applies one update to <paramref name="parameters"/> from their <c>.grad</c>, then zeroes the gradients.
    /// The first call fixes the variable list and creates the optimizer's state (slots) for it.
    /// </summary>
    public void Apply(IEnumerable<Parameter> parameters) => Apply(parameters, releaseGradients: false);

    /// <summary>
    /// <see cref="Apply(IEnumerable{Parameter})"/>; with <paramref name="releaseGradients"/> the gradients are released
    /// (set to null, as Keras' torch trainer and PyTorch's <c>zero_grad(set_to_none=True)</c> do) instead of zeroed, so
    /// the next backward pass stores its gradients directly instead of adding them to zeros: no zeroing kernel, no
    /// accumulation kernel, same values. Fit uses it when <see cref="Training.FastPaths"/> is on.
    /// </summary>
    internal void Apply(IEnumerable<Parameter> parameters, bool releaseGradients)
    {
        var list = parameters as IReadOnlyList<Parameter> ?? parameters.ToList();
        if (variables is null)
        {
            variables = list.ToArray();
            using (no_grad())
                Build(variables);
        }
        else if (!ReferenceEquals(list, variables) && !list.SequenceEqual(variables, ReferenceEqualityComparer.Instance))
        {
            throw new InvalidOperationException(
                $"Optimizer '{Name}' was built for {variables.Count} variables and cannot update a different list ({list.Count} variables). " +
                "Create a new optimizer for a different model.");
        }

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        double lr = LearningRate;
        var grads = new Tensor?[variables.Count];
        for (int i = 0; i < grads.Length; i++)
        {
            grads[i] = variables[i].grad;
            // Released earlier where zeroing would have left a zero gradient: update with zeros, as zeroing would.
            if (grads[i] is null && releasedGradients is not null && releasedGradients[i])
                grads[i] = zeros_like(variables[i]);
        }
        ClipGradients(grads);
        for (int i = 0; i < grads.Length; i++)
        {
            var g = grads[i];
            if (g is null) continue;
            var v = variables[i];
            if (WeightDecay is double wd && wd != 0 && UsesWeightDecay(i))
                v.mul_(1 - lr * wd);
            Update(i, v, g, lr);
        }
        Iterations++;
        Constraints.WeightConstraints.Apply(variables);
        if (releaseGradients)
        {
            releasedGradients ??= new bool[variables.Count];
            for (int i = 0; i < grads.Length; i++)
            {
                if (grads[i] is null) continue;
                releasedGradients[i] = true;
                variables[i].grad = null;
            }
        }
        else
        {
            foreach (var v in variables)
                v.grad?.zero_();
        }
    }

    /// <summary>Called when the trainer clears every gradient (start of Fit, TrainOnBatch): from then on a missing
    /// gradient means "none", as it does on the zeroing path.</summary>
    internal void ForgetReleasedGradients()
    {
        if (releasedGradients is not null) Array.Clear(releasedGradients);
    }

    /// <summary>Creates the state for <paramref name="vars"/> now, if not built yet (Keras' <c>optimizer.build</c>), so that
    /// loading can restore saved slots before the first update.</summary>
    internal void BuildFor(IReadOnlyList<Parameter> vars)
    {
        if (variables is not null) return;
        variables = vars.ToArray();
        using (no_grad())
            Build(variables);
    }

    /// <summary>Sets <see cref="Iterations"/> (restoring a saved optimizer).</summary>
    internal void RestoreIterations(long iterations) => Iterations = iterations;

    private readonly Dictionary<double, Scalar> constants = [];

    /// <summary>
    /// The native scalar for a fixed hyper-parameter (<c>beta_1</c>, <c>1 - rho</c>, <c>epsilon</c>), created once: passing a
    /// <c>double</c> to a TorchSharp op allocates a native scalar per call. Use it only for values that do not change
    /// from step to step (a learning rate may follow a schedule).
    /// </summary>
    private protected Scalar Constant(double value)
    {
        if (!constants.TryGetValue(value, out var s))
            constants[value] = s = value.ToScalar();
        return s;
    }

    // Per-variable temporaries (Adam's sqrt(v), RMSprop's v + eps). Where freed memory is reused cheaply (a CUDA caching
    // allocator; glibc malloc once KerasSharp tuned it, Runtime/AllocatorTuning.cs) each one is a fresh tensor released
    // right after its variable's update: one pass over the data. Elsewhere a fresh temporary per variable and step makes
    // the allocator hand back and re-fault megabytes of pages every step (measured: RMSprop 1.5x torch.optim on
    // MLP 784-512-512-10), so the temporary is computed in place in a scratch buffer instead: one buffer per dtype and
    // device, sized for the largest variable, with a cached view per variable (one extra copy pass, no page faults).
    private Tensor?[] scratchViews = [];
    private readonly Dictionary<(ScalarType, string), Tensor> scratchBuffers = [];

    /// <summary>Variables above this many elements always get a fresh temporary, so that one huge variable (an embedding
    /// table) does not pin a second copy of its size for the optimizer's lifetime.</summary>
    private const long ScratchLimit = 1L << 24;

    /// <summary>Tests only: true forces the scratch buffer, false fresh temporaries; null chooses by allocator (default).</summary>
    internal static bool? TemporariesInScratch { get; set; }

    /// <summary>
    /// A temporary computed from <paramref name="source"/> (shaped like variable <paramref name="index"/>) for use during
    /// that variable's update only: <paramref name="compute"/>(source) as a fresh tensor, or <paramref name="computeInPlace"/>
    /// applied to a scratch copy of <paramref name="source"/>. Both must compute the same values (the same op, out of place
    /// and in place). Dispose the result at the end of the update (it releases a fresh tensor, never the scratch).
    /// </summary>
    private protected Temporary TemporaryFrom(int index, Tensor source, Func<Tensor, Tensor> compute, Func<Tensor, Tensor> computeInPlace)
    {
        bool scratch = TemporariesInScratch
            ?? !(source.device_type == DeviceType.CUDA || (source.device_type == DeviceType.CPU && Runtime.AllocatorTuning.Applied));
        if (!scratch || source.numel() > ScratchLimit) return new Temporary(compute(source), owned: true);
        return new Temporary(computeInPlace(Scratch(index, source).copy_(source)), owned: false);
    }

    /// <summary>A temporary tensor from <see cref="TemporaryFrom"/>; disposing it releases the tensor unless it is the
    /// optimizer's scratch buffer.</summary>
    private protected readonly struct Temporary(Tensor value, bool owned) : IDisposable
    {
        /// <summary>The temporary's values.</summary>
        public Tensor Value => value;

        /// <inheritdoc />
        public void Dispose()
        {
            if (owned) value.Dispose();
        }
    }

    // The scratch view for variable index: contents undefined until overwritten.
    private Tensor Scratch(int index, Tensor like)
    {
        if (scratchViews.Length != Variables.Count) scratchViews = new Tensor?[Variables.Count];
        if (scratchViews[index] is { } cached) return cached;
        long n = like.numel();
        var key = (like.dtype, like.device.ToString());
        long size = Math.Max(n, Variables.Where(v => v.dtype == like.dtype && v.device.ToString() == key.Item2)
            .Select(v => v.numel()).Where(c => c <= ScratchLimit).DefaultIfEmpty(0).Max());
        if (!scratchBuffers.TryGetValue(key, out var buffer) || buffer.numel() < size)
            scratchBuffers[key] = buffer = empty(size, like.dtype, like.device).DetachFromDisposeScope();
        return scratchViews[index] = buffer.narrow(0, 0, n).view(like.shape).DetachFromDisposeScope();
    }

    /// <summary>Drops the scratch views and buffers (after the state moved devices).</summary>
    private void ForgetScratch()
    {
        scratchViews = [];
        scratchBuffers.Clear();
    }

    /// <summary>Creates the optimizer's state for <paramref name="vars"/> (called once, under no_grad).
    /// State tensors must outlive the caller's dispose scope: create them with <c>DetachFromDisposeScope()</c>.</summary>
    protected abstract void Build(IReadOnlyList<Parameter> vars);

    /// <summary>Updates variable <paramref name="index"/> in place from its (clipped) gradient.</summary>
    /// <param name="index">Position in <see cref="Variables"/> (to find its slots).</param>
    /// <param name="variable">The variable to update in place.</param>
    /// <param name="gradient">Its gradient after clipping.</param>
    /// <param name="learningRate">This step's learning rate.</param>
    protected abstract void Update(int index, Parameter variable, Tensor gradient, double learningRate);

    /// <summary>Whether weight decay applies to variable <paramref name="index"/> (all, unless excluded).</summary>
    protected virtual bool UsesWeightDecay(int index) => true;

    /// <summary>Every state tensor (slots) in Keras' order, for saving and for moving between devices.</summary>
    public abstract IReadOnlyList<Tensor> StateTensors { get; }

    /// <summary>Moves the optimizer's state to <paramref name="device"/> (after the model moved).</summary>
    public virtual void To(Device device)
    {
        using var _ = no_grad();
        foreach (var t in StateTensors)
            t.set_(t.to(device));
        ForgetScratch();
    }

    /// <summary>Keras' config dictionary (<c>name</c>, <c>learning_rate</c>, clipping, decay, own arguments).</summary>
    public virtual Dictionary<string, object?> GetConfig() => new()
    {
        ["name"] = Name,
        ["learning_rate"] = Schedule is null ? learningRate : new Dictionary<string, object?>
        {
            ["class_name"] = Schedule.GetType().Name,
            ["config"] = Schedule.GetConfig(),
        },
        ["weight_decay"] = WeightDecay,
        ["clipnorm"] = Clipnorm,
        ["global_clipnorm"] = GlobalClipnorm,
        ["clipvalue"] = Clipvalue,
        // Keras' base optimizer keys for features KerasSharp does not have, written at their off values as Keras does.
        ["use_ema"] = false,
        ["ema_momentum"] = 0.99,
        ["ema_overwrite_frequency"] = null,
        ["loss_scale_factor"] = null,
        ["gradient_accumulation_steps"] = null,
    };

    /// <summary>Resolves a registry name (<c>"adam"</c>, <c>"sgd"</c>, ...) to an optimizer with Keras' defaults.</summary>
    public static implicit operator Optimizer(string name) => OptimizerRegistry.Get(name);

    // Keras' _clip_gradients: clipnorm, else global_clipnorm, else clipvalue (one of them, in that order).
    private void ClipGradients(Tensor?[] grads)
    {
        if (Clipnorm is double cn)
        {
            for (int i = 0; i < grads.Length; i++)
                if (grads[i] is Tensor g)
                    grads[i] = ClipByNorm(g, cn);
        }
        else if (GlobalClipnorm is double gcn)
        {
            var present = grads.Where(g => g is not null).Select(g => g!).ToArray();
            if (present.Length > 0)
            {
                var global = stack(present.Select(g => g.square().sum()).ToArray()).sum().sqrt();
                var scale = (gcn / maximum(global, tensor(gcn, global.dtype, global.device)));
                for (int i = 0; i < grads.Length; i++)
                    if (grads[i] is Tensor g)
                        grads[i] = g * scale;
            }
        }
        else if (Clipvalue is double cv)
        {
            for (int i = 0; i < grads.Length; i++)
                if (grads[i] is Tensor g)
                    grads[i] = g.clamp(-cv, cv);
        }
    }

    // Keras' clip_by_norm: g * clip / max(||g||, clip).
    private static Tensor ClipByNorm(Tensor g, double clip)
    {
        var norm = g.square().sum().sqrt();
        return g * (clip / maximum(norm, tensor(clip, norm.dtype, norm.device)));
    }
}
