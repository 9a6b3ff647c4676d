using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Masking</c>: marks the timesteps whose features all equal <see cref="MaskValue"/> as skipped. The output is
/// <c>x * any(x != maskValue, axis: -1)</c> (masked steps become zeros), and <see cref="ComputeMask"/> gives the
/// <c>(batch, timesteps)</c> boolean mask that mask-aware layers after it (recurrent layers) use to skip those steps.
/// </summary>
public class Masking : Layer, IMaskProducer
{
    /// <summary>Creates a Masking layer.</summary>
    /// <param name="maskValue">The value that marks padding (Keras' default 0).</param>
    /// <param name="name">Layer name (default <c>masking</c>).</param>
    public Masking(double maskValue = 0.0, string? name = null) : base(name)
    {
        if (double.IsNaN(maskValue))
            throw new ArgumentException("Masking: maskValue must be a number, but received NaN (NaN never compares equal).", nameof(maskValue));
        MaskValue = maskValue;
    }

    /// <summary>The padding value.</summary>
    public double MaskValue { get; }

    /// <summary>The <c>(batch, ..., timesteps)</c> mask of <paramref name="input"/>: true where any feature differs from <see cref="MaskValue"/>.</summary>
    public Tensor ComputeMask(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 1)
            throw new ArgumentException($"Layer \"{Name}\": Masking needs an input with a feature axis, but received shape {Shape.Of(input)}.", nameof(input));
        return input.ne(MaskValue).any(-1);
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        using var scope = NewDisposeScope();
        return (x * x.ne(MaskValue).any(-1, keepdim: true).to_type(x.dtype)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["mask_value"] = MaskValue;
        return config;
    }
}
