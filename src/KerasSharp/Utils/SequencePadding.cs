using static TorchSharp.torch;

namespace KerasSharp.Utils;

/// <summary>The implementation of <see cref="Keras.Utils.PadSequences(IReadOnlyList{int[]}, int?, string, string, string, double)"/>.</summary>
internal static class SequencePadding
{
    /// <summary>Keras' dtype names accepted by the data utilities, and their tensor types.</summary>
    internal static ScalarType ParseDtype(string dtype, string argumentName) => dtype switch
    {
        "int32" => ScalarType.Int32,
        "int64" => ScalarType.Int64,
        "int16" => ScalarType.Int16,
        "int8" => ScalarType.Int8,
        "uint8" => ScalarType.Byte,
        "float16" => ScalarType.Float16,
        "float32" => ScalarType.Float32,
        "float64" => ScalarType.Float64,
        "bool" => ScalarType.Bool,
        null => throw new ArgumentNullException(argumentName),
        _ => throw new ArgumentException(
            $"{argumentName} must be one of \"int32\", \"int64\", \"int16\", \"int8\", \"uint8\", \"float16\", \"float32\", \"float64\", \"bool\", but received \"{dtype}\".",
            argumentName),
    };

    internal static Tensor Pad(IReadOnlyList<double[]> sequences, int? maxlen, string dtype, string padding, string truncating, double value,
        bool integral, IReadOnlyList<long[]>? longs = null)
    {
        var type = ParseDtype(dtype, nameof(dtype));
        if (padding is not ("pre" or "post"))
            throw new ArgumentException($"Padding type \"{padding}\" not understood: padding must be \"pre\" or \"post\".", nameof(padding));
        if (truncating is not ("pre" or "post"))
            throw new ArgumentException($"Truncating type \"{truncating}\" not understood: truncating must be \"pre\" or \"post\".", nameof(truncating));
        if (maxlen is < 0)
            throw new ArgumentOutOfRangeException(nameof(maxlen), maxlen, $"maxlen must be null or >= 0, but received {maxlen}.");
        if (maxlen is null && sequences.Count == 0)
            throw new ArgumentException("sequences is empty, so the length of the longest sequence (the default maxlen) is undefined; pass maxlen.", "sequences");
        Runtime.LibTorchLoader.EnsureLoaded();
        int length = maxlen ?? sequences.Max(s => s.Length);
        int n = sequences.Count;
        // Exact int64 path for integer sequences (a double holds integers exactly only up to 2^53).
        if (longs is not null || integral)
        {
            var buffer = new long[(long)n * length];
            long fill = (long)Math.Truncate(value);
            bool fractionalFill = value != Math.Truncate(value);
            if (!fractionalFill || IsIntegerType(type))
            {
                Array.Fill(buffer, fill);
                for (int i = 0; i < n; i++)
                {
                    long[] seq = longs?[i] ?? sequences[i].Select(v => (long)v).ToArray();
                    Place(seq, buffer.AsSpan(i * length, length), padding, truncating);
                }
                using var t = tensor(buffer, [n, length], ScalarType.Int64);
                return t.to_type(type);
            }
        }
        var values = new double[(long)n * length];
        Array.Fill(values, value);
        for (int i = 0; i < n; i++) Place(sequences[i], values.AsSpan(i * length, length), padding, truncating);
        using var d = tensor(values, [n, length], ScalarType.Float64);
        return d.to_type(type);
    }

    private static bool IsIntegerType(ScalarType t) => t is ScalarType.Int32 or ScalarType.Int64 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte;

    /// <summary>Keras: <c>trunc = s[-maxlen:]</c> ("pre") or <c>s[:maxlen]</c> ("post"); then placed at the end ("pre") or start ("post").</summary>
    private static void Place<T>(T[] seq, Span<T> row, string padding, string truncating)
    {
        if (seq.Length == 0 || row.Length == 0) return;
        int take = Math.Min(seq.Length, row.Length);
        var trunc = truncating == "pre" ? seq.AsSpan(seq.Length - take, take) : seq.AsSpan(0, take);
        trunc.CopyTo(padding == "post" ? row[..take] : row[(row.Length - take)..]);
    }
}
