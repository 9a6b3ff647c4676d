using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>AdditiveAttention</c> (Bahdanau-style attention). Inputs <c>[query (batch, Tq, dim), value (batch, Tv, dim)]</c>
/// or <c>[query, value, key (batch, Tv, dim)]</c> (key defaults to value). Scores
/// <c>scores[i, j] = Σ_d scale[d] * tanh(query[i, d] + key[j, d])</c>, with the trainable <c>scale</c> of shape
/// <c>(dim,)</c> (initialised <c>glorot_uniform</c>) when <c>useScale</c> (the default), else 1; then
/// <c>softmax(scores) @ value</c>, shape <c>(batch, Tq, dim)</c>. Masks, the causal mask and the attention scores work
/// as in <see cref="Attention"/> (<see cref="Attention.ApplyWithMasks"/>, <see cref="Attention.ApplyWithScores"/>,
/// the call options <c>return_attention_scores</c> and <c>use_causal_mask</c>).
/// </summary>
public class AdditiveAttention : Attention
{
    /// <summary>Creates an AdditiveAttention layer.</summary>
    /// <param name="useScale">Learn a per-feature <c>scale</c> of shape <c>(dim,)</c> for the scores (default true).</param>
    /// <param name="dropout">Fraction of the attention weights dropped in training, in [0, 1).</param>
    /// <param name="seed">Accepted for Keras compatibility; randomness follows <see cref="Keras.Utils.SetRandomSeed"/>.</param>
    /// <param name="name">Layer name (default <c>additive_attention</c>, ...).</param>
    public AdditiveAttention(bool useScale = true, double dropout = 0.0, int? seed = null, string? name = null)
        : base(useScale, "dot", dropout, seed, name)
    {
    }

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        CheckInputCount(inputShapes.Count, nameof(inputShapes));
        if (inputShapes[0][^1] is not long dim)
            throw new ArgumentException($"Layer \"{Name}\" (AdditiveAttention) needs the query's last dimension, but received query shape {inputShapes[0]}.", nameof(inputShapes));
        if (UseScale) Scale = AddWeight("scale", new Shape(dim), "glorot_uniform");
    }

    /// <inheritdoc />
    protected override Tensor CalculateScores(Tensor query, Tensor key)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        var t = (query.unsqueeze(-2) + key.unsqueeze(-3)).tanh();
        return (Scale is null ? t : Scale * t).sum(-1);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config.Remove("score_mode");
        return config;
    }
}
