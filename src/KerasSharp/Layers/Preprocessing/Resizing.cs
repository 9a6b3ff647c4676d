using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Resizing</c>: resizes images to <c>(height, width)</c> in training and inference, with half-pixel centres
/// and no antialiasing (Keras' <c>ops.image.resize</c> defaults). With <c>cropToAspectRatio</c> the largest centred
/// window of the target aspect ratio is resized (no distortion); with <c>padToAspectRatio</c> the image is padded evenly
/// with <c>fillValue</c> to that ratio first.
/// </summary>
/// <remarks>
/// Differences from Keras: <c>"bicubic"</c> uses TorchSharp's cubic kernel (a = -0.75, TensorFlow uses -0.5) and
/// <c>"area"</c> TorchSharp's adaptive average pooling; the lanczos kernels are not available. Outputs are always
/// float32 (Keras rounds back to an integer input dtype).
/// </remarks>
public class Resizing : ImagePreprocessingLayer
{
    /// <summary>Creates a Resizing layer.</summary>
    /// <param name="height">Output height (&gt; 0).</param>
    /// <param name="width">Output width (&gt; 0).</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default), <c>"nearest"</c>, <c>"bicubic"</c> or <c>"area"</c>
    /// (Keras' <c>"lanczos3"</c>/<c>"lanczos5"</c> are not available on TorchSharp and are rejected).</param>
    /// <param name="cropToAspectRatio">Crop to the target aspect ratio before resizing.</param>
    /// <param name="padToAspectRatio">Pad to the target aspect ratio before resizing.</param>
    /// <param name="fillMode">Padding mode; only <c>"constant"</c>, as Keras.</param>
    /// <param name="fillValue">Padding value.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">Layer name.</param>
    public Resizing(int height, int width, string interpolation = "bilinear", bool cropToAspectRatio = false,
        bool padToAspectRatio = false, string fillMode = "constant", double fillValue = 0.0, string? dataFormat = null, string? name = null)
        : base(dataFormat, null, name)
    {
        if (height <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), height, $"Resizing: 'height' must be > 0, but received {height}.");
        if (width <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"Resizing: 'width' must be > 0, but received {width}.");
        if (interpolation is "lanczos3" or "lanczos5")
            throw new ArgumentException($"Resizing: interpolation \"{interpolation}\" is not supported by the TorchSharp backend; use \"bilinear\", \"nearest\", \"bicubic\" or \"area\".", nameof(interpolation));
        CheckChoice(interpolation, nameof(interpolation), "bilinear", "nearest", "bicubic", "area");
        CheckChoice(fillMode, nameof(fillMode), "constant");
        if (cropToAspectRatio && padToAspectRatio)
            throw new ArgumentException("Resizing: only one of 'cropToAspectRatio' and 'padToAspectRatio' can be true, but received both true.", nameof(padToAspectRatio));
        Height = height;
        Width = width;
        Interpolation = interpolation;
        CropToAspectRatio = cropToAspectRatio;
        PadToAspectRatio = padToAspectRatio;
        FillMode = fillMode;
        FillValue = fillValue;
    }

    /// <summary>Output height.</summary>
    public int Height { get; }
    /// <summary>Output width.</summary>
    public int Width { get; }
    /// <summary>Interpolation method name.</summary>
    public string Interpolation { get; }
    /// <summary>Whether the input is cropped to the target aspect ratio first.</summary>
    public bool CropToAspectRatio { get; }
    /// <summary>Whether the input is padded to the target aspect ratio first.</summary>
    public bool PadToAspectRatio { get; }
    /// <summary>Padding mode (<c>"constant"</c>).</summary>
    public string FillMode { get; }
    /// <summary>Padding value.</summary>
    public double FillValue { get; }

    /// <inheritdoc />
    protected override Tensor TransformImages(Tensor images, bool training)
    {
        if (CropToAspectRatio) images = ImageOps.CropToAspectRatio(images, Height, Width);
        else if (PadToAspectRatio) images = ImageOps.PadToAspectRatio(images, Height, Width, FillValue);
        return ImageOps.Resize(images, Height, Width, Interpolation);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => WithImageSize(inputShape, Height, Width);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["height"] = Height;
        config["width"] = Width;
        config["interpolation"] = Interpolation;
        config["crop_to_aspect_ratio"] = CropToAspectRatio;
        config["pad_to_aspect_ratio"] = PadToAspectRatio;
        config["fill_mode"] = FillMode;
        config["fill_value"] = FillValue;
        config["data_format"] = DataFormat;
        return config;
    }
}
