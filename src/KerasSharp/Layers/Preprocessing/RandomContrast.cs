using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>RandomContrast</c>: during training draws one contrast factor <c>c</c> per image from
/// <c>[1 - lower, 1 + upper]</c> and maps each pixel to <c>(x - mean) * c + mean</c>, where <c>mean</c> is the image's
/// per-channel mean, then clips to <c>valueRange</c>. A single factor <c>f</c> means <c>lower = upper = f</c> (Keras'
/// documented range <c>[1 - f, 1 + f]</c>). Identity in inference.
/// </summary>
/// <remarks>
/// Keras 3's code stores a single factor as <c>(0, f)</c> and so draws from <c>[1, 1 + f]</c>, contrary to its own
/// documentation; this layer follows the documentation. A pair <c>(lower, upper)</c> (what Keras writes to config)
/// gives <c>[1 - lower, 1 + upper]</c> in both.
/// </remarks>
public class RandomContrast : ImagePreprocessingLayer
{
    private readonly double lower, upper;

    /// <summary>Creates a RandomContrast layer.</summary>
    /// <param name="factor">A number in [0, 1], or a <c>(lower, upper)</c> pair of numbers in [0, 1].</param>
    /// <param name="valueRange">The <c>[low, high]</c> range of the input values (default <c>[0, 255]</c>); outputs are clipped to it.</param>
    /// <param name="seed">Seed of the layer's random stream.</param>
    /// <param name="name">Layer name.</param>
    public RandomContrast(FactorRange factor, double[]? valueRange = null, int? seed = null, string? name = null)
        : base(null, seed, name)
    {
        if (factor.IsEmpty)
            throw new ArgumentException("RandomContrast: 'factor' is required.", nameof(factor));
        foreach (var v in factor.Values)
            if (!(v >= 0 && v <= 1))
                throw new ArgumentOutOfRangeException(nameof(factor), factor.ToString(),
                    $"RandomContrast: 'factor' must be a number (or a list of two numbers) in the range [0, 1], but received {factor}.");
        (lower, upper) = factor.IsPair ? (factor.Values[0], factor.Values[1]) : (factor.Values[0], factor.Values[0]);
        valueRange ??= [0, 255];
        if (valueRange.Length != 2 || !(valueRange[0] < valueRange[1]))
            throw new ArgumentException(
                $"RandomContrast: 'valueRange' must be [low, high] with low < high, but received [{string.Join(", ", valueRange)}].", nameof(valueRange));
        Factor = factor;
        ValueRange = [valueRange[0], valueRange[1]];
    }

    /// <summary>The contrast range as given.</summary>
    public FactorRange Factor { get; }
    /// <summary>The <c>[low, high]</c> range outputs are clipped to.</summary>
    public IReadOnlyList<double> ValueRange { get; }

    /// <inheritdoc />
    protected override bool ActiveInInference => false;

    /// <inheritdoc />
    protected override Tensor TransformImages(Tensor images, bool training)
    {
        using var scope = NewDisposeScope();
        var c = Uniform(images.shape[0], 1 - lower, 1 + upper).view(-1, 1, 1, 1).to(images.device);
        var mean = images.mean([2L, 3L], keepdim: true);
        var y = ((images - mean) * c + mean).clamp(ValueRange[0], ValueRange[1]);
        return y.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["factor"] = Factor.ToConfigValue();
        config["value_range"] = ValueRange.ToList();
        config["seed"] = Seed;
        return config;
    }
}
