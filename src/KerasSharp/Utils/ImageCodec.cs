using SkiaSharp;
using static TorchSharp.torch;

namespace KerasSharp.Utils;

/// <summary>
/// Image decoding, encoding, colour conversion and resizing for the image utilities: SkiaSharp decodes PNG, JPEG,
/// BMP, GIF (first frame) and WebP and encodes PNG, JPEG and WebP; resizing runs on the pixels as tensors with the
/// semantics of <c>tf.image.resize</c> (half-pixel centres, no antialiasing).
/// </summary>
internal static class ImageCodec
{
    /// <summary>The file extensions Keras' image_dataset_from_directory accepts.</summary>
    internal static readonly string[] AllowedFormats = [".bmp", ".gif", ".jpeg", ".jpg", ".png"];

    /// <summary>Decodes an image file to RGBA (unpremultiplied) pixels.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an image SkiaSharp can decode.</exception>
    internal static KerasImage DecodeRgba(byte[] bytes, string name)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"'{name}' is not an image this library can decode (PNG, JPEG, BMP, GIF, WebP).");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new InvalidDataException($"'{name}' could not be decoded: {result}.");
        return new KerasImage(info.Width, info.Height, "RGBA", bitmap.Bytes);
    }

    /// <summary>PIL's <c>convert</c> between "L", "RGB" and "RGBA" (L = (19595 R + 38470 G + 7471 B + 0x8000) >> 16, alpha dropped or 255).</summary>
    internal static KerasImage Convert(KerasImage image, string mode)
    {
        if (image.Mode == mode) return image;
        int from = image.Channels, to = KerasImage.ChannelsOf(mode, nameof(mode));
        var src = image.Pixels;
        long n = (long)image.Width * image.Height;
        var dst = new byte[n * to];
        for (long i = 0; i < n; i++)
        {
            byte r, g, b, a = 255;
            if (from == 1) r = g = b = src[i];
            else { r = src[i * from]; g = src[i * from + 1]; b = src[i * from + 2]; if (from == 4) a = src[i * from + 3]; }
            if (to == 1) dst[i] = (byte)((19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16);
            else
            {
                dst[i * to] = r; dst[i * to + 1] = g; dst[i * to + 2] = b;
                if (to == 4) dst[i * to + 3] = a;
            }
        }
        return new KerasImage(image.Width, image.Height, mode, dst);
    }

    /// <summary>Keras' colour modes to PIL modes.</summary>
    internal static string ModeOf(string colorMode, string argumentName) => colorMode switch
    {
        "grayscale" => "L",
        "rgb" => "RGB",
        "rgba" => "RGBA",
        null => throw new ArgumentNullException(argumentName),
        _ => throw new ArgumentException($"{argumentName} must be one of \"rgb\", \"rgba\", \"grayscale\". Received: {argumentName}={colorMode}", argumentName),
    };

    /// <summary>The interpolations supported, mapped to torch's interpolate modes.</summary>
    internal static InterpolationMode ParseInterpolation(string interpolation, string argumentName) => interpolation switch
    {
        "bilinear" => InterpolationMode.Bilinear,
        "nearest" => InterpolationMode.NearestExact,
        "bicubic" => InterpolationMode.Bicubic,
        "area" => InterpolationMode.Area,
        null => throw new ArgumentNullException(argumentName),
        _ => throw new ArgumentException($"{argumentName} must be one of \"bilinear\", \"nearest\", \"bicubic\", \"area\", but received \"{interpolation}\".", argumentName),
    };

    /// <summary>
    /// Resizes a float32 (H, W, C) image to (height, width), optionally centre-cropping to the target aspect ratio first
    /// (Keras' <c>crop_to_aspect_ratio</c> / <c>smart_resize</c> box).
    /// </summary>
    internal static Tensor Resize(Tensor hwc, int height, int width, InterpolationMode mode, bool cropToAspectRatio)
    {
        using var scope = NewDisposeScope();
        var x = hwc;
        if (cropToAspectRatio)
        {
            long h = x.shape[0], w = x.shape[1];
            long cropHeight = Math.Min(h, (long)((double)(w * height) / width));
            long cropWidth = Math.Min(w, (long)((double)(h * width) / height));
            long top = (long)((h - cropHeight) / 2.0), left = (long)((w - cropWidth) / 2.0);
            x = x.narrow(0, top, cropHeight).narrow(1, left, cropWidth);
        }
        if (x.shape[0] == height && x.shape[1] == width) return x.contiguous().MoveToOuterDisposeScope();
        var nchw = x.permute(2, 0, 1).unsqueeze(0);
        Tensor resized = mode switch
        {
            InterpolationMode.Bilinear or InterpolationMode.Bicubic =>
                nn.functional.interpolate(nchw, [height, width], mode: mode, align_corners: false),
            _ => nn.functional.interpolate(nchw, [height, width], mode: mode),
        };
        return resized.squeeze(0).permute(1, 2, 0).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Image pixels as a float32 (H, W, C) tensor.</summary>
    internal static Tensor ToTensor(KerasImage image)
    {
        using var bytes = tensor(image.Pixels, [image.Height, image.Width, image.Channels], ScalarType.Byte);
        return bytes.to_type(ScalarType.Float32);
    }

    /// <summary>Encodes an image as PNG, JPEG (quality 75, PIL's default) or WebP.</summary>
    internal static byte[] Encode(KerasImage image, string format)
    {
        var rgba = Convert(image, "RGBA");
        var info = new SKImageInfo(image.Width, image.Height, image.Mode == "L" ? SKColorType.Gray8 : SKColorType.Rgba8888,
            image.Mode == "RGBA" ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        var pixels = image.Mode == "L" ? image.Pixels : rgba.Pixels;
        using var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        var skFormat = format switch
        {
            "png" => SKEncodedImageFormat.Png,
            "jpeg" or "jpg" => SKEncodedImageFormat.Jpeg,
            "webp" => SKEncodedImageFormat.Webp,
            _ => throw new ArgumentException($"fileFormat must be \"png\", \"jpeg\"/\"jpg\" or \"webp\", but received \"{format}\".", "fileFormat"),
        };
        using var data = bitmap.Encode(skFormat, 75)
            ?? throw new InvalidOperationException($"Encoding a {image.Width}x{image.Height} {image.Mode} image as {format} failed.");
        return data.ToArray();
    }
}
