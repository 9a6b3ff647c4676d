using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>Keras' <c>NonNeg</c>: sets negative entries to zero (<c>w * (w &gt;= 0)</c>).</summary>
public sealed class NonNeg : Constraint
{
    /// <inheritdoc />
    public override string Name => "non_neg";

    /// <inheritdoc />
    public override Tensor Call(Tensor w) => w.clamp_min(0);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => [];
}
