using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras <c>Orthogonal</c> (also exported as <c>OrthogonalInitializer</c>): an orthogonal matrix from the QR
/// decomposition of a standard normal draw, times <c>gain</c>. A shape of rank above 2 is treated as the matrix
/// <c>(shape[0] * ... * shape[n-2], shape[n-1])</c> and reshaped back. With fewer rows than columns the rows are
/// orthonormal, otherwise the columns.
/// </summary>
public sealed class Orthogonal : RandomInitializer
{
    /// <summary>Creates Keras' <c>Orthogonal(gain, seed)</c>.</summary>
    /// <param name="gain">Keras' <c>gain</c>, a factor on the orthogonal matrix (default 1.0).</param>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public Orthogonal(double gain = 1.0, long? seed = null) : base(seed)
    {
        Gain = gain;
    }

    /// <summary>Keras' <c>gain</c>.</summary>
    public double Gain { get; }

    /// <inheritdoc />
    public override string Name => "orthogonal";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shape has rank below 2.</exception>
    public override Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length < 2)
            throw new ArgumentException(
                $"The Orthogonal initializer needs a shape of rank at least 2, but received shape=({string.Join(", ", shape)}) of rank {shape.Length}.",
                nameof(shape));
        long rows = 1;
        for (int i = 0; i < shape.Length - 1; i++) rows *= shape[i];
        long cols = shape[^1];

        using var scope = NewDisposeScope();
        // QR in float64 on the CPU: a tall (max, min) normal matrix, Q made unique by the signs of R's diagonal.
        var a = DrawNormal([Math.Max(rows, cols), Math.Min(rows, cols)], 0.0, 1.0, ScalarType.Float64, CPU);
        var (q, r) = linalg.qr(a);
        var signs = r.diagonal().sign();
        // A zero on R's diagonal (probability 0) would zero a column; treat its sign as +1.
        signs = where(signs.eq(0), ones_like(signs), signs);
        q = q * signs.unsqueeze(0);
        if (rows < cols) q = q.t();
        var result = (q * Gain).reshape(shape);
        return Finish(result, dtype, device).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    /// <remarks>Keras 3.5's keys, in its order: <c>gain</c>, <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["gain"] = Gain, ["seed"] = Seed };
}
