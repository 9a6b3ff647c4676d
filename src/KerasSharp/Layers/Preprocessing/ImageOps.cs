using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasSharp.Layers;

/// <summary>
/// Image operations behind the preprocessing layers, on NCHW float tensors: Keras' <c>affine_transform</c> (projective
/// transforms given as output-to-input pixel maps, with Keras' fill modes) and <c>resize</c> (half-pixel centres, no
/// antialiasing), on TorchSharp's <c>affine_grid</c> + <c>grid_sample</c> and <c>interpolate</c>.
/// </summary>
internal static class ImageOps
{
    /// <summary>
    /// Applies one affine map per image. <paramref name="matrix"/> is <c>(batch, 6)</c>: <c>[a0, a1, a2, b0, b1, b2]</c>
    /// mapping an output pixel <c>(x, y)</c> to the input point <c>(a0 x + a1 y + a2, b0 x + b1 y + b2)</c>, as Keras'
    /// transform vectors (without the two projective terms, which are 0 for these layers).
    /// </summary>
    /// <remarks>
    /// Fill modes follow Keras' TensorFlow semantics: <c>reflect</c> reflects about the outer edge of the last pixel
    /// (<c>d c b a | a b c d | d c b a</c>), <c>wrap</c> tiles, <c>nearest</c> repeats the edge pixel, <c>constant</c>
    /// reads <paramref name="fillValue"/> for every neighbour outside the image (bilinear blends with it). Coordinates
    /// are mapped into the image first and then interpolated, so for <c>wrap</c> a point in the last half pixel does
    /// not blend with the opposite edge (TensorFlow's kernel does); other modes match. (Keras' own torch backend turns
    /// <c>reflect</c> into <c>mirror</c> and lacks <c>wrap</c>; this follows the documented TensorFlow/JAX behaviour.)
    /// Nearest interpolation rounds halves to even where TensorFlow rounds them away from zero.
    /// </remarks>
    public static Tensor AffineTransform(Tensor images, Tensor matrix, string interpolation, string fillMode, double fillValue)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0], h = images.shape[2], w = images.shape[3];
        var device = images.device;
        var m = matrix.to(ScalarType.Float64);
        Tensor Col(int i) => m.select(1, i);
        // The pixel map in normalised coordinates (align_corners = false: pixel p sits at u = (2p + 1) / size - 1),
        // the form affine_grid takes: u_in = theta @ (u_out, 1).
        double hw = (double)h / w, wh = (double)w / h;
        var tx = Col(2) * (2.0 / w) + Col(0) * ((w - 1.0) / w) + Col(1) * ((h - 1.0) / w) + (1.0 / w - 1);
        var ty = Col(5) * (2.0 / h) + Col(3) * ((w - 1.0) / h) + Col(4) * ((h - 1.0) / h) + (1.0 / h - 1);
        var theta = stack([Col(0), Col(1) * hw, tx, Col(3) * wh, Col(4), ty], 1).view(n, 2, 3).to(ScalarType.Float32, device);
        var grid = F.affine_grid(theta, [n, images.shape[1], h, w], align_corners: false);
        // Fill modes act on pixel coordinates: map into the image where the mode says so, then back to normalised.
        var xIn = MapCoordinates(((grid[TensorIndex.Ellipsis, 0] + 1) * w - 1) / 2, w, fillMode);
        var yIn = MapCoordinates(((grid[TensorIndex.Ellipsis, 1] + 1) * h - 1) / 2, h, fillMode);
        grid = stack([(xIn * 2 + 1) / w - 1, (yIn * 2 + 1) / h - 1], -1);
        var mode = interpolation == "nearest" ? GridSampleMode.Nearest : GridSampleMode.Bilinear;
        Tensor result = fillMode == "constant"
            ? F.grid_sample(images - fillValue, grid, mode, GridSamplePaddingMode.Zeros, false) + fillValue
            : F.grid_sample(images, grid, mode, GridSamplePaddingMode.Border, false);
        return result.MoveToOuterDisposeScope();
    }

    private static Tensor MapCoordinates(Tensor c, long size, string fillMode)
    {
        double last = size - 1;
        switch (fillMode)
        {
            case "reflect":
                {
                    // Reflect about -0.5 and size - 0.5 (the outer pixel edges): period 2 * size.
                    var t = remainder(c + 0.5, 2.0 * size);
                    t = where(t >= size, 2.0 * size - t, t);
                    return (t - 0.5).clamp(0, last);
                }
            case "wrap":
                return remainder(c, (double)size).clamp(0, last);
            case "nearest":
                return c.clamp(0, last);
            default:
                return c;
        }
    }

    /// <summary>Resizes to <c>(height, width)</c> with Keras' interpolation names (half-pixel centres, no antialiasing).</summary>
    public static Tensor Resize(Tensor images, long height, long width, string interpolation)
    {
        if (images.shape[2] == height && images.shape[3] == width)
            return images;
        return interpolation switch
        {
            "nearest" => F.interpolate(images, [height, width], mode: InterpolationMode.NearestExact),
            "bicubic" => F.interpolate(images, [height, width], mode: InterpolationMode.Bicubic, align_corners: false),
            "area" => F.interpolate(images, [height, width], mode: InterpolationMode.Area),
            _ => F.interpolate(images, [height, width], mode: InterpolationMode.Bilinear, align_corners: false),
        };
    }

    /// <summary>
    /// The largest centred window of <paramref name="images"/> with the aspect ratio of <c>(height, width)</c>, as Keras'
    /// <c>crop_to_aspect_ratio</c> and <c>smart_resize</c> choose it.
    /// </summary>
    public static Tensor CropToAspectRatio(Tensor images, long height, long width)
    {
        long h = images.shape[2], w = images.shape[3];
        long cropH = Math.Max(Math.Min(h, (long)((double)(w * height) / width)), 1);
        long cropW = Math.Max(Math.Min(w, (long)((double)(h * width) / height)), 1);
        long top = (long)((double)(h - cropH) / 2), left = (long)((double)(w - cropW) / 2);
        return images.narrow(2, top, cropH).narrow(3, left, cropW);
    }

    /// <summary>
    /// Pads <paramref name="images"/> evenly on the short side with <paramref name="fillValue"/> to the aspect ratio of
    /// <c>(height, width)</c>, as Keras' <c>pad_to_aspect_ratio</c>.
    /// </summary>
    public static Tensor PadToAspectRatio(Tensor images, long height, long width, double fillValue)
    {
        long h = images.shape[2], w = images.shape[3];
        long padH = Math.Max(h, (long)((double)(w * height) / width));
        long padW = Math.Max(w, (long)((double)(h * width) / height));
        long top = (long)((double)(padH - h) / 2), left = (long)((double)(padW - w) / 2);
        if (padH == h && padW == w) return images;
        return F.pad(images, [left, padW - w - left, top, padH - h - top], TorchSharp.PaddingModes.Constant, fillValue);
    }
}
