using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>ReLU</c> layer: <c>f(x) = maxValue</c> for <c>x &gt;= maxValue</c>, <c>x</c> for
/// <c>threshold &lt; x &lt; maxValue</c>, <c>negativeSlope * (x - threshold)</c> otherwise.
/// </summary>
public class ReLU : Layer, IRowWiseInference
{
    /// <summary>Creates a ReLU layer.</summary>
    /// <param name="maxValue">Upper bound (&gt;= 0), or null for none.</param>
    /// <param name="negativeSlope">Slope below the threshold (&gt;= 0; default 0).</param>
    /// <param name="threshold">Values above it pass (&gt;= 0; default 0).</param>
    /// <param name="name">Layer name (default <c>re_lu</c>).</param>
    public ReLU(double? maxValue = null, double negativeSlope = 0.0, double threshold = 0.0, string? name = null) : base(name)
    {
        if (maxValue is double m) Guard.NonNegative(m, nameof(maxValue));
        Guard.NonNegative(negativeSlope, nameof(negativeSlope));
        Guard.NonNegative(threshold, nameof(threshold));
        MaxValue = maxValue;
        NegativeSlope = negativeSlope;
        Threshold = threshold;
    }

    /// <summary>Upper bound, or null.</summary>
    public double? MaxValue { get; }
    /// <summary>Slope below the threshold.</summary>
    public double NegativeSlope { get; }
    /// <summary>Threshold.</summary>
    public double Threshold { get; }

    bool IRowWiseInference.RowWiseInInference => IsExactly<ReLU>();

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => Relu(x, NegativeSlope, MaxValue, Threshold);

    /// <summary>Keras' <c>activations.relu(x, negative_slope, max_value, threshold)</c>.</summary>
    internal static Tensor Relu(Tensor x, double negativeSlope, double? maxValue, double threshold)
    {
        using var scope = NewDisposeScope();
        Tensor y = threshold != 0 ? x * x.gt(threshold).to_type(x.dtype) : nn.functional.relu(x);
        if (maxValue is double m) y = y.clamp(0.0, m);
        if (negativeSlope != 0)
            y = y - negativeSlope * nn.functional.relu(threshold - x);
        return y.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["max_value"] = MaxValue;
        config["negative_slope"] = NegativeSlope;
        config["threshold"] = Threshold;
        return config;
    }
}
