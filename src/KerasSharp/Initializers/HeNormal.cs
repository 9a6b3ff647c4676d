namespace KerasSharp.Initializers;

/// <summary>
/// The He normal initializer: a truncated normal with variance <c>2 / fan_in</c> after truncation.
/// Keras' <c>HeNormal</c>: <see cref="VarianceScaling"/> with scale 2.0, mode <c>fan_in</c>, distribution <c>truncated_normal</c>.
/// </summary>
public sealed class HeNormal : VarianceScaling
{
    /// <summary>Creates Keras' <c>HeNormal(seed)</c>.</summary>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public HeNormal(long? seed = null) : base(2.0, "fan_in", "truncated_normal", seed)
    {
    }

    /// <inheritdoc />
    public override string Name => "he_normal";

    /// <inheritdoc />
    /// <remarks>Keras' only key: <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
