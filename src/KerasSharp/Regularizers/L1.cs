using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>Keras' <c>L1</c>: penalty <c>l1 * sum(|x|)</c>; default factor 0.01.</summary>
/// <param name="l1">The factor (&gt;= 0).</param>
public sealed class L1(double l1 = 0.01) : Regularizer
{
    /// <summary>The L1 factor.</summary>
    public double L1Factor { get; } = CheckFactor(l1, nameof(l1));

    /// <inheritdoc />
    public override string Name => "l1";

    /// <inheritdoc />
    public override Tensor Call(Tensor x) => x.abs().sum() * L1Factor;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => new() { ["l1"] = L1Factor };
}
