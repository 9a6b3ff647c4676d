
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Base of Keras' optimizers (<c>keras.optimizers.Optimizer</c>) with Keras' update rules and defaults.
/// <see cref="Apply(IEnumerable{Parameter})"/> performs one update from the gradients currently stored on the variables, in Keras' order:
/// learning rate for this step (schedule), gradient clipping (<c>clipnorm</c> per variable, <c>globalClipnorm</c>,
/// <c>clipvalue</c>), decoupled weight decay (except variables given to <see cref="ExcludeFromWeightDecay"/>), the
/// optimizer's own update, the moving averages (<see cref="UseEma"/>), then the step count += 1, the weight constraints;
/// finally the gradients are zeroed. With <see cref="GradientAccumulationSteps"/> = n, n - 1 calls in n only add their
/// gradients to accumulators and the n-th updates with the mean, as Keras' <c>BaseOptimizer.apply</c> does.
/// </summary>
public abstract class Optimizer
{
    private double learningRate;
    private IReadOnlyList<Parameter>? variables;
    // Variables whose gradient Apply(..., releaseGradients: true) set to null where zeroing would have kept a zero
    // tensor; until ForgetReleasedGradients, a missing gradient of theirs counts as zeros (bitwise the zeroing path).
    private bool[]? releasedGradients;
    // Keras' _iterations: every Apply call counts, also those that only accumulate gradients.
    private long rawIterations;
    // Keras' _model_variables_moving_average and _accumulated_gradients (empty unless enabled).
    private Tensor[] averages = [];
    private Tensor[] accumulators = [];
    // exclude_from_weight_decay: variables by identity, names by regular expression, and the per-variable answer.
    private HashSet<Parameter> excludedFromWeightDecay = new(ReferenceEqualityComparer.Instance);
    private Regex? excludedFromWeightDecayPattern;
    private bool?[] usesWeightDecayCache = [];

    /// <summary>Common Keras optimizer arguments (Keras' <c>BaseOptimizer.__init__</c>).</summary>
    /// <param name="learningRate">A fixed rate or a schedule evaluated every step.</param>
    /// <param name="name">Keras' optimizer name (e.g. <c>adam</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay (<c>w -= lr * weight_decay * w</c>) or null.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue].</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm.</param>
    /// <param name="useEma">Keep an exponential moving average of the model's variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>); in [0, 1] when <paramref name="useEma"/>.</param>
    /// <param name="emaOverwriteFrequency">Every this many updates, overwrite the variables with their average
    /// (<c>ema_overwrite_frequency=None</c>: only at the end of Fit).</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps (&gt;= 2) with the mean of the gradients
    /// since the last update (<c>gradient_accumulation_steps=None</c>: every step).</param>
    /// <exception cref="ArgumentException">More than one clipping argument is set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative learning rate, <paramref name="gradientAccumulationSteps"/>
    /// below 2, or (with <paramref name="useEma"/>) <paramref name="emaMomentum"/> outside [0, 1] or a negative
    /// <paramref name="emaOverwriteFrequency"/>.</exception>
    protected Optimizer(LearningRate learningRate, string name, double? weightDecay, double? clipnorm, double? clipvalue,
        double? globalClipnorm, bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null)
    {
        ArgumentNullException.ThrowIfNull(learningRate);
        if ((clipnorm is null ? 0 : 1) + (clipvalue is null ? 0 : 1) + (globalClipnorm is null ? 0 : 1) > 1)
            throw new ArgumentException(
                "Only one of clipnorm, clipvalue and globalClipnorm can be set. " +
                $"Received: clipnorm={Show(clipnorm)}, clipvalue={Show(clipvalue)}, globalClipnorm={Show(globalClipnorm)}.",
                globalClipnorm is not null ? nameof(globalClipnorm) : nameof(clipvalue));
        if (learningRate.Schedule is null) Internal.Guard.NonNegative(learningRate.Value, nameof(learningRate));
        // Keras checks these only when set (0 counts as unset, as Python's truthiness makes it).
        if (gradientAccumulationSteps is int steps && steps != 0 && steps < 2)
            throw new ArgumentOutOfRangeException(nameof(gradientAccumulationSteps), steps,
                $"gradientAccumulationSteps must be an integer >= 2, but received {steps}.");
        if (useEma)
        {
            if (!(emaMomentum >= 0 && emaMomentum <= 1))
                throw new ArgumentOutOfRangeException(nameof(emaMomentum), emaMomentum,
                    $"emaMomentum must be in the range [0, 1], but received {Internal.Guard.Fmt(emaMomentum)}.");
            if (emaOverwriteFrequency is int f && f != 0 && f < 1)
                throw new ArgumentOutOfRangeException(nameof(emaOverwriteFrequency), f,
                    $"emaOverwriteFrequency must be an integer >= 1 or null, but received {f}.");
        }
        this.learningRate = learningRate.Schedule is null ? learningRate.Value : 0;
        Schedule = learningRate.Schedule;
        Name = name;
        WeightDecay = weightDecay;
        Clipnorm = clipnorm;
        Clipvalue = clipvalue;
        GlobalClipnorm = globalClipnorm;
        UseEma = useEma;
        EmaMomentum = emaMomentum;
        EmaOverwriteFrequency = emaOverwriteFrequency;
        GradientAccumulationSteps = gradientAccumulationSteps;
    }

    private static string Show(double? v) => v is double d ? Internal.Guard.Fmt(d) : "null";

    /// <summary>Keras' name of the optimizer (<c>adam</c>, <c>sgd</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The learning-rate schedule, or null for a fixed rate.</summary>
    public LearningRateSchedule? Schedule { get; private set; }

    /// <summary>
    /// The learning rate of the next update (the schedule's value at the number of <see cref="Apply(IEnumerable{Parameter})"/>
    /// calls so far when one is set; with gradient accumulation the schedule counts every call, as Keras' does).
    /// Setting it replaces any schedule with a fixed rate, as assigning <c>optimizer.learning_rate</c> does in Keras.
    /// </summary>
    public double LearningRate
    {
        get => Schedule?.Call(rawIterations) ?? learningRate;
        set
        {
            Internal.Guard.NonNegative(value, nameof(LearningRate));
            Schedule = null;
            learningRate = value;
        }
    }

    /// <summary>Number of updates applied so far (Keras' <c>optimizer.iterations</c>); with
    /// <see cref="GradientAccumulationSteps"/>, the number of accumulated updates (calls / steps, rounded down).</summary>
    public long Iterations => GradientAccumulationSteps is int s && s != 0 ? rawIterations / s : rawIterations;

    /// <summary>Every <see cref="Apply(IEnumerable{Parameter})"/> call so far (Keras' <c>optimizer._iterations</c>, the value it saves).</summary>
    internal long RawIterations => rawIterations;

    /// <summary>Decoupled weight decay coefficient, or null.</summary>
    public double? WeightDecay { get; }
    /// <summary>Per-variable gradient norm clip, or null.</summary>
    public double? Clipnorm { get; }
    /// <summary>Element-wise gradient clip, or null.</summary>
    public double? Clipvalue { get; }
    /// <summary>Global gradient norm clip, or null.</summary>
    public double? GlobalClipnorm { get; }
    /// <summary>Whether an exponential moving average of the variables is kept (Keras' <c>use_ema</c>).</summary>
    public bool UseEma { get; }
    /// <summary>Weight of the old average in the moving average (Keras' <c>ema_momentum</c>).</summary>
    public double EmaMomentum { get; }
    /// <summary>Every this many updates the variables are overwritten with their average, or null (Keras' <c>ema_overwrite_frequency</c>).</summary>
    public int? EmaOverwriteFrequency { get; }
    /// <summary>Number of steps whose gradients are averaged into one update, or null (Keras' <c>gradient_accumulation_steps</c>).</summary>
    public int? GradientAccumulationSteps { get; }

    private bool Accumulates => GradientAccumulationSteps is int s && s != 0;

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
    /// accumulation kernel, same values. Fit's default step uses it.
    /// </summary>
    internal void Apply(IEnumerable<Parameter> parameters, bool releaseGradients)
    {
        var list = parameters as IReadOnlyList<Parameter> ?? parameters.ToList();
        if (variables is null)
        {
            BuildFor(list);
        }
        else if (!ReferenceEquals(list, variables) && !list.SequenceEqual(variables, ReferenceEqualityComparer.Instance))
        {
            throw new InvalidOperationException(
                $"Optimizer '{Name}' was built for {variables.Count} variables and cannot update a different list ({list.Count} variables). " +
                "Create a new optimizer for a different model.");
        }
        var vars = variables!;

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        double lr = LearningRate;
        var grads = new Tensor?[vars.Count];
        for (int i = 0; i < grads.Length; i++)
        {
            grads[i] = vars[i].grad;
            // Released earlier where zeroing would have left a zero gradient: update with zeros, as zeroing would.
            if (grads[i] is null && releasedGradients is not null && releasedGradients[i])
                grads[i] = zeros_like(vars[i]);
        }
        if (!Accumulates)
        {
            UpdateAll(grads, lr);
        }
        else if ((rawIterations + 1) % GradientAccumulationSteps!.Value == 0)
        {
            // Keras: update with (g + accumulated) / steps, then reset every accumulator.
            for (int i = 0; i < grads.Length; i++)
                if (grads[i] is Tensor g)
                    grads[i] = (g + accumulators[i]) / GradientAccumulationSteps.Value;
            UpdateAll(grads, lr);
            foreach (var acc in accumulators) acc.zero_();
        }
        else
        {
            for (int i = 0; i < grads.Length; i++)
                if (grads[i] is Tensor g)
                    accumulators[i].add_(g);
        }
        if (UseEma)
        {
            UpdateMovingAverages(vars);
            if (EmaOverwriteFrequency is int f && f != 0 && (Iterations + 1) % f == 0)
                OverwriteWithAverages(vars);
        }
        rawIterations++;
        Constraints.WeightConstraints.Apply(vars);
        if (releaseGradients)
        {
            releasedGradients ??= new bool[vars.Count];
            for (int i = 0; i < grads.Length; i++)
            {
                if (grads[i] is null) continue;
                releasedGradients[i] = true;
                vars[i].grad = null;
            }
        }
        else
        {
            foreach (var v in vars)
                v.grad?.zero_();
        }
    }

    // Keras' update path: clipping, decoupled weight decay, then each variable's own update.
    private void UpdateAll(Tensor?[] grads, double lr)
    {
        var vars = variables!;
        ClipGradients(grads);
        for (int i = 0; i < grads.Length; i++)
        {
            var g = grads[i];
            if (g is null) continue;
            var v = vars[i];
            if (WeightDecay is double wd && wd != 0 && UsesWeightDecay(i))
                v.mul_(1 - lr * wd);
            Update(i, v, g, lr);
        }
    }

    // Keras' _update_model_variables_moving_average: average = m * average + (1 - m) * variable, with m = 0 on the
    // first update (so the average starts at the variable) and ema_momentum afterwards; m and 1 - m are computed in
    // the variable's precision, as Keras casts the momentum to the variable's dtype.
    private void UpdateMovingAverages(IReadOnlyList<Parameter> vars)
    {
        for (int i = 0; i < vars.Count; i++)
        {
            var v = vars[i];
            var average = averages[i];
            if (Iterations == 0)
            {
                average.mul_(0).add_(v);
                continue;
            }
            if (v.dtype == ScalarType.Float32)
            {
                float m = (float)EmaMomentum;
                average.mul_(m).add_(v, alpha: 1f - m);
            }
            else
            {
                average.mul_(EmaMomentum).add_(v, alpha: 1 - EmaMomentum);
            }
        }
    }

    private void OverwriteWithAverages(IReadOnlyList<Parameter> vars)
    {
        if (vars.Count != averages.Length)
            throw new InvalidOperationException(
                $"The length of model variables ({vars.Count}) to override does not match the length of model variables " +
                $"stored in the optimizer ({averages.Length}). Please check if the optimizer was called on your model.");
        using var _ = no_grad();
        for (int i = 0; i < vars.Count; i++)
            vars[i].copy_(averages[i]);
    }

    /// <summary>
    /// Keras' <c>finalize_variable_values</c>: with <see cref="UseEma"/>, overwrites <paramref name="varList"/> (the
    /// variables this optimizer was built for) with their moving averages; otherwise does nothing. Fit calls it after
    /// the last epoch, as Keras' <c>fit</c> does.
    /// </summary>
    /// <param name="varList">The model's trainable variables, in the order the optimizer was built with.</param>
    /// <exception cref="InvalidOperationException">With <see cref="UseEma"/>: the list's length differs from the
    /// optimizer's (for instance, the optimizer never updated this model).</exception>
    public void FinalizeVariableValues(IEnumerable<Parameter> varList)
    {
        ArgumentNullException.ThrowIfNull(varList);
        if (!UseEma) return;
        OverwriteWithAverages(varList as IReadOnlyList<Parameter> ?? varList.ToList());
    }

    /// <summary>
    /// Keras' <c>exclude_from_weight_decay</c>: leaves the variables in <paramref name="varList"/>, and every variable whose
    /// Keras name (<c>kernel</c>, <c>bias</c>, ...) contains a match of one of <paramref name="varNames"/> (regular
    /// expressions joined by <c>|</c>, searched anywhere in the name as Python's <c>re.search</c> does), out of
    /// <see cref="WeightDecay"/>. Each call replaces the previous exclusions.
    /// </summary>
    /// <param name="varList">Variables to exclude, by identity.</param>
    /// <param name="varNames">Name patterns; e.g. <c>["bias"]</c> excludes every bias.</param>
    /// <exception cref="ArgumentException">A pattern is null or not a valid regular expression.</exception>
    public void ExcludeFromWeightDecay(IEnumerable<Parameter>? varList = null, IEnumerable<string>? varNames = null)
    {
        var names = varNames?.ToArray() ?? [];
        if (names.Any(n => n is null))
            throw new ArgumentException("varNames must not contain null.", nameof(varNames));
        Regex? pattern = null;
        if (names.Length > 0)
        {
            try { pattern = new Regex(string.Join("|", names.Distinct(StringComparer.Ordinal)), RegexOptions.CultureInvariant); }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"varNames must be regular expressions, but {string.Join(", ", names.Select(n => $"'{n}'"))} is not: {e.Message}", nameof(varNames), e);
            }
        }
        excludedFromWeightDecay = new HashSet<Parameter>(varList ?? [], ReferenceEqualityComparer.Instance);
        excludedFromWeightDecayPattern = pattern;
        usesWeightDecayCache = [];
    }

    /// <summary>Keras' name of a model variable (its layer's weight name, e.g. <c>kernel</c>), or <c>variable</c>.</summary>
    private static string VariableName(Parameter p) => Layers.Layer.WeightNameOf(p) ?? "variable";

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
        {
            // Keras' BaseOptimizer.build: every moving average, then every gradient accumulator, before the slots.
            averages = UseEma ? OptimizerSlots.Zeros(variables) : [];
            accumulators = Accumulates ? OptimizerSlots.Zeros(variables) : [];
            Build(variables);
        }
    }

    /// <summary>Sets the number of <see cref="Apply(IEnumerable{Parameter})"/> calls (restoring Keras' saved <c>iteration</c>).</summary>
    internal void RestoreIterations(long iterations) => rawIterations = iterations;

    /// <summary>Keras' <c>optimizer.variables</c> after <c>iteration</c> and <c>learning_rate</c>: the moving averages
    /// (<see cref="UseEma"/>), the gradient accumulators, then <see cref="StateTensors"/> (what Keras saves, in its order).</summary>
    internal IReadOnlyList<Tensor> AllStateTensors => [.. averages, .. accumulators, .. StateTensors];

    /// <summary>The moving averages of the variables (Keras' <c>_model_variables_moving_average</c>; empty without EMA).</summary>
    internal IReadOnlyList<Tensor> MovingAverages => averages;

    /// <summary>The gradients accumulated since the last update (Keras' <c>_accumulated_gradients</c>).</summary>
    internal IReadOnlyList<Tensor> AccumulatedGradients => accumulators;

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

    /// <summary>Whether weight decay applies to variable <paramref name="index"/>: all, except those excluded by
    /// <see cref="ExcludeFromWeightDecay"/> (Keras' <c>_use_weight_decay</c>).</summary>
    protected virtual bool UsesWeightDecay(int index)
    {
        if (usesWeightDecayCache.Length != Variables.Count) usesWeightDecayCache = new bool?[Variables.Count];
        if (usesWeightDecayCache[index] is bool cached) return cached;
        var v = Variables[index];
        bool uses = !excludedFromWeightDecay.Contains(v)
                    && excludedFromWeightDecayPattern?.IsMatch(VariableName(v)) != true;
        usesWeightDecayCache[index] = uses;
        return uses;
    }

    /// <summary>Every state tensor (slots) in Keras' order, for saving and for moving between devices.</summary>
    public abstract IReadOnlyList<Tensor> StateTensors { get; }

    /// <summary>Moves the optimizer's state to <paramref name="device"/> (after the model moved).</summary>
    public virtual void To(Device device)
    {
        using var _ = no_grad();
        foreach (var t in AllStateTensors)
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
        ["use_ema"] = UseEma,
        ["ema_momentum"] = EmaMomentum,
        ["ema_overwrite_frequency"] = EmaOverwriteFrequency,
        // Keras' loss scaling (mixed precision) is a feature KerasSharp does not have: written at its off value.
        ["loss_scale_factor"] = null,
        ["gradient_accumulation_steps"] = GradientAccumulationSteps,
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
