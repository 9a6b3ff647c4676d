using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>RandomRotation</c>: during training rotates each image about its centre by a random angle drawn uniformly
/// from <c>[lower, upper] * 2π</c> (a factor <c>f</c> means <c>[-f, f]</c>; positive is counter-clockwise), filling
/// the uncovered area by <see cref="FillMode"/>. Identity in inference.
/// </summary>
public class RandomRotation : ImagePreprocessingLayer
{
    private readonly double lower;
    private readonly double upper;

    /// <summary>Creates a RandomRotation layer.</summary>
    /// <param name="factor">Fraction of a full turn: a number <c>f</c> in [-1, 1] for <c>[-f, f]</c>, or a <c>(lower, upper)</c> pair.</param>
    /// <param name="fillMode"><c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream.</param>
    /// <param name="fillValue">Value outside the image when <paramref name="fillMode"/> is <c>"constant"</c>.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">Layer name.</param>
    public RandomRotation(FactorRange factor, string fillMode = "reflect", string interpolation = "bilinear", int? seed = null,
        double fillValue = 0.0, string? dataFormat = null, string? name = null)
        : base(dataFormat, seed, name)
    {
        if (factor.IsEmpty)
            throw new ArgumentException("RandomRotation: 'factor' is required.", nameof(factor));
        var v = factor.Values;
        if (factor.IsPair ? (v[0] > 1 || v[1] < -1) : !(v[0] >= -1 && v[0] <= 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor.ToString(),
                $"RandomRotation: 'factor' must be a number (or a list of two numbers) in the range [-1, 1], but received {factor}.");
        (lower, upper) = factor.IsPair ? (Math.Min(v[0], v[1]), Math.Max(v[0], v[1])) : (-Math.Abs(v[0]), Math.Abs(v[0]));
        CheckAffineOptions(fillMode, interpolation);
        Factor = new FactorRange(lower, upper);
        FillMode = fillMode;
        Interpolation = interpolation;
        FillValue = fillValue;
    }

    /// <summary>The rotation range as Keras stores it: <c>(lower, upper)</c> fractions of a full turn.</summary>
    public FactorRange Factor { get; }
    /// <summary>How points outside the image are filled.</summary>
    public string FillMode { get; }
    /// <summary><c>"bilinear"</c> or <c>"nearest"</c>.</summary>
    public string Interpolation { get; }
    /// <summary>Fill value for <c>"constant"</c> mode.</summary>
    public double FillValue { get; }

    /// <inheritdoc />
    protected override bool ActiveInInference => false;

    /// <inheritdoc />
    protected override Tensor TransformImages(Tensor images, bool training)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0];
        double h = images.shape[2] - 1, w = images.shape[3] - 1;
        var angle = Uniform(n, lower * 2 * Math.PI, upper * 2 * Math.PI).to(ScalarType.Float64);
        var cos = angle.cos();
        var sin = angle.sin();
        // Rotation about the image centre, output pixel -> input pixel (Keras' rotation transform).
        var xOffset = (w - (cos * w - sin * h)) / 2;
        var yOffset = (h - (sin * w + cos * h)) / 2;
        var matrix = stack([cos, -sin, xOffset, sin, cos, yOffset], 1);
        return ImageOps.AffineTransform(images, matrix, Interpolation, FillMode, FillValue).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["factor"] = Factor.ToConfigValue();
        config["data_format"] = DataFormat;
        config["fill_mode"] = FillMode;
        config["fill_value"] = FillValue;
        config["interpolation"] = Interpolation;
        config["seed"] = Seed;
        return config;
    }
}
