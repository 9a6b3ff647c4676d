using KerasSharp.Internal;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Attention</c> (Luong-style dot-product attention). Inputs <c>[query (batch, Tq, dim), value (batch, Tv, dim)]</c>
/// or <c>[query, value, key (batch, Tv, dim)]</c> (key defaults to value); one input means self-attention
/// (query = value = key, a KerasSharp convenience). Scores: <c>dot</c> = <c>query @ keyᵀ</c> (times the trainable
/// scalar <c>scale</c> with <c>useScale</c>); <c>concat</c> = <c>concat_score_weight * Σ tanh(scale * (q + k))</c>.
/// Then <c>softmax(scores) @ value</c>, shape <c>(batch, Tq, dim)</c>. Masks and a causal mask go through
/// <see cref="ApplyWithMasks"/>, the attention weights through <see cref="ApplyWithScores"/>; in a functional graph the
/// call options <c>return_attention_scores</c> and <c>use_causal_mask</c> (<see cref="ICallArgumentsLayer"/>) give the
/// weights as a second output <c>(batch, Tq, Tv)</c> and the causal mask.
/// </summary>
public class Attention : Layer, ICallArgumentsLayer, IInputMaskedAttention
{
    private (Tensor? Query, Tensor? Value, bool Causal, bool ReturnScores) pending;

    /// <summary>Creates an Attention layer.</summary>
    /// <param name="useScale">Learn a scalar <c>scale</c> for the scores (initialised to 1).</param>
    /// <param name="scoreMode"><c>"dot"</c> (default) or <c>"concat"</c>.</param>
    /// <param name="dropout">Fraction of the attention weights dropped in training, in [0, 1).</param>
    /// <param name="seed">Accepted for Keras compatibility; randomness follows <see cref="Keras.Utils.SetRandomSeed"/>.</param>
    /// <param name="name">Layer name (default <c>attention</c>, ...).</param>
    public Attention(bool useScale = false, string scoreMode = "dot", double dropout = 0.0, int? seed = null, string? name = null)
        : base(name)
    {
        if (scoreMode is not ("dot" or "concat"))
            throw new ArgumentException($"{GetType().Name}: invalid value for argument score_mode. Expected one of {{\"dot\", \"concat\"}}. Received: score_mode={scoreMode}", nameof(scoreMode));
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{GetType().Name}: dropout must be in [0, 1), but received dropout={Guard.Fmt(dropout)}.");
        UseScale = useScale;
        ScoreMode = scoreMode;
        Dropout = dropout;
        Seed = seed;
    }

    /// <summary>Whether the scores are multiplied by a learned scale.</summary>
    public bool UseScale { get; }
    /// <summary><c>dot</c> or <c>concat</c>.</summary>
    public string ScoreMode { get; }
    /// <summary>Dropout rate on the attention weights.</summary>
    public double Dropout { get; }
    /// <summary>The seed given at construction (informational).</summary>
    public int? Seed { get; }
    /// <summary>The attention weights (batch, Tq, Tv) of the latest call (after dropout, as Keras returns them).</summary>
    public Tensor? LastAttentionScores { get; private set; }

    /// <summary>The learned <c>scale</c> (a scalar here, <c>(dim,)</c> in <see cref="AdditiveAttention"/>); null without <see cref="UseScale"/> or before building.</summary>
    public Parameter? Scale { get; private protected set; }

    /// <summary>The learned scalar <c>concat_score_weight</c> of <c>score_mode="concat"</c>; null otherwise or before building.</summary>
    public Parameter? ConcatScoreWeight { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<string> CallTensorParameters => [];

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        CheckInputCount(inputShapes.Count, nameof(inputShapes));
        if (UseScale) Scale = AddWeight("scale", new Shape(), "ones");
        if (ScoreMode == "concat") ConcatScoreWeight = AddWeight("concat_score_weight", new Shape(), "ones");
    }

    private protected void CheckInputCount(int count, string paramName)
    {
        if (count > 3)
            throw new ArgumentException($"Layer \"{Name}\" ({GetType().Name}) expects [query, value] or [query, value, key], but received {count} inputs.", paramName);
    }

    /// <summary>
    /// Keras' <c>_calculate_scores</c>: the scores <c>(batch, Tq, Tv)</c> of <paramref name="query"/>
    /// <c>(batch, Tq, dim)</c> against <paramref name="key"/> <c>(batch, Tv, dim)</c>.
    /// </summary>
    protected virtual Tensor CalculateScores(Tensor query, Tensor key)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        if (ScoreMode == "dot")
        {
            var scores = query.matmul(key.transpose(-1, -2));
            return Scale is null ? scores : scores * Scale;
        }
        var sum = query.unsqueeze(-2) + key.unsqueeze(-3);
        if (Scale is not null) sum = sum * Scale;
        return ConcatScoreWeight! * sum.tanh().sum(-1);
    }

    /// <summary>
    /// Runs the layer with Keras' call-time masks: <paramref name="queryMask"/> <c>(batch, Tq)</c> zeroes masked query
    /// rows of the output, <paramref name="valueMask"/> <c>(batch, Tv)</c> excludes value positions, and
    /// <paramref name="useCausalMask"/> lets position <c>i</c> attend only to positions <c>j &lt;= i</c>.
    /// </summary>
    public Tensor ApplyWithMasks(IReadOnlyList<Tensor> inputs, Tensor? queryMask = null, Tensor? valueMask = null,
        bool useCausalMask = false, bool training = false) =>
        Run(inputs, (queryMask, valueMask, useCausalMask, false), training)[0];

    /// <summary>
    /// As <see cref="ApplyWithMasks"/>, and also returns the attention weights <c>(batch, Tq, Tv)</c> (Keras'
    /// <c>return_attention_scores=True</c>: after masking, softmax and dropout).
    /// </summary>
    public (Tensor Output, Tensor Scores) ApplyWithScores(IReadOnlyList<Tensor> inputs, Tensor? queryMask = null, Tensor? valueMask = null,
        bool useCausalMask = false, bool training = false)
    {
        var outs = Run(inputs, (queryMask, valueMask, useCausalMask, true), training);
        return (outs[0], outs[1]);
    }

    /// <summary>
    /// Applies the layer to symbolic tensors with Keras' call options: <c>return_attention_scores</c> (a second output,
    /// the weights <c>(batch, Tq, Tv)</c>) and <c>use_causal_mask</c>. The options are saved with the model.
    /// </summary>
    public IReadOnlyList<KerasTensor> ApplyAll(IReadOnlyList<KerasTensor> inputs, bool returnAttentionScores, bool useCausalMask = false) =>
        ApplyAll(inputs, AttentionCallOptions.Of(returnAttentionScores, useCausalMask));

    /// <inheritdoc />
    public IReadOnlyList<Tensor> ApplyWithArguments(IReadOnlyList<Tensor> inputs, IReadOnlyDictionary<string, object?> arguments, bool training = false)
    {
        var (returnScores, causal) = AttentionCallOptions.Read(this, arguments);
        return Run(inputs, (null, null, causal, returnScores), training);
    }

    /// <inheritdoc />
    IReadOnlyList<Tensor> IInputMaskedAttention.ApplyWithInputMasks(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> inputMasks,
        IReadOnlyDictionary<string, object?> arguments, bool training)
    {
        var (returnScores, causal) = AttentionCallOptions.Read(this, arguments);
        // Keras: mask=[query_mask, value_mask] from the inputs' masks (the key shares the value's mask).
        return Run(inputs, (inputMasks.Count > 0 ? inputMasks[0] : null, inputMasks.Count > 1 ? inputMasks[1] : null, causal, returnScores), training);
    }

    private IReadOnlyList<Tensor> Run(IReadOnlyList<Tensor> inputs, (Tensor?, Tensor?, bool, bool) options, bool training)
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
        var scores = CalculateScores(q, k);
        Tensor? keep = null;
        if (pending.Value is Tensor vm) keep = ToBool(vm).unsqueeze(-2);
        if (pending.Causal)
        {
            long tq = scores.shape[^2], tv = scores.shape[^1];
            var causal = ones([tq, tv], ScalarType.Bool, scores.device).tril();
            keep = keep is null ? causal.unsqueeze(0) : keep.logical_and(causal);
        }
        if (keep is not null) scores = scores - 1e9 * keep.logical_not().to_type(scores.dtype);
        var weights = nn.functional.softmax(scores, -1);
        if (training && Dropout > 0) weights = nn.functional.dropout(weights, Dropout, training: true);
        LastAttentionScores = weights;
        var result = weights.matmul(v);
        if (pending.Query is Tensor qm) result = result * ToBool(qm).unsqueeze(-1).to_type(result.dtype);
        return pending.ReturnScores ? [result, weights] : [result];
    }

    private static Tensor ToBool(Tensor m) => m.dtype == ScalarType.Bool ? m : m.ne(0);

    /// <inheritdoc />
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        var q = inputShapes[0];
        var v = inputShapes.Count > 1 ? inputShapes[1] : q;
        return [q.WithLast(v[^1])];
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
        return [output, new Shape([.. q[..^1], v[^2]])];
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["use_scale"] = UseScale;
        config["score_mode"] = ScoreMode;
        config["dropout"] = Dropout;
        if (Seed is not null) config["seed"] = Seed;   // Keras 3.5 writes no seed key; 3.15 writes seed: null
        return config;
    }
}
