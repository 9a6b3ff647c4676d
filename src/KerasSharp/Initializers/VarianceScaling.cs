using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras <c>VarianceScaling</c>: draws with variance <c>scale / n</c>, where <c>n</c> is fan-in (<c>"fan_in"</c>),
/// fan-out (<c>"fan_out"</c>) or their mean (<c>"fan_avg"</c>), each at least 1. <c>"truncated_normal"</c> draws a
/// normal truncated at two standard deviations with stddev <c>sqrt(scale / n) / 0.87962566103423978</c> (so the
/// variance after truncation is <c>scale / n</c>); <c>"untruncated_normal"</c> uses stddev <c>sqrt(scale / n)</c>;
/// <c>"uniform"</c> draws in <c>[-limit, limit]</c> with <c>limit = sqrt(3 * scale / n)</c>.
/// </summary>
public class VarianceScaling : RandomInitializer
{
    /// <summary>Standard deviation of a standard normal truncated to [-2, 2] (Keras' correction constant).</summary>
    public const double TruncatedStddevFactor = 0.87962566103423978;

    /// <summary>Creates Keras' <c>VarianceScaling(scale, mode, distribution, seed)</c>.</summary>
    /// <param name="scale">Keras' <c>scale</c> (default 1.0), must be positive.</param>
    /// <param name="mode">Keras' <c>mode</c>: <c>"fan_in"</c> (default), <c>"fan_out"</c> or <c>"fan_avg"</c>.</param>
    /// <param name="distribution">
    /// Keras' <c>distribution</c>: <c>"truncated_normal"</c> (default), <c>"untruncated_normal"</c> or <c>"uniform"</c>
    /// (case-insensitive; <c>"normal"</c> means <c>"truncated_normal"</c>, as in Keras).
    /// </param>
    /// <param name="seed">Keras' <c>seed</c> (default null: the global generator).</param>
    public VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", long? seed = null)
        : base(seed)
    {
        Guard.Positive(scale, nameof(scale));
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(distribution);
        if (mode is not ("fan_in" or "fan_out" or "fan_avg"))
            throw new ArgumentException(
                $"mode must be one of \"fan_in\", \"fan_out\", \"fan_avg\", but received \"{mode}\".", nameof(mode));
        var dist = distribution.ToLowerInvariant();
        if (dist == "normal") dist = "truncated_normal";
        if (dist is not ("truncated_normal" or "untruncated_normal" or "uniform"))
            throw new ArgumentException(
                $"distribution must be one of \"truncated_normal\", \"untruncated_normal\", \"uniform\", but received \"{distribution}\".",
                nameof(distribution));
        Scale = scale;
        Mode = mode;
        Distribution = dist;
    }

    /// <summary>Keras' <c>scale</c>.</summary>
    public double Scale { get; }

    /// <summary>Keras' <c>mode</c>: <c>fan_in</c>, <c>fan_out</c> or <c>fan_avg</c>.</summary>
    public string Mode { get; }

    /// <summary>Keras' <c>distribution</c>: <c>truncated_normal</c>, <c>untruncated_normal</c> or <c>uniform</c>.</summary>
    public string Distribution { get; }

    /// <inheritdoc />
    public override string Name => "variance_scaling";

    /// <inheritdoc />
    public override Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var (fanIn, fanOut) = ComputeFans(shape);
        double n = Mode switch
        {
            "fan_in" => Math.Max(1.0, fanIn),
            "fan_out" => Math.Max(1.0, fanOut),
            _ => Math.Max(1.0, (fanIn + fanOut) / 2.0),
        };
        double variance = Scale / n;
        return Distribution switch
        {
            "truncated_normal" => DrawTruncatedNormal(shape, 0.0, Math.Sqrt(variance) / TruncatedStddevFactor, dtype, device),
            "untruncated_normal" => DrawNormal(shape, 0.0, Math.Sqrt(variance), dtype, device),
            _ => DrawUniform(shape, -Math.Sqrt(3.0 * variance), Math.Sqrt(3.0 * variance), dtype, device),
        };
    }

    /// <inheritdoc />
    /// <remarks>Keras 3.5's keys, in its order: <c>scale</c>, <c>mode</c>, <c>distribution</c>, <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["scale"] = Scale,
        ["mode"] = Mode,
        ["distribution"] = Distribution,
        ["seed"] = Seed,
    };
}
