using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>numerical_utils.encode_categorical_inputs</c>, shared by CategoryEncoding, Hashing, Discretization and the
/// lookup layers: integer indices become <c>one_hot</c>, <c>multi_hot</c> or <c>count</c> vectors of length
/// <c>depth</c> (float32). Indices outside <c>[0, depth)</c> contribute nothing (the lookup layers map a masked token
/// to such an index so that it is dropped, as Keras' bincount drops it).
/// </summary>
internal static class CategoricalEncoding
{
    /// <summary>The modes other than <c>int</c>.</summary>
    public static readonly string[] EncodedModes = ["one_hot", "multi_hot", "count"];

    /// <summary>
    /// Encodes <paramref name="indices"/> (any integer dtype). <c>one_hot</c> adds an axis (or replaces a last axis of
    /// size 1); <c>multi_hot</c> and <c>count</c> replace the last axis (a rank-1 input is one sample, a scalar becomes
    /// one). <c>count</c> takes at most rank 2, and <paramref name="countWeights"/> (same shape) weighs each index.
    /// </summary>
    /// <exception cref="ArgumentException"><c>count</c> on an input of rank above 2.</exception>
    public static Tensor Encode(Tensor indices, string outputMode, long depth, Tensor? countWeights = null)
    {
        var x = indices.to_type(ScalarType.Int64);
        if (x.dim() == 0) x = x.unsqueeze(0);
        if (outputMode == "count" && x.dim() > 2)
            throw new ArgumentException(
                $"When output_mode is anything other than `'multi_hot', 'one_hot', or 'int'`, the rank must be 2 or less. Received output_mode: {outputMode} and input shape: {Shape.Of(indices)}, which would result in output rank {indices.dim()}.");
        if (outputMode == "one_hot")
        {
            if (x.dim() > 1 && x.shape[^1] == 1) x = x.squeeze(-1);
            var flat = x.reshape(-1, 1);
            var encoded = Scatter(flat, depth, null, binary: true);
            return encoded.reshape([.. x.shape, depth]);
        }
        var lead = x.shape[..^1];
        var rows = x.reshape(-1, x.shape[^1]);
        var weights = countWeights?.to_type(ScalarType.Float32).to(x.device).reshape(rows.shape);
        var result = Scatter(rows, depth, weights, binary: outputMode == "multi_hot");
        return result.reshape([.. lead, depth]);
    }

    // Per row, sums weights (or ones) into the columns named by the row's indices; binary: 1 where anything landed.
    private static Tensor Scatter(Tensor rows, long depth, Tensor? weights, bool binary)
    {
        var valid = rows.ge(0).logical_and(rows.lt(depth));
        var safe = where(valid, rows, zeros_like(rows));
        var values = valid.to_type(ScalarType.Float32);
        if (weights is not null) values = values * weights;
        var output = zeros([rows.shape[0], depth], ScalarType.Float32, rows.device);
        output.scatter_add_(1, safe, values);
        return binary ? output.gt(0).to_type(ScalarType.Float32) : output;
    }

    /// <summary>Keras' output shape for an encoded input of <paramref name="inputShape"/>.</summary>
    public static Shape OutputShape(Shape inputShape, string outputMode, long? depth)
    {
        long?[] dims = [.. inputShape];
        if (dims.Length == 0) return new Shape([depth]);
        if (outputMode == "one_hot")
            return dims.Length > 1 && dims[^1] == 1 ? new Shape([.. dims[..^1], depth]) : new Shape([.. dims, depth]);
        return new Shape([.. dims[..^1], depth]);
    }
}
