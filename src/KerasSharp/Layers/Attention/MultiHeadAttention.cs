using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>MultiHeadAttention</c> (Vaswani et al. 2017). Inputs <c>[query (batch, Tq, dim), value (batch, Tv, dim_v)]</c>
/// or <c>[query, value, key]</c> (key defaults to value); one input means self-attention (a KerasSharp convenience).
/// Each head projects <c>Q = query @ Wq + bq</c> <c>(dim, heads, key_dim)</c>, <c>K</c>, <c>V</c> likewise, computes
/// <c>softmax(Q Kᵀ / √key_dim) V</c>, and the heads are combined by the output projection <c>(heads, value_dim, dim)</c>.
/// The projections are Keras' four <see cref="EinsumDense"/> sub-layers <see cref="QueryDense"/>, <see cref="KeyDense"/>,
/// <see cref="ValueDense"/>, <see cref="OutputDense"/> (named <c>query</c>, <c>key</c>, <c>value</c>,
/// <c>attention_output</c>; kernel then bias each), saved where Keras saves them (<c>.../query_dense/vars/0</c>, ...).
/// Inputs of rank &gt; 3 attend over all axes between batch and features.
/// Masks, a causal mask and the attention scores: <see cref="ApplyWithMasks"/>, <see cref="ApplyWithScores"/>; in a
/// functional graph Keras' call <c>mha(query, value, key=..., return_attention_scores=True, use_causal_mask=True)</c>
/// is <see cref="ApplyAll(KerasTensor, KerasTensor, KerasTensor?, bool, bool)"/> (<see cref="ICallArgumentsLayer"/>).
/// </summary>
public class MultiHeadAttention : Layer, ICallArgumentsLayer, IInputMaskedAttention
{
    private readonly Regularizer? projectionActivityRegularizer;
    private readonly WeightSettings kernelSettings, biasSettings;
    private int[]? builtAttentionAxes;
    private (Tensor? Attention, Tensor? Query, Tensor? Value, Tensor? Key, bool Causal, bool ReturnScores) pending;
    private Tensor? lastScores;
    private Func<Tensor>? deferredScores;

    /// <summary>Creates a MultiHeadAttention layer.</summary>
    /// <param name="numHeads">Number of attention heads (&gt; 0).</param>
    /// <param name="keyDim">Size of each head for query and key (&gt; 0).</param>
    /// <param name="valueDim">Size of each head for value (default <paramref name="keyDim"/>).</param>
    /// <param name="dropout">Dropout rate on the attention weights, in [0, 1).</param>
    /// <param name="useBias">Whether the projections have biases.</param>
    /// <param name="outputShape">Output size(s) after the last axis (default the query's last dimension).</param>
    /// <param name="attentionAxes">Axes attention runs over; only the default (every axis between batch and features) is supported.</param>
    /// <param name="kernelInitializer">Projection kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Projection bias initializer (default <c>zeros</c>).</param>
    /// <param name="kernelRegularizer">Penalty on the projection kernels.</param>
    /// <param name="biasRegularizer">Penalty on the projection biases.</param>
    /// <param name="activityRegularizer">Penalty on the outputs of the four projections (Keras gives it to each sub-layer).</param>
    /// <param name="kernelConstraint">Projection of the kernels after each update.</param>
    /// <param name="biasConstraint">Projection of the biases after each update.</param>
    /// <param name="seed">Accepted for Keras compatibility; randomness follows <see cref="Keras.Utils.SetRandomSeed"/>.</param>
    /// <param name="name">Layer name (default <c>multi_head_attention</c>, ...).</param>
    public MultiHeadAttention(int numHeads, int keyDim, int? valueDim = null, double dropout = 0.0, bool useBias = true,
        Shape? outputShape = null, int[]? attentionAxes = null,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, int? seed = null, string? name = null)
        : base(name)
    {
        if (numHeads <= 0)
            throw new ArgumentOutOfRangeException(nameof(numHeads), numHeads, $"MultiHeadAttention: num_heads must be a positive integer, but received num_heads={numHeads}.");
        if (keyDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(keyDim), keyDim, $"MultiHeadAttention: key_dim must be a positive integer, but received key_dim={keyDim}.");
        if (valueDim is <= 0)
            throw new ArgumentOutOfRangeException(nameof(valueDim), valueDim, $"MultiHeadAttention: value_dim must be a positive integer, but received value_dim={valueDim}.");
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"MultiHeadAttention: dropout must be in [0, 1), but received dropout={Guard.Fmt(dropout)}.");
        if (outputShape is Shape os && (os.Rank == 0 || !os.IsFullyDefined || os.Any(d => d <= 0)))
            throw new ArgumentException($"MultiHeadAttention: output_shape must be positive integers, but received output_shape={os}.", nameof(outputShape));
        NumHeads = numHeads;
        KeyDim = keyDim;
        ValueDim = valueDim ?? keyDim;
        Dropout = dropout;
        UseBias = useBias;
        OutputShape = outputShape;
        AttentionAxes = attentionAxes;
        kernelSettings = new WeightSettings("kernel", kernelInitializer, "glorot_uniform", kernelRegularizer, kernelConstraint);
        biasSettings = new WeightSettings("bias", biasInitializer, "zeros", biasRegularizer, biasConstraint);
        projectionActivityRegularizer = activityRegularizer;
        Seed = seed;
    }

    /// <summary>Number of heads.</summary>
    public int NumHeads { get; }
    /// <summary>Query/key size per head.</summary>
    public int KeyDim { get; }
    /// <summary>Value size per head.</summary>
    public int ValueDim { get; }
    /// <summary>Dropout rate on the attention weights.</summary>
    public double Dropout { get; }
    /// <summary>Whether the projections have biases.</summary>
    public bool UseBias { get; }
    /// <summary>The requested output size(s), or null for the query's last dimension.</summary>
    public Shape? OutputShape { get; }
    /// <summary>The attention axes given at construction, or null.</summary>
    public int[]? AttentionAxes { get; }
    /// <summary>Projection kernel initializer.</summary>
    public Initializer KernelInitializer => kernelSettings.Initializer;
    /// <summary>Projection bias initializer.</summary>
    public Initializer BiasInitializer => biasSettings.Initializer;
    /// <summary>Penalty on the kernels, or null.</summary>
    public Regularizer? KernelRegularizer => kernelSettings.Regularizer;
    /// <summary>Penalty on the biases, or null.</summary>
    public Regularizer? BiasRegularizer => biasSettings.Regularizer;
    /// <summary>Projection of the kernels after updates, or null.</summary>
    public Constraint? KernelConstraint => kernelSettings.Constraint;
    /// <summary>Projection of the biases after updates, or null.</summary>
    public Constraint? BiasConstraint => biasSettings.Constraint;
    /// <summary>The seed given at construction (informational).</summary>
    public int? Seed { get; }
    /// <summary>
    /// The attention weights <c>(batch, heads, Tq, Tv)</c> of the latest call (before dropout, as Keras returns them).
    /// After a call on LibTorch's fused attention kernel, which never forms them, they are computed from that call's
    /// projected query and key on first read (the same values the explicit path gives).
    /// </summary>
    public Tensor? LastAttentionScores
    {
        get
        {
            if (lastScores is null && deferredScores is { } compute)
            {
                deferredScores = null;
                lastScores = compute();
            }
            return lastScores;
        }
    }

    /// <summary>
    /// Whether calls may run on LibTorch's <c>scaled_dot_product_attention</c> when Keras' conditions allow it
    /// (<see cref="FusedAttention"/>); false computes the weights explicitly every time. Defaults to the environment
    /// (<c>KERASSHARP_FUSED_ATTENTION=0</c> turns it off).
    /// </summary>
    internal bool FusedKernelAllowed { get; set; } = FusedAttention.EnabledByEnvironment;

    /// <summary>Whether the latest call ran on the fused kernel.</summary>
    internal bool LastCallFused { get; private set; }

    /// <summary>The query projection (Keras' <c>query_dense</c>, named <c>query</c>): kernel <c>(dim, heads, key_dim)</c>, bias <c>(heads, key_dim)</c>; null before building.</summary>
    public EinsumDense? QueryDense { get; private set; }
    /// <summary>The key projection (<c>key_dense</c>, named <c>key</c>): kernel <c>(dim_k, heads, key_dim)</c>, bias <c>(heads, key_dim)</c>; null before building.</summary>
    public EinsumDense? KeyDense { get; private set; }
    /// <summary>The value projection (<c>value_dense</c>, named <c>value</c>): kernel <c>(dim_v, heads, value_dim)</c>, bias <c>(heads, value_dim)</c>; null before building.</summary>
    public EinsumDense? ValueDense { get; private set; }
    /// <summary>The output projection (<c>output_dense</c>, named <c>attention_output</c>): kernel <c>(heads, value_dim, *out)</c>, bias <c>(*out)</c>; null before building.</summary>
    public EinsumDense? OutputDense { get; private set; }

    /// <summary>The query projection's weights (kernel, then bias when <see cref="UseBias"/>).</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> QueryWeights => QueryDense?.Weights ?? [];
    /// <summary>The key projection's weights.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> KeyWeights => KeyDense?.Weights ?? [];
    /// <summary>The value projection's weights.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> ValueWeights => ValueDense?.Weights ?? [];
    /// <summary>The output projection's weights.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> OutputWeights => OutputDense?.Weights ?? [];

    /// <inheritdoc />
    public IReadOnlyList<string> CallTensorParameters { get; } = ["query", "value", "key"];

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        CheckInputCount(inputShapes.Count, nameof(inputShapes));
        var q = inputShapes[0];
        var v = inputShapes.Count > 1 ? inputShapes[1] : q;
        var k = inputShapes.Count > 2 ? inputShapes[2] : v;
        foreach (var (s, what) in new[] { (q, "query"), (v, "value"), (k, "key") })
            if (s.Rank < 3 || s[^1] is null)
                throw new ArgumentException($"Layer \"{Name}\": the {what} must have shape (batch, ..., features) with known features, but received {s}.", nameof(inputShapes));
        if (!v[1..^1].SequenceEqual(k[1..^1]))
            throw new ArgumentException($"Layer \"{Name}\": all dimensions of value and key, except the last one, must be equal, but received value shape {v} and key shape {k}.", nameof(inputShapes));
        int rank = q.Rank;
        var allAxes = Enumerable.Range(1, rank - 2).ToArray();
        if (AttentionAxes is int[] axes)
        {
            var normalized = axes.Select(a => a < 0 ? a + rank - 1 : a).OrderBy(a => a).ToArray();
            if (!normalized.SequenceEqual(allAxes))
                throw new ArgumentException($"Layer \"{Name}\": attention_axes={string.Join(",", axes)} is not supported; KerasSharp supports attention over every axis between batch and features (for this input rank: {string.Join(",", allAxes)}) — pass attentionAxes: null.", nameof(inputShapes));
        }
        builtAttentionAxes = allAxes;
        Shape Heads(int size) => new([.. Enumerable.Repeat((long?)null, rank - 2), NumHeads, size]);
        QueryDense = Make(Projection(q.Rank - 1, 1, 2), Heads(KeyDim), "query", q);
        KeyDense = Make(Projection(k.Rank - 1, 1, 2), Heads(KeyDim), "key", k);
        ValueDense = Make(Projection(v.Rank - 1, 1, 2), Heads(ValueDim), "value", v);
        var outShape = OutputShape ?? new Shape(q[^1]);
        OutputDense = Make(Projection(rank - 1, 2, outShape.Rank), new Shape([.. Enumerable.Repeat((long?)null, rank - 2), .. outShape]),
            "attention_output", new Shape([.. q[..^1], NumHeads, ValueDim]));
    }

    private void CheckInputCount(int count, string paramName)
    {
        if (count > 3)
            throw new ArgumentException($"Layer \"{Name}\" expects [query, value] or [query, value, key], but received {count} inputs.", paramName);
    }

    /// <summary>Keras' projection equation: <paramref name="free"/> axes kept (batch first), <paramref name="bound"/> contracted with the kernel, <paramref name="output"/> new axes, which get the bias.</summary>
    private static (string Equation, string BiasAxes) Projection(int free, int bound, int output)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        string f = letters[..free], b = letters.Substring(free, bound), o = letters.Substring(free + bound, output);
        return ($"{f}{b},{b}{o}->{f}{o}", o);
    }

    private EinsumDense Make((string Equation, string BiasAxes) projection, Shape outputShape, string name, Shape inputShape)
    {
        var p = TrackLayer(new EinsumDense(projection.Equation, outputShape, biasAxes: UseBias ? projection.BiasAxes : null,
            kernelInitializer: KernelInitializer, biasInitializer: BiasInitializer, kernelRegularizer: KernelRegularizer,
            biasRegularizer: BiasRegularizer, activityRegularizer: projectionActivityRegularizer,
            kernelConstraint: KernelConstraint, biasConstraint: BiasConstraint, name: name));
        p.Device = Device;
        p.EnsureBuilt(new Shape([null, .. inputShape[1..]]));
        return p;
    }

    /// <summary>
    /// Runs the layer with Keras' call-time masks (each boolean or 0/1; true = may attend): <paramref name="attentionMask"/>
    /// <c>(batch, Tq, Tv)</c>, <paramref name="queryMask"/> <c>(batch, Tq)</c>, <paramref name="valueMask"/> and
    /// <paramref name="keyMask"/> <c>(batch, Tv)</c>, all combined with AND, and <paramref name="useCausalMask"/>
    /// (position i attends only to j &lt;= i). A query row with nothing to attend to gets zero weights. The attention
    /// weights are in <see cref="LastAttentionScores"/> afterwards.
    /// </summary>
    public Tensor ApplyWithMasks(IReadOnlyList<Tensor> inputs, Tensor? attentionMask = null, bool useCausalMask = false, bool training = false,
        Tensor? queryMask = null, Tensor? valueMask = null, Tensor? keyMask = null) =>
        Run(inputs, (attentionMask, queryMask, valueMask, keyMask, useCausalMask, false), training)[0];

    /// <summary>
    /// As <see cref="ApplyWithMasks"/>, and also returns the attention weights <c>(batch, heads, Tq, Tv)</c> (Keras'
    /// <c>return_attention_scores=True</c>: after masking and softmax, before dropout).
    /// </summary>
    public (Tensor Output, Tensor Scores) ApplyWithScores(IReadOnlyList<Tensor> inputs, Tensor? attentionMask = null, bool useCausalMask = false,
        bool training = false, Tensor? queryMask = null, Tensor? valueMask = null, Tensor? keyMask = null)
    {
        var outs = Run(inputs, (attentionMask, queryMask, valueMask, keyMask, useCausalMask, true), training);
        return (outs[0], outs[1]);
    }

    /// <summary>
    /// Keras' functional call <c>mha(query, value, key=key, return_attention_scores=..., use_causal_mask=...)</c> on
    /// symbolic tensors: the output, then (with <paramref name="returnAttentionScores"/>) the scores
    /// <c>(batch, heads, Tq, Tv)</c>. The options are saved with the model.
    /// </summary>
    public IReadOnlyList<KerasTensor> ApplyAll(KerasTensor query, KerasTensor value, KerasTensor? key = null,
        bool returnAttentionScores = false, bool useCausalMask = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(value);
        KerasTensor[] inputs = key is null ? [query, value] : [query, value, key];
        return ApplyAll(inputs, AttentionCallOptions.Of(returnAttentionScores, useCausalMask));
    }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> ApplyWithArguments(IReadOnlyList<Tensor> inputs, IReadOnlyDictionary<string, object?> arguments, bool training = false)
    {
        var (returnScores, causal) = AttentionCallOptions.Read(this, arguments);
        return Run(inputs, (null, null, null, null, causal, returnScores), training);
    }

    /// <inheritdoc />
    IReadOnlyList<Tensor> IInputMaskedAttention.ApplyWithInputMasks(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> inputMasks,
        IReadOnlyDictionary<string, object?> arguments, bool training)
    {
        var (returnScores, causal) = AttentionCallOptions.Read(this, arguments);
        Tensor? Mask(int i) => i < inputMasks.Count ? inputMasks[i] : null;
        // Keras: query_mask, value_mask and key_mask are the masks of query, value and key (key defaults to value).
        return Run(inputs, (null, Mask(0), Mask(1), inputs.Count > 2 ? Mask(2) : null, causal, returnScores), training);
    }

    private IReadOnlyList<Tensor> Run(IReadOnlyList<Tensor> inputs, (Tensor?, Tensor?, Tensor?, Tensor?, bool, bool) options, bool training)
    {
        pending = options;
        try
        {
            return ApplyAll(inputs, training);
        }
        finally
        {
            pending = default;
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        CheckInputCount(inputs.Count, nameof(inputs));
        var q = inputs[0];
        var v = inputs.Count > 1 ? inputs[1] : q;
        var k = inputs.Count > 2 ? inputs[2] : v;
        long batch = q.shape[0];
        var qLead = q.shape[1..^1];
        var vLead = v.shape[1..^1];
        // Project, then flatten the attention axes: (batch, heads, T, size).
        var qh = QueryDense!.Apply(q, training).reshape(batch, -1, NumHeads, KeyDim).permute(0, 2, 1, 3);
        var kh = KeyDense!.Apply(k, training).reshape(batch, -1, NumHeads, KeyDim).permute(0, 2, 1, 3);
        var vh = ValueDense!.Apply(v, training).reshape(batch, -1, NumHeads, ValueDim).permute(0, 2, 1, 3);
        long tq = qh.shape[2], tv = kh.shape[2];
        Tensor? keep = null;
        void And(Tensor? mask, long rows, long cols)
        {
            if (mask is null) return;
            var m = (mask.dtype == ScalarType.Bool ? mask : mask.ne(0)).reshape(mask.shape[0], rows, cols);
            keep = keep is null ? m : keep.logical_and(m);
        }
        And(pending.Query, tq, 1);
        And(pending.Value, 1, tv);
        And(pending.Key, 1, tv);
        And(pending.Attention, tq, tv);
        bool causal = pending.Causal;
        Tensor attended;
        LastCallFused = FusedKernelAllowed && FusedAttention.Applies(Dropout, training, pending.ReturnScores, (int)q.dim());
        if (LastCallFused)
        {
            attended = FusedAttention.Attend(qh, kh, vh, keep, causal);                   // (B, N, Tq, value_dim)
            // Keras returns no scores from this path; the property computes them on first read, as the explicit path would.
            var (keptQ, keptK, keptMask) = (qh, kh, keep);
            lastScores = null;
            deferredScores = () => ScoreWeights(keptQ, keptK, keptMask, causal).reshape([batch, NumHeads, .. qLead, .. vLead]);
        }
        else
        {
            var weights = ScoreWeights(qh, kh, keep, causal);
            var returned = weights.reshape([batch, NumHeads, .. qLead, .. vLead]);
            lastScores = returned;
            deferredScores = null;
            if (training && Dropout > 0) weights = nn.functional.dropout(weights, Dropout, training: true);
            attended = weights.matmul(vh);
            if (pending.ReturnScores) return [Combine(attended), returned];
        }
        return [Combine(attended)];

        Tensor Combine(Tensor heads) =>                                                  // (B, N, Tq, value_dim) -> output
            OutputDense!.Apply(heads.permute(0, 2, 1, 3).reshape([batch, .. qLead, NumHeads, ValueDim]), training);
    }

    /// <summary>Keras' explicit weights: <c>softmax(Q Kᵀ / √key_dim)</c> over the kept keys, zero elsewhere; <c>(B, N, Tq, Tv)</c>.</summary>
    private Tensor ScoreWeights(Tensor qh, Tensor kh, Tensor? keep, bool causal)
    {
        var scores = (qh * (1.0 / Math.Sqrt(KeyDim))).matmul(kh.transpose(-1, -2));     // (B, N, Tq, Tv)
        long tq = scores.shape[2], tv = scores.shape[3];
        if (causal)
        {
            var lower = ones([1, tq, tv], ScalarType.Bool, scores.device).tril();
            keep = keep is null ? lower : keep.logical_and(lower);
        }
        if (keep is null) return nn.functional.softmax(scores, -1);
        var keepF = keep.unsqueeze(1).to_type(scores.dtype);                            // (B or 1, 1, Tq, Tv)
        return nn.functional.softmax(scores + (1 - keepF) * -1e9, -1) * keepF;
    }

    /// <inheritdoc />
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        var q = inputShapes[0];
        if (OutputShape is Shape os) return [new Shape([.. q[..^1], .. os])];
        return [q];
    }

    /// <inheritdoc />
    public IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes, IReadOnlyDictionary<string, object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        var (returnScores, _) = AttentionCallOptions.Read(this, arguments);
        var output = ComputeOutputShapes(inputShapes)[0];
        if (!returnScores) return [output];
        var q = inputShapes[0];
        var v = inputShapes.Count > 1 ? inputShapes[1] : q;
        return [output, new Shape([q[0], NumHeads, .. q[1..^1], .. v[1..^1]])];
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => ComputeOutputShapes([inputShape])[0];

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["num_heads"] = NumHeads;
        config["key_dim"] = KeyDim;
        config["value_dim"] = ValueDim;
        config["dropout"] = Dropout;
        config["use_bias"] = UseBias;
        config["output_shape"] = OutputShape is Shape os ? os.ToArray() : null;
        // Keras writes the axes it resolved when building ([1] for rank-3 inputs), the given ones before.
        config["attention_axes"] = builtAttentionAxes ?? AttentionAxes;
        WeightSettings.WriteConfig(config, [kernelSettings, biasSettings], WeightSettings.ActivityKey.Always, projectionActivityRegularizer);
        config["seed"] = Seed;
        return config;
    }
}
