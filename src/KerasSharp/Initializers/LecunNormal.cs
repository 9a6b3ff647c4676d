namespace KerasSharp.Initializers;

/// <summary>
/// The LeCun normal initializer: a truncated normal with variance <c>1 / fan_in</c> after truncation.
/// Keras' <c>LecunNormal</c>: <see cref="VarianceScaling"/> with scale 1.0, mode <c>fan_in</c>, distribution <c>truncated_normal</c>.
/// </summary>
public sealed class LecunNormal : VarianceScaling
{
    /// <summary>Creates Keras' <c>LecunNormal(seed)</c>.</summary>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public LecunNormal(long? seed = null) : base(1.0, "fan_in", "truncated_normal", seed)
    {
    }

    /// <inheritdoc />
    public override string Name => "lecun_normal";

    /// <inheritdoc />
    /// <remarks>Keras' only key: <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
