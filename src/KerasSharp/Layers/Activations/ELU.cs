using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>ELU</c> layer: <c>f(x) = x</c> for <c>x &gt; 0</c>, <c>alpha * (exp(x) - 1)</c> otherwise.</summary>
public class ELU : Layer
{
    /// <summary>Creates an ELU layer.</summary>
    /// <param name="alpha">Scale of the negative part (Keras' default 1).</param>
    /// <param name="name">Layer name (default <c>elu</c>).</param>
    public ELU(double alpha = 1.0, string? name = null) : base(name)
    {
        if (!double.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"ELU: alpha must be a finite number, but received {alpha}.");
        Alpha = alpha;
    }

    /// <summary>Scale of the negative part.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => nn.functional.elu(x, Alpha);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        // Keras' ELU has no get_config of its own: its auto-config puts the argument right after name.
        var config = new Dictionary<string, object?> { ["name"] = Name, ["alpha"] = Alpha };
        foreach (var (key, value) in base.GetConfig()) config[key] = value;
        return config;
    }
}
