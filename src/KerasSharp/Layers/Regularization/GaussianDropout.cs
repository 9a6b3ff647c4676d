using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GaussianDropout</c>: in training multiplies the input by Gaussian noise of mean 1 and standard deviation
/// <c>sqrt(rate / (1 - rate))</c>; identity at inference.
/// </summary>
public class GaussianDropout : Layer
{
    private readonly SeededRandom random;

    /// <summary>Creates a GaussianDropout layer.</summary>
    /// <param name="rate">Drop probability in [0, 1); the noise has standard deviation <c>sqrt(rate / (1 - rate))</c>.</param>
    /// <param name="seed">Seed of the layer's own generator; null to use the global generator.</param>
    /// <param name="name">Layer name (default <c>gaussian_dropout</c>).</param>
    public GaussianDropout(double rate, int? seed = null, string? name = null) : base(name)
    {
        SeededRandom.CheckRate(rate, "GaussianDropout");
        Rate = rate;
        Seed = seed;
        random = new SeededRandom(seed);
    }

    /// <summary>Drop probability.</summary>
    public double Rate { get; }
    /// <summary>The seed, or null.</summary>
    public int? Seed { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (!training || Rate == 0) return x;
        using var scope = NewDisposeScope();
        double stddev = Math.Sqrt(Rate / (1 - Rate));
        return (x * (random.Normal(x.shape, x) * stddev + 1)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["rate"] = Rate;
        config["seed"] = Seed;
        return config;
    }
}
