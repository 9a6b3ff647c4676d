using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>
/// Keras' <c>L1L2</c>: penalty <c>l1 * sum(|x|) + l2 * sum(x^2)</c>. Keras 3's defaults are 0 for both factors, so
/// <c>"l1_l2"</c> by name adds nothing until factors are given: <c>new L1L2(l1: 1e-5, l2: 1e-4)</c>.
/// </summary>
/// <param name="l1">The L1 factor (&gt;= 0).</param>
/// <param name="l2">The L2 factor (&gt;= 0).</param>
public sealed class L1L2(double l1 = 0.0, double l2 = 0.0) : Regularizer
{
    /// <summary>The L1 factor.</summary>
    public double L1Factor { get; } = CheckFactor(l1, nameof(l1));
    /// <summary>The L2 factor.</summary>
    public double L2Factor { get; } = CheckFactor(l2, nameof(l2));

    /// <inheritdoc />
    public override string Name => "l1_l2";

    /// <inheritdoc />
    public override Tensor Call(Tensor x)
    {
        using var scope = NewDisposeScope();
        var penalty = zeros([], x.dtype, x.device);
        if (L1Factor != 0) penalty = penalty + x.abs().sum() * L1Factor;
        if (L2Factor != 0) penalty = penalty + x.square().sum() * L2Factor;
        return penalty.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => new() { ["l1"] = L1Factor, ["l2"] = L2Factor };
}
