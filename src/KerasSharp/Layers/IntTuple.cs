namespace KerasSharp.Layers;

/// <summary>
/// Keras' "an integer or a tuple of integers" argument (kernel sizes, strides, pool sizes, dilation rates, padding
/// amounts): <c>kernelSize: 3</c>, <c>(3, 3)</c>, <c>(1, 2, 3)</c> or an <c>int[]</c>. A single value is repeated for every
/// spatial axis, as Keras' <c>standardize_tuple</c> does.
/// </summary>
public readonly struct IntTuple : IEquatable<IntTuple>
{
    private readonly int[]? values;

    /// <summary>Creates a tuple from its values (one value means "the same for every axis").</summary>
    public IntTuple(params int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
            throw new ArgumentException("An integer tuple needs at least one value, but received an empty list.", nameof(values));
        this.values = (int[])values.Clone();
    }

    /// <summary>The values as given (length 1 when a single integer was given).</summary>
    public IReadOnlyList<int> Values => values ?? [];

    /// <summary>Number of values given.</summary>
    public int Count => values?.Length ?? 0;

    /// <summary>A single integer, used for every axis.</summary>
    public static implicit operator IntTuple(int value) => new(value);
    /// <summary>Two values, e.g. <c>(3, 3)</c>.</summary>
    public static implicit operator IntTuple((int, int) t) => new(t.Item1, t.Item2);
    /// <summary>Three values, e.g. <c>(3, 3, 3)</c>.</summary>
    public static implicit operator IntTuple((int, int, int) t) => new(t.Item1, t.Item2, t.Item3);
    /// <summary>Any number of values.</summary>
    public static implicit operator IntTuple(int[] values) => new(values);

    /// <summary>
    /// The tuple expanded to <paramref name="rank"/> values (Keras' <c>standardize_tuple</c>), each checked to be at least
    /// <paramref name="min"/>; a wrong length or value throws naming <paramref name="argument"/> and <paramref name="owner"/>.
    /// </summary>
    public int[] Expand(int rank, string argument, string owner, int min = 1)
    {
        if (values is null)
            throw new ArgumentException($"{owner}: '{argument}' is required.", argument);
        int[] result = values.Length == 1 ? Enumerable.Repeat(values[0], rank).ToArray()
            : values.Length == rank ? (int[])values.Clone()
            : throw new ArgumentException($"{owner}: '{argument}' must be an integer or a tuple of {rank} integers, but received {this}.", argument);
        foreach (var v in result)
            if (v < min)
                throw new ArgumentOutOfRangeException(argument, v, $"{owner}: every value of '{argument}' must be >= {min}, but received {this}.");
        return result;
    }

    /// <inheritdoc />
    public bool Equals(IntTuple other) => Values.SequenceEqual(other.Values);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IntTuple t && Equals(t);
    /// <inheritdoc />
    public override int GetHashCode() => Values.Aggregate(17, (h, v) => h * 31 + v);
    /// <summary>Structural equality.</summary>
    public static bool operator ==(IntTuple a, IntTuple b) => a.Equals(b);
    /// <summary>Structural inequality.</summary>
    public static bool operator !=(IntTuple a, IntTuple b) => !a.Equals(b);

    /// <summary>Python's tuple text: <c>3</c> or <c>(3, 3)</c>.</summary>
    public override string ToString() => Count == 1 ? values![0].ToString() : $"({string.Join(", ", Values)})";
}
