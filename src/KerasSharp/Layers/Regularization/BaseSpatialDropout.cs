using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Base of Keras' spatial dropouts (<c>SpatialDropout1D/2D/3D</c>): in training drops whole feature maps (one decision
/// per sample and channel, shared over the steps or pixels) and scales the kept ones by <c>1 / (1 - rate)</c>;
/// identity at inference.
/// </summary>
public abstract class BaseSpatialDropout : Layer
{
    private readonly SeededRandom random;

    /// <summary>Creates a spatial dropout for inputs of <paramref name="rank"/> (batch included).</summary>
    /// <param name="rate">Fraction of feature maps dropped, in [0, 1).</param>
    /// <param name="dataFormat"><c>"channels_last"</c> or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's own generator; null to use the global generator.</param>
    /// <param name="rank">Input rank, batch included.</param>
    /// <param name="name">Layer name.</param>
    private protected BaseSpatialDropout(double rate, string dataFormat, int? seed, int rank, string? name) : base(name)
    {
        SeededRandom.CheckRate(rate, GetType().Name);
        Rate = rate;
        DataFormat = DataFormatCheck.Valid(dataFormat, GetType().Name);
        Seed = seed;
        random = new SeededRandom(seed);
        InputSpec = new InputSpec { Rank = rank };
    }

    /// <summary>Fraction of feature maps dropped in training.</summary>
    public double Rate { get; }
    /// <summary>The data format (where the channel axis is).</summary>
    public string DataFormat { get; }
    /// <summary>The seed, or null.</summary>
    public int? Seed { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (!training || Rate == 0) return x;
        using var scope = NewDisposeScope();
        int channelAxis = DataFormat == "channels_last" ? (int)x.dim() - 1 : 1;
        var maskShape = x.shape.Select((d, i) => i == 0 || i == channelAxis ? d : 1).ToArray();
        var keep = random.Bernoulli(maskShape, 1 - Rate, x);
        return (x * keep / (1 - Rate)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <summary>
    /// Keras' config: <c>rate</c>, <c>seed</c>, <c>name</c>, <c>dtype</c> (and <c>data_format</c> for 2D/3D). Keras'
    /// spatial dropouts neither write <c>trainable</c> nor accept it in their constructor, so it is left out here too:
    /// a file KerasSharp writes then loads in Keras 3.5 and 3.15.
    /// </summary>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = new Dictionary<string, object?>
        {
            ["rate"] = Rate,
            ["seed"] = Seed,
        };
        foreach (var (key, value) in base.GetConfig())
            if (key != "trainable") config[key] = value;
        return config;
    }
}
