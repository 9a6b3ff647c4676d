using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>
/// Keras' <c>MaxNorm</c>: rescales each slice so its L2 norm along <c>axis</c> is at most <c>maxValue</c>
/// (<c>w * clip(norm, 0, maxValue) / (eps + norm)</c>). For a Dense kernel <c>(in, out)</c> axis 0 constrains each unit's
/// incoming weights; for a Conv2D kernel <c>(kh, kw, in, out)</c> use axes <c>[0, 1, 2]</c>.
/// </summary>
public sealed class MaxNorm : Constraint
{
    /// <summary>Creates the constraint.</summary>
    /// <param name="maxValue">Largest allowed norm (&gt; 0, default 2).</param>
    /// <param name="axis">Axis or axes the norm is taken over (default 0).</param>
    public MaxNorm(double maxValue = 2, long[]? axis = null)
    {
        if (!(maxValue > 0) || !double.IsFinite(maxValue))
            throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, $"MaxNorm: maxValue must be a finite number > 0, but received {maxValue}.");
        MaxValue = maxValue;
        Axis = axis ?? [0];
    }

    /// <summary>Largest allowed norm.</summary>
    public double MaxValue { get; }
    /// <summary>Axes of the norm.</summary>
    public long[] Axis { get; }

    /// <inheritdoc />
    public override string Name => "max_norm";

    /// <inheritdoc />
    public override Tensor Call(Tensor w)
    {
        using var scope = NewDisposeScope();
        var norms = Norms(w, Axis);
        var desired = norms.clamp(0, MaxValue);
        return (w * (desired / (norms + Epsilon))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => new() { ["max_value"] = MaxValue, ["axis"] = Axis.Length == 1 ? Axis[0] : Axis };
}
