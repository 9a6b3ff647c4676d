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
/// Weights are stored as Keras' four <c>EinsumDense</c> sub-layers named <c>query</c>, <c>key</c>, <c>value</c>,
/// <c>attention_output</c> (kernel then bias each). Inputs of rank &gt; 3 attend over all axes between batch and features.
/// Masks, a causal mask and the attention scores: <see cref="ApplyWithMasks"/>.
/// </summary>
public class MultiHeadAttention : Layer
{
    private AttentionProjection? query, key, value, output;
    private (Tensor? Mask, bool Causal) pending;

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
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
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
        KernelInitializer = kernelInitializer ?? InitializerRegistry.Get("glorot_uniform");
        BiasInitializer = biasInitializer ?? InitializerRegistry.Get("zeros");
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        ActivityRegularizer = activityRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
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
    public Initializer KernelInitializer { get; }
    /// <summary>Projection bias initializer.</summary>
    public Initializer BiasInitializer { get; }
    /// <summary>Penalty on the kernels, or null.</summary>
    public Regularizer? KernelRegularizer { get; }
    /// <summary>Penalty on the biases, or null.</summary>
    public Regularizer? BiasRegularizer { get; }
    /// <summary>Projection of the kernels after updates, or null.</summary>
    public Constraint? KernelConstraint { get; }
    /// <summary>Projection of the biases after updates, or null.</summary>
    public Constraint? BiasConstraint { get; }
    /// <summary>The seed given at construction (informational).</summary>
    public int? Seed { get; }
    /// <summary>The attention weights <c>(batch, heads, Tq, Tv)</c> of the latest call.</summary>
    public Tensor? LastAttentionScores { get; private set; }

    /// <summary>The query projection (Keras' <c>query</c> EinsumDense) weights: kernel <c>(dim, heads, key_dim)</c>, bias <c>(heads, key_dim)</c>.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> QueryWeights => query?.Weights ?? [];
    /// <summary>The key projection weights: kernel <c>(dim_k, heads, key_dim)</c>, bias <c>(heads, key_dim)</c>.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> KeyWeights => key?.Weights ?? [];
    /// <summary>The value projection weights: kernel <c>(dim_v, heads, value_dim)</c>, bias <c>(heads, value_dim)</c>.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> ValueWeights => value?.Weights ?? [];
    /// <summary>The output projection weights: kernel <c>(heads, value_dim, out)</c>, bias <c>(out)</c>.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> OutputWeights => output?.Weights ?? [];

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count > 3)
            throw new ArgumentException($"Layer \"{Name}\" expects [query, value] or [query, value, key], but received {inputShapes.Count} inputs.", nameof(inputShapes));
        var q = inputShapes[0];
        var v = inputShapes.Count > 1 ? inputShapes[1] : q;
        var k = inputShapes.Count > 2 ? inputShapes[2] : v;
        foreach (var (s, what) in new[] { (q, "query"), (v, "value"), (k, "key") })
            if (s.Rank < 3 || s[^1] is null)
                throw new ArgumentException($"Layer \"{Name}\": the {what} must have shape (batch, ..., features) with known features, but received {s}.", nameof(inputShapes));
        if (AttentionAxes is int[] axes)
        {
            int rank = q.Rank;
            var normalized = axes.Select(a => a < 0 ? a + rank : a).OrderBy(a => a).ToArray();
            if (!normalized.SequenceEqual(Enumerable.Range(1, rank - 2)))
                throw new ArgumentException($"Layer \"{Name}\": attention_axes={string.Join(",", axes)} is not supported; KerasSharp supports attention over every axis between batch and features (for this input rank: {string.Join(",", Enumerable.Range(1, rank - 2))}) — pass attentionAxes: null.", nameof(inputShapes));
        }
        long qDim = q[^1]!.Value, vDim = v[^1]!.Value, kDim = k[^1]!.Value;
        long[] outShape = OutputShape is Shape os ? os.ToArray() : [qDim];
        query = Make("query", [qDim, NumHeads, KeyDim], 1);
        key = Make("key", [kDim, NumHeads, KeyDim], 1);
        value = Make("value", [vDim, NumHeads, ValueDim], 1);
        output = Make("attention_output", [NumHeads, ValueDim, .. outShape], 2);
    }

    private AttentionProjection Make(string name, long[] kernelShape, int contracted)
    {
        var p = TrackLayer(new AttentionProjection(name, kernelShape, contracted, UseBias, KernelInitializer, BiasInitializer,
            KernelRegularizer, BiasRegularizer, KernelConstraint, BiasConstraint));
        p.Device = Device;
        p.EnsureBuilt(new Shape(null, kernelShape[0]));
        return p;
    }

    /// <summary>
    /// Runs the layer with Keras' call-time options: <paramref name="attentionMask"/> (boolean or 0/1,
    /// <c>(batch, Tq, Tv)</c>; true = may attend) and <paramref name="useCausalMask"/> (position i attends only to
    /// j &lt;= i). The attention weights are in <see cref="LastAttentionScores"/> afterwards.
    /// </summary>
    public Tensor ApplyWithMasks(IReadOnlyList<Tensor> inputs, Tensor? attentionMask = null, bool useCausalMask = false, bool training = false)
    {
        pending = (attentionMask, useCausalMask);
        try
        {
            return Apply(inputs, training);
        }
        finally
        {
            pending = default;
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (inputs.Count > 3)
            throw new ArgumentException($"Layer \"{Name}\" expects [query, value] or [query, value, key], but received {inputs.Count} inputs.", nameof(inputs));
        var q = inputs[0];
        var v = inputs.Count > 1 ? inputs[1] : q;
        var k = inputs.Count > 2 ? inputs[2] : v;
        long batch = q.shape[0];
        var qLead = q.shape[1..^1];
        // Flatten the attention axes: (batch, T, features).
        q = q.reshape(batch, -1, q.shape[^1]);
        v = v.reshape(v.shape[0], -1, v.shape[^1]);
        k = k.reshape(k.shape[0], -1, k.shape[^1]);
        var qh = query!.Project(q).permute(0, 2, 1, 3) * (1.0 / Math.Sqrt(KeyDim));   // (B, N, Tq, key_dim)
        var kh = key!.Project(k).permute(0, 2, 1, 3);                                   // (B, N, Tv, key_dim)
        var vh = value!.Project(v).permute(0, 2, 1, 3);                                 // (B, N, Tv, value_dim)
        var scores = qh.matmul(kh.transpose(-1, -2));                                   // (B, N, Tq, Tv)
        Tensor? keep = null;
        if (pending.Mask is Tensor m)
        {
            keep = (m.dtype == ScalarType.Bool ? m : m.ne(0)).reshape(m.shape[0], scores.shape[2], scores.shape[3]).unsqueeze(1);
        }
        if (pending.Causal)
        {
            var causal = ones([scores.shape[2], scores.shape[3]], ScalarType.Bool, scores.device).tril();
            keep = keep is null ? causal : keep.logical_and(causal);
        }
        Tensor weights;
        if (keep is null)
        {
            weights = nn.functional.softmax(scores, -1);
        }
        else
        {
            var keepF = keep.to_type(scores.dtype);
            weights = nn.functional.softmax(scores + (1 - keepF) * -1e9, -1) * keepF;
        }
        LastAttentionScores = weights;
        if (training && Dropout > 0) weights = nn.functional.dropout(weights, Dropout, training: true);
        var attended = weights.matmul(vh).permute(0, 2, 1, 3);                           // (B, Tq, N, value_dim)
        var y = output!.Project(attended);                                               // (B, Tq, *out)
        return [y.reshape([batch, .. qLead, .. y.shape[2..]])];
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
        config["attention_axes"] = AttentionAxes;
        config["kernel_initializer"] = KerasConfig.Serialize(KernelInitializer);
        config["bias_initializer"] = KerasConfig.Serialize(BiasInitializer);
        config["kernel_regularizer"] = KerasConfig.Serialize(KernelRegularizer);
        config["bias_regularizer"] = KerasConfig.Serialize(BiasRegularizer);
        config["activity_regularizer"] = KerasConfig.Serialize(ActivityRegularizer);
        config["kernel_constraint"] = KerasConfig.Serialize(KernelConstraint);
        config["bias_constraint"] = KerasConfig.Serialize(BiasConstraint);
        config["seed"] = Seed;
        return config;
    }
}
