using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The border arithmetic the 2D and 3D <c>Cropping</c> and <c>ZeroPadding</c> layers share: their spatial axes follow
/// the batch axis (<c>channels_last</c>) or the channel axis (<c>channels_first</c>), and each has a
/// <c>(start, end)</c> pair of rows, columns or slices removed or added.
/// </summary>
internal static class SpatialBorders
{
    /// <summary>The index of the first spatial axis for <paramref name="dataFormat"/>.</summary>
    public static int FirstSpatialAxis(string dataFormat) => dataFormat == "channels_last" ? 1 : 2;

    /// <summary><paramref name="inputShape"/> with <paramref name="borders"/> added to (<paramref name="sign"/> 1) or
    /// removed from (-1) each spatial axis; unknown sizes stay unknown.</summary>
    private static long?[] Resized(Shape inputShape, string dataFormat, int[][] borders, int sign)
    {
        int first = FirstSpatialAxis(dataFormat);
        var dims = Enumerable.Range(0, borders.Length + 2).Select(i => inputShape[i]).ToArray();
        for (int i = 0; i < borders.Length; i++)
            dims[first + i] += sign * (borders[i][0] + borders[i][1]);
        return dims;
    }

    /// <summary>The output shape of a zero padding by <paramref name="padding"/>.</summary>
    public static Shape PaddedShape(Shape inputShape, string dataFormat, int[][] padding) =>
        new(Resized(inputShape, dataFormat, padding, 1));

    /// <summary>The output shape of a cropping by <paramref name="cropping"/>.</summary>
    /// <exception cref="ArgumentException">A known spatial size would become 0 or less (the message names the layer).</exception>
    public static Shape CroppedShape(Shape inputShape, string dataFormat, int[][] cropping, string layerName)
    {
        var dims = Resized(inputShape, dataFormat, cropping, -1);
        int first = FirstSpatialAxis(dataFormat);
        for (int i = 0; i < cropping.Length; i++)
            if (dims[first + i] <= 0)
                throw new ArgumentException($"Layer \"{layerName}\": values in cropping must be smaller than the corresponding spatial dimension of the input. " +
                    $"Received: input_shape={inputShape}, cropping={string.Concat("(", string.Join(", ", cropping.Select(c => $"({c[0]}, {c[1]})")), ")")}.");
        return new Shape(dims);
    }

    /// <summary>Crops <paramref name="x"/> to <paramref name="outputShape"/> (from <see cref="CroppedShape"/>), starting each
    /// spatial axis at its cropping's start.</summary>
    public static Tensor Crop(Tensor x, Shape outputShape, string dataFormat, int[][] cropping)
    {
        int first = FirstSpatialAxis(dataFormat);
        for (int i = 0; i < cropping.Length; i++)
            x = x.narrow(first + i, cropping[i][0], outputShape[first + i]!.Value);
        return x;
    }

    /// <summary>Pads <paramref name="x"/> with zeros: torch's <c>pad</c> takes the axes from the last one backwards
    /// (<c>last_start, last_end, previous_start, previous_end, ...</c>), with no padding of a trailing channel axis.</summary>
    public static Tensor ZeroPad(Tensor x, string dataFormat, int[][] padding)
    {
        var spatial = Enumerable.Reverse(padding).SelectMany(p => new long[] { p[0], p[1] }).ToArray();
        return nn.functional.pad(x, dataFormat == "channels_last" ? [0, 0, .. spatial] : spatial);
    }
}
