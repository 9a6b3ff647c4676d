using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Base of the recurrent cells (Keras' <c>SimpleRNNCell</c>, <c>LSTMCell</c>, <c>GRUCell</c>): the weights of one time
/// step and its computation. A cell holds Keras' three weights in Keras' order and layout — <c>kernel</c>
/// <c>(input_dim, gates * units)</c>, <c>recurrent_kernel</c> <c>(units, gates * units)</c>, <c>bias</c> — and the
/// <see cref="RNN"/> layer runs it over a sequence. Called directly (<c>cell.ApplyAll([x, h, ...])</c>) it computes one
/// step and returns <c>[output, new states...]</c>, as Keras' <c>cell(inputs, states)</c>.
/// </summary>
public abstract class RecurrentCell : Layer
{
    private Parameter? kernel;
    private Parameter? recurrentKernel;
    private Parameter? bias;
    private readonly WeightSettings kernelSettings, recurrentSettings, biasSettings;

    /// <summary>Creates a cell; the arguments are Keras' cell arguments.</summary>
    private protected RecurrentCell(int units, ActivationFunction? activation, bool useBias,
        Initializer? kernelInitializer, Initializer? recurrentInitializer, Initializer? biasInitializer,
        Regularizer? kernelRegularizer, Regularizer? recurrentRegularizer, Regularizer? biasRegularizer,
        Constraint? kernelConstraint, Constraint? recurrentConstraint, Constraint? biasConstraint,
        double dropout, double recurrentDropout, int? seed, string? name)
        : base(name)
    {
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), units, $"{GetType().Name}: units must be a positive integer, but received units={units}.");
        if (!(dropout >= 0 && dropout <= 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{GetType().Name}: dropout must be in [0, 1], but received dropout={Guard.Fmt(dropout)}.");
        if (!(recurrentDropout >= 0 && recurrentDropout <= 1))
            throw new ArgumentOutOfRangeException(nameof(recurrentDropout), recurrentDropout, $"{GetType().Name}: recurrent_dropout must be in [0, 1], but received recurrent_dropout={Guard.Fmt(recurrentDropout)}.");
        Units = units;
        Activation = activation ?? ActivationRegistry.Get("tanh");
        UseBias = useBias;
        kernelSettings = new WeightSettings("kernel", kernelInitializer, "glorot_uniform", kernelRegularizer, kernelConstraint);
        recurrentSettings = new WeightSettings("recurrent", recurrentInitializer, "orthogonal", recurrentRegularizer, recurrentConstraint,
            weightName: "recurrent_kernel");
        biasSettings = new WeightSettings("bias", biasInitializer, "zeros", biasRegularizer, biasConstraint);
        Dropout = Math.Min(1.0, Math.Max(0.0, dropout));
        RecurrentDropout = Math.Min(1.0, Math.Max(0.0, recurrentDropout));
        Seed = seed;
    }

    /// <summary>Size of the output and of each state.</summary>
    public int Units { get; }
    /// <summary>Activation of the candidate / output (default <c>tanh</c>).</summary>
    public ActivationFunction Activation { get; }
    /// <summary>Whether the cell has a bias.</summary>
    public bool UseBias { get; }
    /// <summary>Initializer of <c>kernel</c>.</summary>
    public Initializer KernelInitializer => kernelSettings.Initializer;
    /// <summary>Initializer of <c>recurrent_kernel</c>.</summary>
    public Initializer RecurrentInitializer => recurrentSettings.Initializer;
    /// <summary>Initializer of <c>bias</c>.</summary>
    public Initializer BiasInitializer => biasSettings.Initializer;
    /// <summary>Penalty on <c>kernel</c>, or null.</summary>
    public Regularizer? KernelRegularizer => kernelSettings.Regularizer;
    /// <summary>Penalty on <c>recurrent_kernel</c>, or null.</summary>
    public Regularizer? RecurrentRegularizer => recurrentSettings.Regularizer;
    /// <summary>Penalty on <c>bias</c>, or null.</summary>
    public Regularizer? BiasRegularizer => biasSettings.Regularizer;
    /// <summary>Projection of <c>kernel</c> after each update, or null.</summary>
    public Constraint? KernelConstraint => kernelSettings.Constraint;
    /// <summary>Projection of <c>recurrent_kernel</c> after each update, or null.</summary>
    public Constraint? RecurrentConstraint => recurrentSettings.Constraint;
    /// <summary>Projection of <c>bias</c> after each update, or null.</summary>
    public Constraint? BiasConstraint => biasSettings.Constraint;
    /// <summary>Fraction of the inputs dropped in training (one mask per sequence, as Keras).</summary>
    public double Dropout { get; }
    /// <summary>Fraction of the recurrent state dropped in training (one mask per sequence, as Keras).</summary>
    public double RecurrentDropout { get; }
    /// <summary>The seed given at construction (informational; randomness follows <see cref="Keras.Utils.SetRandomSeed"/>).</summary>
    public int? Seed { get; }

    /// <summary>Number of gate blocks in the kernels (SimpleRNN 1, GRU 3, LSTM 4).</summary>
    private protected abstract int Gates { get; }

    /// <summary>Number of state tensors (LSTM 2: <c>h</c> and <c>c</c>; others 1), each of size <see cref="Units"/>.</summary>
    public abstract int StateCount { get; }

    /// <summary>The kernel <c>(input_dim, gates * units)</c>; null before building.</summary>
    public Parameter? Kernel => kernel;
    /// <summary>The recurrent kernel <c>(units, gates * units)</c>; null before building.</summary>
    public Parameter? RecurrentKernel => recurrentKernel;
    /// <summary>The bias; null before building or without bias.</summary>
    public Parameter? Bias => bias;

    /// <summary>The bias shape (GRU with <c>reset_after</c> uses <c>(2, 3 * units)</c>).</summary>
    private protected virtual Shape BiasShape => new Shape((long?)(Gates * Units));

    /// <summary>The bias initializer actually used (LSTM's <c>unit_forget_bias</c> wraps it).</summary>
    private protected virtual Initializer EffectiveBiasInitializer => BiasInitializer;

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        if (inputShape.Rank < 2 || inputShape[^1] is not long inputDim)
            throw new ArgumentException($"Layer \"{Name}\": the last axis of the step input must be known, but received input shape {inputShape}.", nameof(inputShape));
        kernel = AddWeight(kernelSettings, [inputDim, (long)Gates * Units]);
        recurrentKernel = AddWeight(recurrentSettings, [Units, (long)Gates * Units]);
        if (UseBias)
            bias = AddWeight(biasSettings.MadeBy(EffectiveBiasInitializer), BiasShape);
    }

    /// <summary>
    /// The input part of every step at once: <c>x @ kernel</c> (plus the input bias) for inputs of shape
    /// <c>(..., input_dim)</c>, giving <c>(..., gates * units)</c>. The <see cref="RNN"/> layer calls it once for all time steps.
    /// </summary>
    protected internal virtual Tensor ProjectInputs(Tensor x)
    {
        var y = x.matmul(kernel!);
        return bias is null ? y : y.add(InputBias!);
    }

    /// <summary>The bias added to the input projection (the whole bias for SimpleRNN and LSTM).</summary>
    private protected virtual Tensor? InputBias => bias;

    /// <summary>
    /// One step from the projected input <paramref name="projected"/> <c>(batch, gates * units)</c> and the previous
    /// <paramref name="states"/>; <paramref name="recurrentMask"/> (or null) multiplies <c>h</c> before the recurrent
    /// product (Keras' recurrent dropout). Returns the output and the new states.
    /// </summary>
    protected internal abstract (Tensor Output, Tensor[] States) Step(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMask);

    /// <summary>A dropout mask of ones scaled as Keras' <c>backend.random.dropout(ones, rate)</c>, or null when unused.</summary>
    internal static Tensor? DropoutMask(double rate, long[] shape, Device device, bool training)
    {
        if (!training || rate <= 0) return null;
        if (rate >= 1) return zeros(shape, ScalarType.Float32, device);
        return empty(shape, ScalarType.Float32, device).bernoulli_(1 - rate).div_(1 - rate);
    }

    /// <summary>One step: <c>inputs = [x (batch, input_dim), state tensors...]</c>; returns <c>[output, new states...]</c>.</summary>
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (inputs.Count != 1 + StateCount)
            throw new ArgumentException($"Layer \"{Name}\" expects the step input followed by {StateCount} state tensor(s), but received {inputs.Count} tensor(s).", nameof(inputs));
        var x = inputs[0];
        var dp = DropoutMask(Dropout, x.shape, x.device, training);
        if (dp is not null) x = x * dp;
        var rec = DropoutMask(RecurrentDropout, [x.shape[0], Units], x.device, training);
        var (output, states) = Step(ProjectInputs(x), inputs.Skip(1).ToArray(), rec);
        return [output, .. states];
    }

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes) => Build(inputShapes[0]);

    /// <inheritdoc />
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        var batch = inputShapes[0].Rank > 0 ? inputShapes[0][0] : null;
        return Enumerable.Repeat(new Shape(batch, Units), 1 + StateCount).ToArray();
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape.Rank > 0 ? inputShape[0] : null, Units);

    /// <summary>
    /// Writes the cell's arguments in Keras' key order: as the cell's own <c>get_config</c> writes them, or, with
    /// <paramref name="ofLayer"/>, as the LSTM/GRU/SimpleRNN layer's does (with <c>activity_regularizer</c>, which is
    /// <paramref name="activityRegularizer"/>, after the other regularizers). The cells add their own keys through
    /// <see cref="AddOwnConfig"/> where Keras has them.
    /// </summary>
    internal void AddCellConfig(Dictionary<string, object?> config, bool ofLayer = false, Regularizer? activityRegularizer = null)
    {
        WeightSettings[] roles = [kernelSettings, recurrentSettings, biasSettings];
        config["units"] = Units;
        config["activation"] = Activation.Name;
        AddOwnConfig(config, ConfigSlot.AfterActivation, ofLayer);
        config["use_bias"] = UseBias;
        AddOwnConfig(config, ConfigSlot.AfterUseBias, ofLayer);
        WeightSettings.WriteInitializerConfig(config, roles);
        AddOwnConfig(config, ConfigSlot.AfterInitializers, ofLayer);
        WeightSettings.WritePenaltyConfig(config, roles,
            ofLayer ? WeightSettings.ActivityKey.Always : WeightSettings.ActivityKey.None, activityRegularizer);
        config["dropout"] = Dropout;
        config["recurrent_dropout"] = RecurrentDropout;
        AddOwnConfig(config, ConfigSlot.AfterDropout, ofLayer);
        // Keras 3.5's SimpleRNN config has no seed key (LSTM and GRU write seed: null).
        if (Seed is not null || this is not SimpleRNNCell) config["seed"] = Seed;
    }

    /// <summary>
    /// Adds the cell-specific keys that Keras writes at <paramref name="slot"/> (<c>recurrent_activation</c>,
    /// <c>unit_forget_bias</c>, <c>reset_after</c>); <paramref name="ofLayer"/> as in <see cref="AddCellConfig"/>.
    /// </summary>
    private protected virtual void AddOwnConfig(Dictionary<string, object?> config, ConfigSlot slot, bool ofLayer) { }

    /// <summary>The places in Keras' cell and layer configs where a cell's own keys stand.</summary>
    private protected enum ConfigSlot
    {
        /// <summary>After <c>activation</c>.</summary>
        AfterActivation,
        /// <summary>After <c>use_bias</c>.</summary>
        AfterUseBias,
        /// <summary>After the last <c>*_initializer</c>.</summary>
        AfterInitializers,
        /// <summary>After <c>recurrent_dropout</c>.</summary>
        AfterDropout,
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        AddCellConfig(config);
        return config;
    }
}
