namespace KerasSharp.Initializers;

/// <summary>
/// The Glorot (Xavier) normal initializer: a truncated normal with variance <c>2 / (fan_in + fan_out)</c> after truncation.
/// Keras' <c>GlorotNormal</c>: <see cref="VarianceScaling"/> with scale 1.0, mode <c>fan_avg</c>, distribution <c>truncated_normal</c>.
/// </summary>
public sealed class GlorotNormal : VarianceScaling
{
    /// <summary>Creates Keras' <c>GlorotNormal(seed)</c>.</summary>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public GlorotNormal(long? seed = null) : base(1.0, "fan_avg", "truncated_normal", seed)
    {
    }

    /// <inheritdoc />
    public override string Name => "glorot_normal";

    /// <inheritdoc />
    /// <remarks>Keras' only key: <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
