using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Rescaling</c>: <c>output = input * scale + offset</c>, in training and inference (e.g. <c>scale: 1.0 / 255</c>
/// maps <c>[0, 255]</c> to <c>[0, 1]</c>; <c>scale: 1.0 / 127.5, offset: -1</c> maps it to <c>[-1, 1]</c>). Integer
/// inputs become float32.
/// </summary>
public class Rescaling : Layer
{
    /// <summary>Creates a Rescaling layer.</summary>
    /// <param name="scale">Multiplier applied to the inputs.</param>
    /// <param name="offset">Value added after scaling.</param>
    /// <param name="name">Layer name.</param>
    public Rescaling(double scale, double offset = 0.0, string? name = null) : base(name)
    {
        if (!double.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Rescaling: 'scale' must be a finite number, but received {scale}.");
        if (!double.IsFinite(offset))
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Rescaling: 'offset' must be a finite number, but received {offset}.");
        Scale = scale;
        Offset = offset;
    }

    /// <summary>The multiplier.</summary>
    public double Scale { get; }
    /// <summary>The offset added after scaling.</summary>
    public double Offset { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => Offset == 0 ? x * Scale : x * Scale + Offset;

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["scale"] = Scale;
        config["offset"] = Offset;
        return config;
    }
}
