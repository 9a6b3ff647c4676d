using System.Globalization;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' "a float, or a tuple of two floats (lower, upper)" augmentation argument (<c>factor</c>, <c>height_factor</c>,
/// <c>width_factor</c>): <c>factor: 0.1</c>, <c>factor: (-0.2, 0.3)</c> or a <c>double[]</c> of one or two values.
/// The value is kept as given so that <c>GetConfig()</c> writes it back as Keras does (a number or a list); each
/// layer validates and interprets it in its constructor.
/// </summary>
public readonly struct FactorRange : IEquatable<FactorRange>
{
    private readonly double[]? values;

    /// <summary>A single number (Keras uses it for both bounds, usually as <c>(-value, value)</c>).</summary>
    public FactorRange(double value) => values = [value];

    /// <summary>An explicit <c>(lower, upper)</c> pair.</summary>
    public FactorRange(double lower, double upper) => values = [lower, upper];

    /// <summary>True when given as a pair (Keras' tuple or list form).</summary>
    public bool IsPair => values is { Length: 2 };

    /// <summary>True when nothing was given (the default value of the struct).</summary>
    public bool IsEmpty => values is null;

    /// <summary>The values as given: one number or two.</summary>
    public IReadOnlyList<double> Values => values ?? [];

    /// <summary>A single number.</summary>
    public static implicit operator FactorRange(double value) => new(value);

    /// <summary>A <c>(lower, upper)</c> pair.</summary>
    public static implicit operator FactorRange((double Lower, double Upper) pair) => new(pair.Lower, pair.Upper);

    /// <summary>One value (a number) or two values (a pair), as Keras' config stores them.</summary>
    public static implicit operator FactorRange(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Length switch
        {
            1 => new FactorRange(values[0]),
            2 => new FactorRange(values[0], values[1]),
            _ => throw new ArgumentException(
                $"A factor must be a number or a list of two numbers, but received a list of {values.Length} values: [{string.Join(", ", values.Select(Fmt))}].", nameof(values)),
        };
    }

    /// <summary>Keras' config value: a number, or a two-element list for a pair.</summary>
    public object ToConfigValue() => IsPair ? new List<double> { values![0], values[1] } : (values is null ? 0.0 : values[0]);

    /// <summary>
    /// Keras' rule for shift/zoom-like factors: every value must lie in [<paramref name="min"/>, <paramref name="max"/>];
    /// a number <c>f</c> gives <c>(-|f|, |f|)</c>, a pair gives its sorted values.
    /// </summary>
    internal (double Lower, double Upper) SymmetricRange(string argument, string owner, double min = -1, double max = 1)
    {
        if (values is null)
            throw new ArgumentException($"{owner}: '{argument}' is required.", argument);
        foreach (var v in values)
            if (!(v >= min && v <= max))
                throw new ArgumentOutOfRangeException(argument, v,
                    $"{owner}: '{argument}' must be a number or a pair of numbers in [{Fmt(min)}, {Fmt(max)}], but received {this}.");
        if (!IsPair) return (-Math.Abs(values[0]), Math.Abs(values[0]));
        return values[0] <= values[1] ? (values[0], values[1]) : (values[1], values[0]);
    }

    /// <inheritdoc />
    public bool Equals(FactorRange other) => Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FactorRange f && Equals(f);

    /// <inheritdoc />
    public override int GetHashCode() => Values.Aggregate(17, (h, v) => h * 31 + v.GetHashCode());

    /// <summary>Structural equality.</summary>
    public static bool operator ==(FactorRange a, FactorRange b) => a.Equals(b);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(FactorRange a, FactorRange b) => !a.Equals(b);

    /// <summary>Python's text: <c>0.1</c> or <c>(-0.2, 0.3)</c>.</summary>
    public override string ToString() => values is null ? "None" : IsPair ? $"({Fmt(values[0])}, {Fmt(values[1])})" : Fmt(values[0]);

    private static string Fmt(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
