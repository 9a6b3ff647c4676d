using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras <c>TruncatedNormal</c>: normal draws with <c>mean</c> and <c>stddev</c>, values more than two standard deviations from the mean excluded (re-drawn), so every value lies in <c>[mean - 2 stddev, mean + 2 stddev]</c>.</summary>
public sealed class TruncatedNormal : RandomInitializer
{
    /// <summary>Creates Keras' <c>TruncatedNormal(mean, stddev, seed)</c>.</summary>
    /// <param name="mean">Keras' <c>mean</c> (default 0.0).</param>
    /// <param name="stddev">Keras' <c>stddev</c> (default 0.05), must be &gt;= 0.</param>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public TruncatedNormal(double mean = 0.0, double stddev = 0.05, long? seed = null) : base(seed)
    {
        Internal.Guard.NonNegative(stddev, nameof(stddev));
        Mean = mean;
        Stddev = stddev;
    }

    /// <summary>Keras' <c>mean</c>.</summary>
    public double Mean { get; }

    /// <summary>Keras' <c>stddev</c>.</summary>
    public double Stddev { get; }

    /// <inheritdoc />
    public override string Name => "truncated_normal";

    /// <inheritdoc />
    public override Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        DrawTruncatedNormal(shape, Mean, Stddev, dtype, device);

    /// <inheritdoc />
    /// <remarks>Keras 3.5's keys, in its order: <c>mean</c>, <c>stddev</c>, <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["mean"] = Mean,
        ["stddev"] = Stddev,
        ["seed"] = Seed,
    };
}
