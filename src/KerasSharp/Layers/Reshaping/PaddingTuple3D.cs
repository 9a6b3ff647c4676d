namespace KerasSharp.Layers;

/// <summary>
/// Keras' padding/cropping amounts for 3D layers (<c>ZeroPadding3D</c>, <c>Cropping3D</c>): an int (the same on every
/// side), a triple <c>(dim1, dim2, dim3)</c> (symmetric per axis), or a triple of pairs
/// <c>((dim1Start, dim1End), (dim2Start, dim2End), (dim3Start, dim3End))</c>.
/// </summary>
public readonly struct PaddingTuple3D : IEquatable<PaddingTuple3D>
{
    private readonly int[][]? pairs;

    private PaddingTuple3D(int[][] pairs) => this.pairs = pairs;

    /// <summary>One amount for every side.</summary>
    public static implicit operator PaddingTuple3D(int value) => new([[value, value], [value, value], [value, value]]);
    /// <summary>Symmetric amounts per axis: <c>(dim1, dim2, dim3)</c>.</summary>
    public static implicit operator PaddingTuple3D((int, int, int) t) =>
        new([[t.Item1, t.Item1], [t.Item2, t.Item2], [t.Item3, t.Item3]]);
    /// <summary>Explicit amounts: <c>((dim1Start, dim1End), (dim2Start, dim2End), (dim3Start, dim3End))</c>.</summary>
    public static implicit operator PaddingTuple3D(((int, int), (int, int), (int, int)) t) =>
        new([[t.Item1.Item1, t.Item1.Item2], [t.Item2.Item1, t.Item2.Item2], [t.Item3.Item1, t.Item3.Item2]]);
    /// <summary>Keras' config form <c>[[start, end], [start, end], [start, end]]</c> (an entry of one value is symmetric).</summary>
    public static implicit operator PaddingTuple3D(int[][] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != 3 || values.Any(v => v is null || v.Length is not (1 or 2)))
            throw new ArgumentException("Padding must be an int, a tuple of 3 ints or a tuple of 3 pairs of ints, but received " +
                $"[{string.Join(", ", values.Select(v => v is null ? "null" : "[" + string.Join(", ", v) + "]"))}].", nameof(values));
        return new(values.Select(v => new[] { v[0], v[^1] }).ToArray());
    }
    /// <summary>An int array of length 1 (every side), 3 (symmetric per axis) or 6 (start and end per axis).</summary>
    public static implicit operator PaddingTuple3D(int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Length switch
        {
            1 => values[0],
            3 => (values[0], values[1], values[2]),
            6 => ((values[0], values[1]), (values[2], values[3]), (values[4], values[5])),
            _ => throw new ArgumentException($"Padding must have 1, 3 or 6 values, but received [{string.Join(", ", values)}].", nameof(values)),
        };
    }

    /// <summary>
    /// The amounts as <c>((start, end), (start, end), (start, end))</c>, each checked to be &gt;= 0; a negative value
    /// throws naming <paramref name="argument"/> and <paramref name="owner"/>.
    /// </summary>
    public int[][] Expand(string argument, string owner)
    {
        var p = Pairs;
        if (p.Any(v => v.Any(a => a < 0)))
            throw new ArgumentOutOfRangeException(argument, ToString(), $"{owner}: every value of '{argument}' must be >= 0, but received {this}.");
        return p.Select(v => v.ToArray()).ToArray();
    }

    private int[][] Pairs => pairs ?? [[0, 0], [0, 0], [0, 0]];

    /// <inheritdoc />
    public bool Equals(PaddingTuple3D other) => ToString() == other.ToString();
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PaddingTuple3D t && Equals(t);
    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
    /// <summary>Structural equality.</summary>
    public static bool operator ==(PaddingTuple3D a, PaddingTuple3D b) => a.Equals(b);
    /// <summary>Structural inequality.</summary>
    public static bool operator !=(PaddingTuple3D a, PaddingTuple3D b) => !a.Equals(b);

    /// <summary>Python's text: <c>((1, 1), (2, 2), (0, 3))</c>.</summary>
    public override string ToString() => "(" + string.Join(", ", Pairs.Select(v => $"({v[0]}, {v[1]})")) + ")";
}
