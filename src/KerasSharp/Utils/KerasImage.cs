namespace KerasSharp;

/// <summary>
/// A decoded image, what Keras' <c>load_img</c> / <c>array_to_img</c> return as a PIL image: 8-bit pixels, rows top to
/// bottom, channels interleaved, in one of PIL's modes "L" (grayscale, 1 channel), "RGB" (3) or "RGBA" (4).
/// </summary>
public sealed class KerasImage
{
    /// <summary>Creates an image from interleaved 8-bit pixels.</summary>
    /// <param name="width">Width in pixels (> 0).</param>
    /// <param name="height">Height in pixels (> 0).</param>
    /// <param name="mode">"L", "RGB" or "RGBA".</param>
    /// <param name="pixels">height * width * channels bytes, row-major (copied).</param>
    /// <exception cref="ArgumentException">A bad size, mode or pixel count.</exception>
    public KerasImage(int width, int height, string mode, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be > 0, but received {width}.");
        if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, $"height must be > 0, but received {height}.");
        int channels = ChannelsOf(mode, nameof(mode));
        if (pixels.LongLength != (long)width * height * channels)
            throw new ArgumentException($"pixels must hold width * height * channels = {(long)width * height * channels} bytes for a {width}x{height} {mode} image, but holds {pixels.LongLength}.", nameof(pixels));
        Width = width;
        Height = height;
        Mode = mode;
        Pixels = (byte[])pixels.Clone();
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>PIL's mode: "L", "RGB" or "RGBA".</summary>
    public string Mode { get; }

    /// <summary>Channels: 1, 3 or 4.</summary>
    public int Channels => ChannelsOf(Mode, nameof(Mode));

    /// <summary>The pixels, height * width * channels bytes, row-major, channels interleaved.</summary>
    public byte[] Pixels { get; }

    /// <summary>(width, height), PIL's <c>img.size</c>.</summary>
    public (int Width, int Height) Size => (Width, Height);

    internal static int ChannelsOf(string mode, string argumentName) => mode switch
    {
        "L" => 1,
        "RGB" => 3,
        "RGBA" => 4,
        _ => throw new ArgumentException($"{argumentName} must be \"L\", \"RGB\" or \"RGBA\", but received \"{mode}\".", argumentName),
    };
}
