namespace KerasSharp.Layers;

/// <summary>
/// Keras' padding/cropping amounts for 2D layers (<c>ZeroPadding2D</c>, <c>Cropping2D</c>): an int (the same on every
/// side), a pair <c>(symmetricHeight, symmetricWidth)</c>, or a pair of pairs <c>((top, bottom), (left, right))</c>.
/// </summary>
public readonly struct PaddingTuple : IEquatable<PaddingTuple>
{
    private readonly int[][]? pairs;

    private PaddingTuple(int[][] pairs) => this.pairs = pairs;

    /// <summary>One amount for every side.</summary>
    public static implicit operator PaddingTuple(int value) => new([[value, value], [value, value]]);
    /// <summary>Symmetric amounts per axis: <c>(height, width)</c>.</summary>
    public static implicit operator PaddingTuple((int, int) t) => new([[t.Item1, t.Item1], [t.Item2, t.Item2]]);
    /// <summary>Explicit amounts: <c>((top, bottom), (left, right))</c>.</summary>
    public static implicit operator PaddingTuple(((int, int), (int, int)) t) =>
        new([[t.Item1.Item1, t.Item1.Item2], [t.Item2.Item1, t.Item2.Item2]]);
    /// <summary>Keras' config form <c>[[top, bottom], [left, right]]</c>.</summary>
    public static implicit operator PaddingTuple(int[][] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != 2 || values.Any(v => v is null || v.Length != 2))
            throw new ArgumentException($"Padding must be an int, a pair of ints or a pair of pairs, but received [{string.Join(", ", values.Select(v => v is null ? "null" : "[" + string.Join(", ", v) + "]"))}].", nameof(values));
        return new([[values[0][0], values[0][1]], [values[1][0], values[1][1]]]);
    }
    /// <summary>An int array of length 1 (every side) or 2 (symmetric per axis).</summary>
    public static implicit operator PaddingTuple(int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Length switch
        {
            1 => values[0],
            2 => (values[0], values[1]),
            4 => ((values[0], values[1]), (values[2], values[3])),
            _ => throw new ArgumentException($"Padding must have 1, 2 or 4 values, but received [{string.Join(", ", values)}].", nameof(values)),
        };
    }

    /// <summary>
    /// The amounts as <c>((top, bottom), (left, right))</c>, each checked to be &gt;= 0; a negative value throws naming
    /// <paramref name="argument"/> and <paramref name="owner"/>.
    /// </summary>
    public int[][] Expand(string argument, string owner)
    {
        var p = pairs ?? [[0, 0], [0, 0]];
        if (p.Any(v => v.Any(a => a < 0)))
            throw new ArgumentOutOfRangeException(argument, ToString(), $"{owner}: every value of '{argument}' must be >= 0, but received {this}.");
        return [[p[0][0], p[0][1]], [p[1][0], p[1][1]]];
    }

    /// <inheritdoc />
    public bool Equals(PaddingTuple other) => ToString() == other.ToString();
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PaddingTuple t && Equals(t);
    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
    /// <summary>Structural equality.</summary>
    public static bool operator ==(PaddingTuple a, PaddingTuple b) => a.Equals(b);
    /// <summary>Structural inequality.</summary>
    public static bool operator !=(PaddingTuple a, PaddingTuple b) => !a.Equals(b);

    /// <summary>Python's text: <c>((1, 1), (2, 2))</c>.</summary>
    public override string ToString()
    {
        var p = pairs ?? [[0, 0], [0, 0]];
        return $"(({p[0][0]}, {p[0][1]}), ({p[1][0]}, {p[1][1]}))";
    }
}
