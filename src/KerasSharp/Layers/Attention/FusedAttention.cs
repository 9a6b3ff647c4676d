using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The fused path of <see cref="MultiHeadAttention"/>: LibTorch's <c>scaled_dot_product_attention</c> (one native call
/// that never materialises the <c>(batch, heads, Tq, Tv)</c> weights, with its own backward) in place of the explicit
/// <c>softmax(Q Kᵀ / √key_dim) V</c>, under the conditions of Keras' own torch path
/// (<c>keras/src/layers/attention/multi_head_attention.py</c>, <c>_compute_attention</c>): no dropout in effect (rate 0,
/// or not training), attention scores not returned, and projected inputs of rank 4 (query, value and key of rank 3:
/// the default attention axis). Masks are passed as Keras passes them, one boolean <c>(batch or 1, 1, Tq, Tv)</c> mask,
/// true where a query may attend; a causal mask alone becomes the kernel's <c>is_causal</c> (the same lower-triangular
/// mask, aligned at the top left as Keras' <c>row ≥ column</c>). A query row with nothing to attend to gets zero
/// weights here, as in the explicit path (LibTorch's kernel would give NaN, also in the gradients).
/// </summary>
internal static class FusedAttention
{
    /// <summary>False when <c>KERASSHARP_FUSED_ATTENTION=0</c> is set in the environment (every layer then computes the weights explicitly).</summary>
    public static bool EnabledByEnvironment { get; } = Environment.GetEnvironmentVariable("KERASSHARP_FUSED_ATTENTION") != "0";

    /// <summary>Keras' condition for <c>ops.dot_product_attention</c>: not (dropout in training, or scores returned, or projected rank ≠ 4).</summary>
    public static bool Applies(double dropout, bool training, bool returnScores, int inputRank) =>
        !(dropout > 0 && training) && !returnScores && inputRank == 3;

    /// <summary>
    /// Attention of the projected heads <paramref name="query"/> <c>(B, N, Tq, key_dim)</c> (not yet scaled),
    /// <paramref name="key"/> <c>(B, N, Tv, key_dim)</c> and <paramref name="value"/> <c>(B, N, Tv, value_dim)</c>, scale
    /// <c>1/√key_dim</c>: <c>(B, N, Tq, value_dim)</c>. <paramref name="keep"/> is the combined boolean mask
    /// <c>(B or 1, Tq, Tv)</c> without the causal part, or null; <paramref name="causal"/> adds Keras' causal mask.
    /// </summary>
    public static Tensor Attend(Tensor query, Tensor key, Tensor value, Tensor? keep, bool causal)
    {
        long tq = query.shape[2], tv = key.shape[2];
        if (keep is null)
            return nn.functional.scaled_dot_product_attention(query, key, value, null, 0.0, causal);
        if (causal) keep = keep.logical_and(ones([1, tq, tv], ScalarType.Bool, keep.device).tril());
        // A query row with nothing to attend to: Keras' masked softmax gives it zero weights, LibTorch's softmax over
        // only -inf NaN (in the output and in every gradient). Such rows attend to everything here, then are zeroed.
        var none = keep.any(-1, keepdim: true).logical_not();                           // (B or 1, Tq, 1)
        var mask = keep.logical_or(none).unsqueeze(1);                                  // (B or 1, 1, Tq, Tv)
        var attended = nn.functional.scaled_dot_product_attention(query, key, value, mask);
        return attended.masked_fill(none.unsqueeze(1), 0);
    }
}
