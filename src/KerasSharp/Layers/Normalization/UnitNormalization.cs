using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>UnitNormalization</c>: scales each sample to unit L2 norm over <see cref="Axis"/> (the last axis by
/// default): <c>x / sqrt(max(sum(x^2), 1e-12))</c>. No weights.
/// </summary>
public class UnitNormalization : Layer
{
    /// <summary>Creates a UnitNormalization layer.</summary>
    /// <param name="axis">Axis or axes to normalise over (default -1).</param>
    /// <param name="name">Layer name.</param>
    public UnitNormalization(IntTuple? axis = null, string? name = null) : base(name)
    {
        Axis = axis is IntTuple t && t.Count > 0 ? t : -1;
    }

    /// <summary>The normalised axis or axes as given.</summary>
    public IntTuple Axis { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        int rank = (int)x.dim();
        var dims = Axis.Values.Select(a =>
        {
            int p = a < 0 ? a + rank : a;
            return p >= 0 && p < rank ? (long)p
                : throw new ArgumentException($"Layer \"{Name}\": axis {a} is out of bounds for input of rank {rank}.");
        }).ToArray();
        var squareSum = x.square().sum(dims, keepdim: true);
        return x * squareSum.clamp_min(1e-12).rsqrt();
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis.Count == 1 ? Axis.Values[0] : Axis.Values.ToList();
        return config;
    }
}
