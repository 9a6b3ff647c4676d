using System.Text.RegularExpressions;

namespace KerasSharp.Internal;

/// <summary>Keras' default object names: snake_case of the class name, then <c>_1</c>, <c>_2</c>, ... per prefix.</summary>
internal static partial class UniqueNames
{
    private static readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal);
    private static readonly object Gate = new();

    /// <summary>Next free name for <paramref name="prefix"/>: <c>dense</c>, <c>dense_1</c>, ...</summary>
    public static string Next(string prefix)
    {
        lock (Gate)
        {
            Counts.TryGetValue(prefix, out int n);
            Counts[prefix] = n + 1;
            return n == 0 ? prefix : $"{prefix}_{n}";
        }
    }

    /// <summary>Forgets every issued name (Keras' <c>clear_session</c>).</summary>
    public static void Reset()
    {
        lock (Gate) Counts.Clear();
    }

    /// <summary>Keras' <c>to_snake_case</c>: <c>BatchNormalization</c> -> <c>batch_normalization</c>, <c>Conv2D</c> -> <c>conv2d</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var intermediate = WordStart().Replace(name, "$1_$2");
        return LowerUpper().Replace(intermediate, "$1_$2").ToLowerInvariant();
    }

    [GeneratedRegex("(.)([A-Z][a-z0-9]+)")]
    private static partial Regex WordStart();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerUpper();
}
