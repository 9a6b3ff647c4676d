namespace KerasSharp.Layers;

/// <summary>
/// What a layer accepts (Keras' <c>InputSpec</c>): a rank, a minimum rank, and known sizes of given axes.
/// Checked on every call so that a wrong input fails with a message naming the layer, the expectation and the
/// received shape, before any computation.
/// </summary>
public sealed class InputSpec
{
    /// <summary>Exact rank required (including the batch axis), or null.</summary>
    public int? Rank { get; init; }

    /// <summary>Minimum rank required (including the batch axis), or null.</summary>
    public int? MinRank { get; init; }

    /// <summary>Required sizes of given axes (negative axes count from the end).</summary>
    public IReadOnlyDictionary<int, long> Axes { get; init; } = new Dictionary<int, long>();

    /// <summary>An exact shape (batch axis included, null for any size), checked as a whole, or null.</summary>
    public Shape? FullShape { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="shape"/> does not satisfy this spec.</summary>
    internal void Check(Shape shape, string layerName)
    {
        if (FullShape is Shape full && !full.IsCompatibleWith(shape))
            throw new ArgumentException($"{Prefix(layerName)}expected shape={full}, found shape={shape}");
        if (Rank is int r && shape.Rank != r)
            throw new ArgumentException($"{Prefix(layerName)}expected ndim={r}, found ndim={shape.Rank}. Full shape received: {shape}");
        if (MinRank is int m && shape.Rank < m)
            throw new ArgumentException($"{Prefix(layerName)}expected min_ndim={m}, found ndim={shape.Rank}. Full shape received: {shape}");
        foreach (var (axis, size) in Axes)
        {
            int a = axis < 0 ? shape.Rank + axis : axis;
            if (a < 0 || a >= shape.Rank || (shape[a] is long got && got != size))
                throw new ArgumentException(
                    $"{Prefix(layerName)}expected axis {axis} of input shape to have value {size}, but received input with shape {shape}");
        }
    }

    // Built only when a check fails: Check runs on every layer call.
    private static string Prefix(string layerName) => $"Input 0 of layer \"{layerName}\" is incompatible with the layer: ";
}
