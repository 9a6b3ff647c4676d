using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>RandomZoom</c>: during training zooms each image about its centre by <c>1 + u</c> with <c>u</c> drawn from
/// the height (and width) range; a positive factor zooms out, a negative one zooms in. With <c>widthFactor</c> null the
/// aspect ratio is kept (the height zoom is used for both axes). Identity in inference.
/// </summary>
public class RandomZoom : ImagePreprocessingLayer
{
    private readonly double heightLower, heightUpper, widthLower, widthUpper;

    /// <summary>Creates a RandomZoom layer.</summary>
    /// <param name="heightFactor">A number <c>f</c> in [-1, 1] for <c>[-f, f]</c>, or a <c>(lower, upper)</c> pair of values in [-1, 1].</param>
    /// <param name="widthFactor">As <paramref name="heightFactor"/> for the width; null keeps the aspect ratio.</param>
    /// <param name="fillMode"><c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream.</param>
    /// <param name="fillValue">Value outside the image when <paramref name="fillMode"/> is <c>"constant"</c>.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">Layer name.</param>
    public RandomZoom(FactorRange heightFactor, FactorRange? widthFactor = null, string fillMode = "reflect",
        string interpolation = "bilinear", int? seed = null, double fillValue = 0.0, string? dataFormat = null, string? name = null)
        : base(dataFormat, seed, name)
    {
        (heightLower, heightUpper) = heightFactor.SymmetricRange(nameof(heightFactor), "RandomZoom");
        if (widthFactor is FactorRange wf)
            (widthLower, widthUpper) = wf.SymmetricRange(nameof(widthFactor), "RandomZoom");
        CheckAffineOptions(fillMode, interpolation);
        HeightFactor = heightFactor;
        WidthFactor = widthFactor;
        FillMode = fillMode;
        Interpolation = interpolation;
        FillValue = fillValue;
    }

    /// <summary>The height zoom range as given.</summary>
    public FactorRange HeightFactor { get; }
    /// <summary>The width zoom range as given, or null to keep the aspect ratio.</summary>
    public FactorRange? WidthFactor { get; }
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
        var zy = Uniform(n, 1 + heightLower, 1 + heightUpper);
        var zx = WidthFactor is null ? zy : Uniform(n, 1 + widthLower, 1 + widthUpper);
        var zero = zeros(n);
        // Scale about the centre, output pixel -> input pixel (Keras' zoom matrix).
        var matrix = stack([zx, zero, (1 - zx) * (w / 2), zero, zy, (1 - zy) * (h / 2)], 1);
        return ImageOps.AffineTransform(images, matrix, Interpolation, FillMode, FillValue).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["height_factor"] = HeightFactor.ToConfigValue();
        config["width_factor"] = WidthFactor?.ToConfigValue();
        config["fill_mode"] = FillMode;
        config["interpolation"] = Interpolation;
        config["seed"] = Seed;
        config["fill_value"] = FillValue;
        config["data_format"] = DataFormat;
        return config;
    }
}
