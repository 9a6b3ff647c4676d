using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>CenterCrop</c>: returns the central <c>(height, width)</c> window of each image, starting at
/// <c>(input - target) / 2</c> rounded down, in training and inference. An image smaller than the target on either
/// axis is instead cropped to the target aspect ratio and resized (bilinear), as Keras' <c>smart_resize</c>.
/// </summary>
public class CenterCrop : ImagePreprocessingLayer
{
    /// <summary>Creates a CenterCrop layer.</summary>
    /// <param name="height">Output height (&gt; 0).</param>
    /// <param name="width">Output width (&gt; 0).</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">Layer name.</param>
    public CenterCrop(int height, int width, string? dataFormat = null, string? name = null) : base(dataFormat, null, name)
    {
        if (height <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), height, $"CenterCrop: 'height' must be > 0, but received {height}.");
        if (width <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"CenterCrop: 'width' must be > 0, but received {width}.");
        Height = height;
        Width = width;
    }

    /// <summary>Output height.</summary>
    public int Height { get; }
    /// <summary>Output width.</summary>
    public int Width { get; }

    /// <inheritdoc />
    protected override Tensor TransformImages(Tensor images, bool training)
    {
        long hDiff = images.shape[2] - Height, wDiff = images.shape[3] - Width;
        if (hDiff >= 0 && wDiff >= 0)
            return images.narrow(2, hDiff / 2, Height).narrow(3, wDiff / 2, Width);
        return ImageOps.Resize(ImageOps.CropToAspectRatio(images, Height, Width), Height, Width, "bilinear");
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank is not (3 or 4))
            throw new ArgumentException($"Layer \"{Name}\" (CenterCrop) expects an input shape of rank 3 or 4, but received {inputShape}.", nameof(inputShape));
        return WithImageSize(inputShape, Height, Width);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["height"] = Height;
        config["width"] = Width;
        config["data_format"] = DataFormat;
        return config;
    }
}
