using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>Keras' <c>UnitNorm</c>: scales each slice to unit L2 norm along <c>axis</c> (<c>w / (eps + norm)</c>).</summary>
/// <param name="axis">Axis or axes of the norm (default 0).</param>
public sealed class UnitNorm(long[]? axis = null) : Constraint
{
    /// <summary>Axes of the norm.</summary>
    public long[] Axis { get; } = axis ?? [0];

    /// <inheritdoc />
    public override string Name => "unit_norm";

    /// <inheritdoc />
    public override Tensor Call(Tensor w)
    {
        using var scope = NewDisposeScope();
        return (w / (Norms(w, Axis) + Epsilon)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => new() { ["axis"] = Axis.Length == 1 ? Axis[0] : Axis };
}
