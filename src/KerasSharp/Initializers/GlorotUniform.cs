namespace KerasSharp.Initializers;

/// <summary>
/// The Glorot (Xavier) uniform initializer: uniform in <c>[-limit, limit]</c>, <c>limit = sqrt(6 / (fan_in + fan_out))</c>.
/// Keras' <c>GlorotUniform</c>: <see cref="VarianceScaling"/> with scale 1.0, mode <c>fan_avg</c>, distribution <c>uniform</c>.
/// </summary>
public sealed class GlorotUniform : VarianceScaling
{
    /// <summary>Creates Keras' <c>GlorotUniform(seed)</c>.</summary>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public GlorotUniform(long? seed = null) : base(1.0, "fan_avg", "uniform", seed)
    {
    }

    /// <inheritdoc />
    public override string Name => "glorot_uniform";

    /// <inheritdoc />
    /// <remarks>Keras' only key: <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
