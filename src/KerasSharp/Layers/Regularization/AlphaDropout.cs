using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>AlphaDropout</c> (for SELU networks): in training sets a fraction <see cref="Rate"/> of inputs to SELU's
/// negative saturation value <c>-alpha * scale</c>, then applies the affine map <c>a * x + b</c> that keeps the mean and
/// variance of standardized inputs; identity at inference.
/// </summary>
public class AlphaDropout : Layer
{
    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;
    private readonly SeededRandom random;

    /// <summary>Creates an AlphaDropout layer.</summary>
    /// <param name="rate">Drop probability in [0, 1).</param>
    /// <param name="noiseShape">Shape of the keep mask (broadcast over the input); null entries take the input's size; null for the input's shape.</param>
    /// <param name="seed">Seed of the layer's own generator; null to use the global generator.</param>
    /// <param name="name">Layer name (default <c>alpha_dropout</c>).</param>
    public AlphaDropout(double rate, Shape? noiseShape = null, int? seed = null, string? name = null) : base(name)
    {
        SeededRandom.CheckRate(rate, "AlphaDropout");
        Rate = rate;
        NoiseShape = noiseShape;
        Seed = seed;
        random = new SeededRandom(seed);
    }

    /// <summary>Drop probability.</summary>
    public double Rate { get; }
    /// <summary>Mask shape, or null.</summary>
    public Shape? NoiseShape { get; }
    /// <summary>The seed, or null.</summary>
    public int? Seed { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (!training || Rate == 0) return x;
        using var scope = NewDisposeScope();
        long[] maskShape = NoiseShape is Shape ns
            ? ns.Count == x.dim()
                ? ns.Select((d, i) => d ?? x.shape[i]).ToArray()
                : throw new ArgumentException($"Layer \"{Name}\": noiseShape {ns} must have the input's rank, but the input has shape {Shape.Of(x)}.")
            : x.shape;
        const double alphaP = -SeluAlpha * SeluScale;
        var kept = random.Bernoulli(maskShape, 1 - Rate, x);
        double a = Math.Pow((1 - Rate) * (1 + Rate * alphaP * alphaP), -0.5);
        double b = -a * alphaP * Rate;
        var y = x * kept + (1 - kept) * alphaP;
        return (y * a + b).MoveToOuterDisposeScope();
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
