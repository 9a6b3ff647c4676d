using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>RandomTranslation</c>: during training shifts each image by <c>u_h * height</c> rows and <c>u_w * width</c>
/// columns, with <c>u</c> drawn from the given ranges (positive moves down / right), filling the uncovered area by
/// <see cref="FillMode"/>. Identity in inference.
/// </summary>
public class RandomTranslation : ImagePreprocessingLayer
{
    private readonly double heightLower, heightUpper, widthLower, widthUpper;

    /// <summary>Creates a RandomTranslation layer.</summary>
    /// <param name="heightFactor">Fraction of the height: a number <c>f</c> in [-1, 1] for <c>[-f, f]</c>, or a <c>(lower, upper)</c> pair.</param>
    /// <param name="widthFactor">Fraction of the width, as <paramref name="heightFactor"/>.</param>
    /// <param name="fillMode"><c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream.</param>
    /// <param name="fillValue">Value outside the image when <paramref name="fillMode"/> is <c>"constant"</c>.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">Layer name.</param>
    public RandomTranslation(FactorRange heightFactor, FactorRange widthFactor, string fillMode = "reflect",
        string interpolation = "bilinear", int? seed = null, double fillValue = 0.0, string? dataFormat = null, string? name = null)
        : base(dataFormat, seed, name)
    {
        (heightLower, heightUpper) = heightFactor.SymmetricRange(nameof(heightFactor), "RandomTranslation");
        (widthLower, widthUpper) = widthFactor.SymmetricRange(nameof(widthFactor), "RandomTranslation");
        CheckAffineOptions(fillMode, interpolation);
        HeightFactor = heightFactor;
        WidthFactor = widthFactor;
        FillMode = fillMode;
        Interpolation = interpolation;
        FillValue = fillValue;
    }

    /// <summary>The vertical shift range as given (fractions of the height).</summary>
    public FactorRange HeightFactor { get; }
    /// <summary>The horizontal shift range as given (fractions of the width).</summary>
    public FactorRange WidthFactor { get; }
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
        var dy = Uniform(n, heightLower, heightUpper) * images.shape[2];
        var dx = Uniform(n, widthLower, widthUpper) * images.shape[3];
        var one = ones(n);
        var zero = zeros(n);
        // Output pixel (x, y) reads input pixel (x - dx, y - dy) (Keras' translation matrix).
        var matrix = stack([one, zero, -dx, zero, one, -dy], 1);
        return ImageOps.AffineTransform(images, matrix, Interpolation, FillMode, FillValue).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["height_factor"] = HeightFactor.ToConfigValue();
        config["width_factor"] = WidthFactor.ToConfigValue();
        config["fill_mode"] = FillMode;
        config["interpolation"] = Interpolation;
        config["seed"] = Seed;
        config["fill_value"] = FillValue;
        config["data_format"] = DataFormat;
        return config;
    }
}
