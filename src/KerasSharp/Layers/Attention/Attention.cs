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
/// <see cref="ApplyWithMasks"/>.
/// </summary>
public class Attention : Layer
{
    private Parameter? scale;
    private Parameter? concatScoreWeight;
    private (Tensor? Query, Tensor? Value, bool Causal) pending;

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
            throw new ArgumentException($"Attention: invalid value for argument score_mode. Expected one of {{\"dot\", \"concat\"}}. Received: score_mode={scoreMode}", nameof(scoreMode));
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"Attention: dropout must be in [0, 1), but received dropout={Guard.Fmt(dropout)}.");
        UseScale = useScale;
        ScoreMode = scoreMode;
        Dropout = dropout;
        Seed = seed;
    }

    /// <summary>Whether the scores are multiplied by a learned scalar.</summary>
    public bool UseScale { get; }
    /// <summary><c>dot</c> or <c>concat</c>.</summary>
    public string ScoreMode { get; }
    /// <summary>Dropout rate on the attention weights.</summary>
    public double Dropout { get; }
    /// <summary>The seed given at construction (informational).</summary>
    public int? Seed { get; }
    /// <summary>The attention weights (batch, Tq, Tv) of the latest call.</summary>
    public Tensor? LastAttentionScores { get; private set; }

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count > 3)
            throw new ArgumentException($"Layer \"{Name}\" expects [query, value] or [query, value, key], but received {inputShapes.Count} inputs.", nameof(inputShapes));
        if (UseScale) scale = AddWeight("scale", new Shape(), "ones");
        if (ScoreMode == "concat") concatScoreWeight = AddWeight("concat_score_weight", new Shape(), "ones");
    }

    /// <summary>
    /// Runs the layer with Keras' call-time masks: <paramref name="queryMask"/> <c>(batch, Tq)</c> zeroes masked query
    /// rows of the output, <paramref name="valueMask"/> <c>(batch, Tv)</c> excludes value positions, and
    /// <paramref name="useCausalMask"/> lets position <c>i</c> attend only to positions <c>j &lt;= i</c>.
    /// </summary>
    public Tensor ApplyWithMasks(IReadOnlyList<Tensor> inputs, Tensor? queryMask = null, Tensor? valueMask = null,
        bool useCausalMask = false, bool training = false)
    {
        pending = (queryMask, valueMask, useCausalMask);
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
        Tensor scores;
        if (ScoreMode == "dot")
        {
            scores = q.matmul(k.transpose(-1, -2));
            if (scale is not null) scores = scores * scale;
        }
        else
        {
            var sum = q.unsqueeze(-2) + k.unsqueeze(-3);
            if (scale is not null) sum = sum * scale;
            scores = concatScoreWeight! * sum.tanh().sum(-1);
        }
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
        return [result];
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
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["use_scale"] = UseScale;
        config["score_mode"] = ScoreMode;
        config["dropout"] = Dropout;
        config["seed"] = Seed;
        return config;
    }
}
