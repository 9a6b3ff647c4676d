using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras <c>RandomUniform</c>: uniform draws in <c>[minval, maxval)</c>.</summary>
public sealed class RandomUniform : RandomInitializer
{
    /// <summary>Creates Keras' <c>RandomUniform(minval, maxval, seed)</c>.</summary>
    /// <param name="minval">Keras' <c>minval</c>, inclusive lower bound (default -0.05).</param>
    /// <param name="maxval">Keras' <c>maxval</c>, exclusive upper bound (default 0.05).</param>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public RandomUniform(double minval = -0.05, double maxval = 0.05, long? seed = null) : base(seed)
    {
        if (!(maxval >= minval))
            throw new ArgumentException(
                $"maxval must be >= minval, but received minval={Internal.Guard.Fmt(minval)}, maxval={Internal.Guard.Fmt(maxval)}.",
                nameof(maxval));
        Minval = minval;
        Maxval = maxval;
    }

    /// <summary>Keras' <c>minval</c>.</summary>
    public double Minval { get; }

    /// <summary>Keras' <c>maxval</c>.</summary>
    public double Maxval { get; }

    /// <inheritdoc />
    public override string Name => "random_uniform";

    /// <inheritdoc />
    public override Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        DrawUniform(shape, Minval, Maxval, dtype, device);

    /// <inheritdoc />
    /// <remarks>Keras 3.5's keys, in its order: <c>minval</c>, <c>maxval</c>, <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["minval"] = Minval,
        ["maxval"] = Maxval,
        ["seed"] = Seed,
    };
}
