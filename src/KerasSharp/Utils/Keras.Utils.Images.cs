using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Loads an image file (Keras' <c>keras.utils.load_img</c>): PNG, JPEG, BMP, GIF (first frame) or WebP, converted
        /// to <paramref name="colorMode"/> as PIL converts (grayscale L = (19595 R + 38470 G + 7471 B + 32768) >> 16,
        /// alpha dropped for "rgb"), optionally resized to <paramref name="targetSize"/>.
        /// </summary>
        /// <param name="path">The image file.</param>
        /// <param name="colorMode">"rgb" (default), "rgba" or "grayscale".</param>
        /// <param name="targetSize">(height, width) to resize to; null keeps the size.</param>
        /// <param name="interpolation">"nearest" (Keras' default here), "bilinear", "bicubic" or "area". Resizing uses
        /// half-pixel centres without antialiasing (tf.image.resize's rule; PIL's nearest is the same, PIL's
        /// bilinear/bicubic antialias when shrinking, so those differ from Keras when downscaling).</param>
        /// <param name="keepAspectRatio">Centre-crop to the target aspect ratio before resizing (Keras' box).</param>
        /// <exception cref="FileNotFoundException">No such file.</exception>
        /// <exception cref="InvalidDataException">The file is not a decodable image.</exception>
        public static KerasImage LoadImg(string path, string colorMode = "rgb", (int Height, int Width)? targetSize = null,
            string interpolation = "nearest", bool keepAspectRatio = false)
        {
            ArgumentNullException.ThrowIfNull(path);
            var mode = ImageCodec.ModeOf(colorMode, nameof(colorMode));
            var interp = ImageCodec.ParseInterpolation(interpolation, nameof(interpolation));
            if (targetSize is { } t && (t.Height <= 0 || t.Width <= 0))
                throw new ArgumentOutOfRangeException(nameof(targetSize), targetSize, $"targetSize must be positive (height, width), but received {targetSize}.");
            if (!File.Exists(path)) throw new FileNotFoundException($"No image file at '{path}'.", path);
            var image = ImageCodec.Convert(ImageCodec.DecodeRgba(File.ReadAllBytes(path), path), mode);
            if (targetSize is not { } size || (size.Height == image.Height && size.Width == image.Width && !keepAspectRatio)) return image;
            Runtime.LibTorchLoader.EnsureLoaded();
            using var scope = NewDisposeScope();
            var resized = ImageCodec.Resize(ImageCodec.ToTensor(image), size.Height, size.Width, interp, keepAspectRatio);
            var bytes = resized.round().clamp(0, 255).to_type(ScalarType.Byte).contiguous();
            return new KerasImage(size.Width, size.Height, mode, bytes.data<byte>().ToArray());
        }

        /// <summary>
        /// Converts an image to a float tensor (Keras' <c>keras.utils.img_to_array</c>): (height, width, channels) for
        /// "channels_last" (default), (channels, height, width) for "channels_first"; grayscale has 1 channel.
        /// </summary>
        /// <param name="img">The image.</param>
        /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
        /// <param name="dtype">"float32" (default), "float64", "float16", "int32", "int64", "uint8".</param>
        public static Tensor ImgToArray(KerasImage img, string? dataFormat = null, string dtype = "float32")
        {
            ArgumentNullException.ThrowIfNull(img);
            bool channelsFirst = ParseDataFormat(dataFormat);
            var type = SequencePadding.ParseDtype(dtype, nameof(dtype));
            Runtime.LibTorchLoader.EnsureLoaded();
            using var x = ImageCodec.ToTensor(img);
            using var typed = x.to_type(type);
            return channelsFirst ? typed.permute(2, 0, 1).contiguous() : typed.contiguous();
        }

        /// <summary>
        /// Converts a rank-3 tensor to an image (Keras' <c>keras.utils.array_to_img</c>). With <paramref name="scale"/>
        /// (default) values are shifted to start at 0 and scaled so the maximum is 255 (<c>x - min(x)</c>, then
        /// <c>/ max * 255</c> when the maximum is not 0). 4 channels give "RGBA", 3 "RGB", 1 "L"; values are truncated to
        /// bytes (clamped to 0..255 first; NumPy would wrap).
        /// </summary>
        /// <exception cref="ArgumentException">Not rank 3, an unsupported channel count, or a 1-channel image above 255
        /// (PIL's 32-bit mode "I", which <see cref="KerasImage"/> does not hold).</exception>
        public static KerasImage ArrayToImg(Tensor x, string? dataFormat = null, bool scale = true)
        {
            ArgumentNullException.ThrowIfNull(x);
            bool channelsFirst = ParseDataFormat(dataFormat);
            if (x.dim() != 3)
                throw new ArgumentException($"Expected image array to have rank 3 (single image). Got array with shape: ({string.Join(", ", x.shape)})", nameof(x));
            using var scope = NewDisposeScope();
            var v = x.to_type(ScalarType.Float64);
            if (channelsFirst) v = v.permute(1, 2, 0);
            if (scale)
            {
                v = v - v.min();
                double max = v.max().item<double>();
                if (max != 0) v = v / max;
                v = v * 255;
            }
            long channels = v.shape[2];
            string mode = channels switch
            {
                4 => "RGBA",
                3 => "RGB",
                1 => v.max().item<double>() > 255
                    ? throw new ArgumentException("A 1-channel image with values above 255 would be PIL's 32-bit mode 'I', which KerasImage does not hold; scale it to 0..255.", nameof(x))
                    : "L",
                _ => throw new ArgumentException($"Unsupported channel number: {channels}", nameof(x)),
            };
            var bytes = v.clamp(0, 255).to_type(ScalarType.Byte).contiguous();
            return new KerasImage((int)v.shape[1], (int)v.shape[0], mode, bytes.data<byte>().ToArray());
        }

        /// <summary>
        /// Saves a rank-3 tensor as an image file (Keras' <c>keras.utils.save_img</c>): converted by
        /// <see cref="ArrayToImg"/>, encoded as <paramref name="fileFormat"/> or by the extension (PNG, JPEG at quality 75
        /// as PIL's default, or WebP). An RGBA image saved as JPEG loses its alpha channel (Keras warns the same).
        /// </summary>
        public static void SaveImg(string path, Tensor x, string? dataFormat = null, string? fileFormat = null, bool scale = true)
        {
            ArgumentNullException.ThrowIfNull(path);
            var format = FormatOf(path, fileFormat);
            SaveImg(path, ArrayToImg(x, dataFormat, scale), format);
        }

        /// <summary>Saves an image (PNG, JPEG or WebP, by <paramref name="fileFormat"/> or the extension).</summary>
        public static void SaveImg(string path, KerasImage img, string? fileFormat = null)
        {
            ArgumentNullException.ThrowIfNull(path);
            ArgumentNullException.ThrowIfNull(img);
            var format = FormatOf(path, fileFormat);
            if (img.Mode == "RGBA" && format is "jpg" or "jpeg")
            {
                Console.Error.WriteLine("KerasSharp: the JPEG format does not support RGBA images, converting to RGB.");
                img = ImageCodec.Convert(img, "RGB");
            }
            File.WriteAllBytes(path, ImageCodec.Encode(img, format));
        }

        private static string FormatOf(string path, string? fileFormat)
        {
            var format = (fileFormat ?? Path.GetExtension(path).TrimStart('.')).ToLowerInvariant();
            if (format is not ("png" or "jpg" or "jpeg" or "webp"))
                throw new ArgumentException($"fileFormat must be \"png\", \"jpeg\"/\"jpg\" or \"webp\" (given or from the extension of '{path}'), but received \"{format}\".", nameof(fileFormat));
            return format;
        }

        private static bool ParseDataFormat(string? dataFormat) => dataFormat switch
        {
            null or "channels_last" => false,
            "channels_first" => true,
            _ => throw new ArgumentException($"dataFormat must be \"channels_last\" or \"channels_first\", but received \"{dataFormat}\".", nameof(dataFormat)),
        };
    }
}
