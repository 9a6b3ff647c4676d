using System.Globalization;

namespace KerasSharp.Internal;

/// <summary>Argument checks with one message form across the library: what, expected, received.</summary>
internal static class Guard
{
    /// <summary>An unknown registry name: lists every valid name.</summary>
    public static ArgumentException UnknownName(string family, string name, IEnumerable<string> valid, string paramName) =>
        new($"Unknown {family} '{name}'. Valid names: {string.Join(", ", valid.Order(StringComparer.Ordinal))}.", paramName);

    /// <summary>Throws when <paramref name="value"/> is not strictly positive.</summary>
    public static void Positive(double value, string paramName)
    {
        if (!(value > 0))
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be > 0, but received {Fmt(value)}.");
    }

    /// <summary>Throws when <paramref name="value"/> is negative (or NaN).</summary>
    public static void NonNegative(double value, string paramName)
    {
        if (!(value >= 0))
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be >= 0, but received {Fmt(value)}.");
    }

    /// <summary>Throws when <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void InRange(double value, double min, double max, string paramName)
    {
        if (!(value >= min && value <= max))
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be in [{Fmt(min)}, {Fmt(max)}], but received {Fmt(value)}.");
    }

    /// <summary>Invariant-culture number text for messages.</summary>
    public static string Fmt(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
