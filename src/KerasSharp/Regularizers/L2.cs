using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>Keras' <c>L2</c>: penalty <c>l2 * sum(x^2)</c> (no factor 1/2); default factor 0.01.</summary>
/// <param name="l2">The factor (&gt;= 0).</param>
public sealed class L2(double l2 = 0.01) : Regularizer
{
    /// <summary>The L2 factor.</summary>
    public double L2Factor { get; } = CheckFactor(l2, nameof(l2));

    /// <inheritdoc />
    public override string Name => "l2";

    /// <inheritdoc />
    public override Tensor Call(Tensor x) => x.square().sum() * L2Factor;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => new() { ["l2"] = L2Factor };
}
