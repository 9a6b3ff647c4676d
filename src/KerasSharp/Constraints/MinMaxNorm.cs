using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>
/// Keras' <c>MinMaxNorm</c>: moves each slice's L2 norm along <c>axis</c> into <c>[minValue, maxValue]</c>, at speed
/// <c>rate</c>: <c>w * (rate * clip(norm, min, max) + (1 - rate) * norm) / (eps + norm)</c>.
/// </summary>
public sealed class MinMaxNorm : Constraint
{
    /// <summary>Creates the constraint.</summary>
    /// <param name="minValue">Smallest norm (default 0).</param>
    /// <param name="maxValue">Largest norm (default 1).</param>
    /// <param name="rate">Fraction of the way to move per update, in [0, 1] (default 1).</param>
    /// <param name="axis">Axis or axes of the norm (default 0).</param>
    public MinMaxNorm(double minValue = 0.0, double maxValue = 1.0, double rate = 1.0, long[]? axis = null)
    {
        if (minValue < 0 || maxValue < minValue)
            throw new ArgumentOutOfRangeException(nameof(maxValue), $"MinMaxNorm: need 0 <= minValue <= maxValue, but received minValue={minValue}, maxValue={maxValue}.");
        if (rate < 0 || rate > 1)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"MinMaxNorm: rate must be in [0, 1], but received {rate}.");
        MinValue = minValue;
        MaxValue = maxValue;
        Rate = rate;
        Axis = axis ?? [0];
    }

    /// <summary>Smallest norm.</summary>
    public double MinValue { get; }
    /// <summary>Largest norm.</summary>
    public double MaxValue { get; }
    /// <summary>Fraction moved per update.</summary>
    public double Rate { get; }
    /// <summary>Axes of the norm.</summary>
    public long[] Axis { get; }

    /// <inheritdoc />
    public override string Name => "min_max_norm";

    /// <inheritdoc />
    public override Tensor Call(Tensor w)
    {
        using var scope = NewDisposeScope();
        var norms = Norms(w, Axis);
        var desired = norms.clamp(MinValue, MaxValue) * Rate + norms * (1 - Rate);
        return (w * (desired / (norms + Epsilon))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["min_value"] = MinValue, ["max_value"] = MaxValue, ["rate"] = Rate, ["axis"] = Axis.Length == 1 ? Axis[0] : Axis,
    };
}
