using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras <c>RandomNormal</c>: normal draws with <c>mean</c> and <c>stddev</c>.</summary>
public sealed class RandomNormal : RandomInitializer
{
    /// <summary>Creates Keras' <c>RandomNormal(mean, stddev, seed)</c>.</summary>
    /// <param name="mean">Keras' <c>mean</c> (default 0.0).</param>
    /// <param name="stddev">Keras' <c>stddev</c> (default 0.05), must be &gt;= 0.</param>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public RandomNormal(double mean = 0.0, double stddev = 0.05, long? seed = null) : base(seed)
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
    public override string Name => "random_normal";

    /// <inheritdoc />
    public override Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        DrawNormal(shape, Mean, Stddev, dtype, device);

    /// <inheritdoc />
    /// <remarks>Keras 3.5's keys, in its order: <c>mean</c>, <c>stddev</c>, <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["mean"] = Mean,
        ["stddev"] = Stddev,
        ["seed"] = Seed,
    };
}
