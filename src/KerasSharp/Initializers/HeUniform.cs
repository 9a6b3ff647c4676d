namespace KerasSharp.Initializers;

/// <summary>
/// The He uniform initializer: uniform in <c>[-limit, limit]</c>, <c>limit = sqrt(6 / fan_in)</c>.
/// Keras' <c>HeUniform</c>: <see cref="VarianceScaling"/> with scale 2.0, mode <c>fan_in</c>, distribution <c>uniform</c>.
/// </summary>
public sealed class HeUniform : VarianceScaling
{
    /// <summary>Creates Keras' <c>HeUniform(seed)</c>.</summary>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public HeUniform(long? seed = null) : base(2.0, "fan_in", "uniform", seed)
    {
    }

    /// <inheritdoc />
    public override string Name => "he_uniform";

    /// <inheritdoc />
    /// <remarks>Keras' only key: <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
