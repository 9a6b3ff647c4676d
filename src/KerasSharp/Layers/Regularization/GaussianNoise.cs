using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GaussianNoise</c>: in training adds zero-centred Gaussian noise of standard deviation
/// <see cref="Stddev"/>; identity at inference.
/// </summary>
public class GaussianNoise : Layer
{
    private readonly SeededRandom random;

    /// <summary>Creates a GaussianNoise layer.</summary>
    /// <param name="stddev">Standard deviation of the noise, in [0, 1] as Keras requires.</param>
    /// <param name="seed">Seed of the layer's own generator (same seed, same noise); null to use the global generator.</param>
    /// <param name="name">Layer name (default <c>gaussian_noise</c>).</param>
    public GaussianNoise(double stddev, int? seed = null, string? name = null) : base(name)
    {
        Guard.InRange(stddev, 0, 1, nameof(stddev));
        Stddev = stddev;
        Seed = seed;
        random = new SeededRandom(seed);
    }

    /// <summary>Standard deviation of the noise.</summary>
    public double Stddev { get; }
    /// <summary>The seed, or null.</summary>
    public int? Seed { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (!training || Stddev == 0) return x;
        using var scope = NewDisposeScope();
        return (x + random.Normal(x.shape, x) * Stddev).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["stddev"] = Stddev;
        config["seed"] = Seed;
        return config;
    }
}
