using System.Text.Json.Nodes;
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

    /// <summary>
    /// Creates a Rescaling layer with one multiplier per channel (Keras accepts a list <c>scale</c>, broadcast against
    /// the last axis; EfficientNet's stem uses <c>[1 / sqrt(0.229), 1 / sqrt(0.224), 1 / sqrt(0.225)]</c>).
    /// </summary>
    /// <param name="scale">Multipliers, one per channel (a single value behaves as the scalar constructor).</param>
    /// <param name="offset">Value added after scaling.</param>
    /// <param name="name">Layer name.</param>
    public Rescaling(double[] scale, double offset = 0.0, string? name = null)
        : this(CheckScales(scale).Length == 1 ? scale[0] : 1.0, offset, name)
    {
        if (scale.Length > 1) Scales = (double[])scale.Clone();
    }

    private static double[] CheckScales(double[] scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        if (scale.Length == 0)
            throw new ArgumentException("Rescaling: 'scale' must hold at least one value, but received an empty list.", nameof(scale));
        foreach (var v in scale)
            if (!double.IsFinite(v))
                throw new ArgumentOutOfRangeException(nameof(scale), v, $"Rescaling: every 'scale' value must be a finite number, but received {v}.");
        return scale;
    }

    /// <summary>Rebuilds the layer from Keras' config (<c>scale</c> a number or a list, <c>offset</c>, and the common keys).</summary>
    /// <exception cref="InvalidDataException">A key Keras' Rescaling does not have, or a value of the wrong type.</exception>
    public static Rescaling FromConfig(JsonObject config)
    {
        double[] scale = [1.0];
        double offset = 0.0;
        var common = PreprocessingConfig.Read(config, nameof(Rescaling), (key, value) =>
        {
            switch (key)
            {
                case "scale": scale = value is JsonArray ? PreprocessingConfig.Get<double[]>(value) : [PreprocessingConfig.Get<double>(value)]; return true;
                case "offset": offset = PreprocessingConfig.Get<double>(value); return true;
                default: return false;
            }
        });
        var layer = new Rescaling(scale, offset, common.Name);
        if (common.Trainable is bool t) layer.Trainable = t;
        return layer;
    }

    /// <summary>The multiplier (1 when <see cref="Scales"/> holds per-channel multipliers).</summary>
    public double Scale { get; }

    /// <summary>The per-channel multipliers when the layer was created with a list of several; otherwise null.</summary>
    public double[]? Scales { get; }
    /// <summary>The offset added after scaling.</summary>
    public double Offset { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (Scales is null) return Offset == 0 ? x * Scale : x * Scale + Offset;
        using var scales = tensor(Scales, dtype: x.is_floating_point() ? x.dtype : ScalarType.Float32, device: x.device);
        return Offset == 0 ? x * scales : x * scales + Offset;
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["scale"] = Scales is null ? Scale : Scales.ToList();
        config["offset"] = Offset;
        return config;
    }
}
