using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>ActivityRegularization</c>: returns its input unchanged and, on every call, adds Keras' activity penalty
/// <c>l1 * sum(|x|) + l2 * sum(x^2)</c> of that input to <see cref="Layer.Losses"/> (through its
/// <see cref="Layer.ActivityRegularizer"/>, an <see cref="L1L2"/>), which training adds to the loss.
/// </summary>
public class ActivityRegularization : Layer
{
    /// <summary>Creates an ActivityRegularization layer.</summary>
    /// <param name="l1">The L1 factor (&gt;= 0, Keras' default 0).</param>
    /// <param name="l2">The L2 factor (&gt;= 0, Keras' default 0).</param>
    /// <param name="name">Layer name (default <c>activity_regularization</c>).</param>
    public ActivityRegularization(double l1 = 0.0, double l2 = 0.0, string? name = null) : base(name)
    {
        ActivityRegularizer = new L1L2(l1, l2);
        L1 = l1;
        L2 = l2;
    }

    /// <summary>The L1 factor.</summary>
    public double L1 { get; }
    /// <summary>The L2 factor.</summary>
    public double L2 { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x;

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["l1"] = L1;
        config["l2"] = L2;
        return config;
    }
}
