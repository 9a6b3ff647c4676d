using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Turns the <c>x</c>/<c>y</c> a user passes to Fit, Evaluate and Predict into tensors, like Keras turns Python lists and
/// NumPy arrays into arrays: shapes are kept as given (a 1-D <c>float[]</c> stays <c>(n)</c>, as a 1-D NumPy array stays
/// <c>(n,)</c> in Keras), dtypes follow the element type, and data is copied in bulk.
/// </summary>
internal static class ArrayConversion
{
    /// <summary>What <see cref="ToTensor"/> accepts, for error messages.</summary>
    internal const string AcceptedTypes =
        "a TorchSharp Tensor; a rectangular .NET array of any rank with float, double, int, long or byte elements " +
        "(float[], double[], int[], long[], byte[], float[,], double[,], int[,], byte[,,], float[,,], float[,,,], byte[,,,], ...); " +
        "or a jagged float[][] or double[][] whose rows all have the same length";

    /// <summary>
    /// Converts <paramref name="data"/> to a CPU tensor it owns (later changes to the array do not reach the tensor).
    /// A <see cref="Tensor"/> is returned as is. Element types map to dtypes: float -> float32, double -> float64
    /// (the trainer casts; nothing is cast here), int and long -> int64 (Keras' integer labels), byte -> uint8.
    /// </summary>
    /// <param name="data">The value the user passed.</param>
    /// <param name="argumentName">The user-facing argument name (<c>x</c>, <c>y</c>, <c>validationData</c>), used in errors.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">An unsupported type, or a ragged jagged array.</exception>
    internal static Tensor ToTensor(object data, string argumentName)
    {
        if (data is null) throw new ArgumentNullException(argumentName, $"{argumentName} must not be null.");
        switch (data)
        {
            case Tensor t:
                return t;
            case float[][] rows:
                return FromJagged(rows, argumentName);
            case double[][] rows:
                return FromJagged(rows, argumentName);
            case Array array when IsSupportedElement(array.GetType().GetElementType()):
                return FromRectangular(array);
            default:
                throw new ArgumentException(
                    $"{argumentName} must be {AcceptedTypes}, but received {Describe(data.GetType())}.", argumentName);
        }
    }

    /// <summary>
    /// Throws when a floating-point tensor holds NaN or an infinity, naming the argument and the first bad sample
    /// (index along the first axis). One reduction when all values are finite; integer tensors are not checked.
    /// </summary>
    /// <exception cref="ArgumentException">A NaN or infinite value is present.</exception>
    internal static void CheckFinite(Tensor t, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (!t.is_floating_point() && !t.is_complex()) return;
        using var scope = NewDisposeScope();
        var finite = isfinite(t);
        if (finite.all().item<bool>()) return;
        long flat = finite.logical_not().reshape(-1).to_type(ScalarType.Byte).argmax().item<long>();
        double value = t.reshape(-1)[flat].to_type(ScalarType.Float64).cpu().item<double>();
        string what = double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
        if (t.dim() == 0)
            throw new ArgumentException($"{argumentName} is {what}; it must be finite.", argumentName);
        long perSample = t.numel() / t.shape[0];
        long sample = flat / perSample;
        throw new ArgumentException(
            $"{argumentName} contains non-finite values: the first is {what} in sample {sample} (element {flat} of the flattened data, shape [{string.Join(", ", t.shape)}]). " +
            "Remove or replace NaN and infinite values before training.", argumentName);
    }

    private static bool IsSupportedElement(Type? type) =>
        type == typeof(float) || type == typeof(double) || type == typeof(int) || type == typeof(long) || type == typeof(byte);

    private static Tensor FromRectangular(Array array)
    {
        // from_array shares the array's memory (pinned); the copy (clone or cast) gives the tensor its own storage.
        using var shared = torch.from_array(array);
        return array.GetType().GetElementType() == typeof(int) ? shared.to_type(ScalarType.Int64) : shared.clone();
    }

    private static Tensor FromJagged<T>(T[][] rows, string argumentName) where T : unmanaged
    {
        int width = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"{argumentName} row {i} is null; every row of a jagged array must be an array.", argumentName);
            if (i == 0) width = row.Length;
            else if (row.Length != width)
                throw new ArgumentException(
                    $"{argumentName} must be rectangular: row 0 has {width} values, but row {i} has {row.Length}.", argumentName);
        }
        var flat = new T[checked((long)rows.Length * width)];
        for (int i = 0; i < rows.Length; i++)
            rows[i].AsSpan().CopyTo(flat.AsSpan(i * width, width));
        // flat is ours alone, so the tensor may keep sharing it.
        using var shared = torch.from_array(flat);
        return shared.reshape(rows.Length, width);
    }

    /// <summary>A type's name for messages (its full name, as the messages have always shown it).</summary>
    internal static string Describe(Type type) => type.FullName ?? type.Name;
}
