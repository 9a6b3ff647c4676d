namespace KerasSharp.Initializers;

/// <summary>
/// The LeCun uniform initializer: uniform in <c>[-limit, limit]</c>, <c>limit = sqrt(3 / fan_in)</c>.
/// Keras' <c>LecunUniform</c>: <see cref="VarianceScaling"/> with scale 1.0, mode <c>fan_in</c>, distribution <c>uniform</c>.
/// </summary>
public sealed class LecunUniform : VarianceScaling
{
    /// <summary>Creates Keras' <c>LecunUniform(seed)</c>.</summary>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public LecunUniform(long? seed = null) : base(1.0, "fan_in", "uniform", seed)
    {
    }

    /// <inheritdoc />
    public override string Name => "lecun_uniform";

    /// <inheritdoc />
    /// <remarks>Keras' only key: <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
