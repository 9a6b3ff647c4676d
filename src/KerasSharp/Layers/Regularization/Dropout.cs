using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Dropout</c>: during training (inside Fit, or <c>Call(x, training: true)</c>) sets a fraction
/// <see cref="Rate"/> of inputs to 0 and scales the rest by <c>1 / (1 - rate)</c>; identity at inference.
/// </summary>
public class Dropout : Layer, IRowWiseInference
{
    /// <summary>Creates a Dropout layer.</summary>
    /// <param name="rate">Fraction of inputs to drop, in [0, 1).</param>
    /// <param name="noiseShape">Shape of the binary mask (broadcast over the input); null for the input's shape.
    /// Unknown entries (null) take the input's size on that axis.</param>
    /// <param name="seed">Accepted for Keras compatibility; randomness follows <see cref="Keras.Utils.SetRandomSeed"/>.</param>
    /// <param name="name">Layer name.</param>
    public Dropout(double rate, Shape? noiseShape = null, int? seed = null, string? name = null) : base(name)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Dropout: rate must be in [0, 1), but received {rate}.");
        Rate = rate;
        NoiseShape = noiseShape;
        Seed = seed;
    }

    /// <summary>Fraction of inputs dropped in training.</summary>
    public double Rate { get; }
    /// <summary>Mask shape, or null.</summary>
    public Shape? NoiseShape { get; }
    /// <summary>The seed given at construction (informational).</summary>
    public int? Seed { get; }

    // The identity in inference.
    bool IRowWiseInference.RowWiseInInference => IsExactly<Dropout>();

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (!training || Rate == 0)
            return x;
        if (NoiseShape is not Shape ns)
            return nn.functional.dropout(x, Rate, training: true);
        var maskShape = ns.Select((d, i) => d ?? x.shape[i]).ToArray();
        var keep = empty(maskShape, x.dtype, x.device).bernoulli_(1 - Rate);
        return x * keep / (1 - Rate);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["rate"] = Rate;
        config["seed"] = Seed;
        config["noise_shape"] = NoiseShape?.ToList();
        return config;
    }
}
