namespace KerasSharp.Layers;

/// <summary>
/// Strings with a shape, the string tensors of Keras' string layers (torch tensors hold numbers only): the values in
/// row-major order and the dimensions.
/// </summary>
internal readonly record struct StringBatch(string[] Values, long[] Shape)
{
    /// <summary>A rank-1 batch.</summary>
    public static StringBatch From(IEnumerable<string> values, string argument)
    {
        ArgumentNullException.ThrowIfNull(values, argument);
        var array = values.ToArray();
        CheckNoNull(array, argument);
        return new(array, [array.Length]);
    }

    /// <summary>A rank-2 batch (<c>[["a"], ["b"]]</c> in Keras is <c>new[,] { { "a" }, { "b" } }</c>).</summary>
    public static StringBatch From(string[,] values, string argument)
    {
        ArgumentNullException.ThrowIfNull(values, argument);
        var flat = values.Cast<string>().ToArray();
        CheckNoNull(flat, argument);
        return new(flat, [values.GetLength(0), values.GetLength(1)]);
    }

    private static void CheckNoNull(string[] values, string argument)
    {
        int at = Array.IndexOf(values, null);
        if (at >= 0) throw new ArgumentException($"The input strings must not be null, but the value at flat index {at} is null.", argument);
    }
}
