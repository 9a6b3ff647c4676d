using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>LeakyReLU</c> layer: <c>f(x) = x</c> for <c>x &gt;= 0</c>, <c>negativeSlope * x</c> otherwise.</summary>
public class LeakyReLU : Layer
{
    /// <summary>Creates a LeakyReLU layer.</summary>
    /// <param name="negativeSlope">Slope for negative inputs (&gt;= 0; Keras' default 0.3).</param>
    /// <param name="name">Layer name (default <c>leaky_re_lu</c>).</param>
    public LeakyReLU(double negativeSlope = 0.3, string? name = null) : base(name)
    {
        Guard.NonNegative(negativeSlope, nameof(negativeSlope));
        NegativeSlope = negativeSlope;
    }

    /// <summary>Slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => nn.functional.leaky_relu(x, NegativeSlope);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["negative_slope"] = NegativeSlope;
        return config;
    }
}
