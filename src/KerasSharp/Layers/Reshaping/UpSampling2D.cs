using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>UpSampling2D</c>: enlarges the rows and columns of an image by <see cref="Size"/>, repeating pixels
/// (<c>"nearest"</c>) or interpolating (<c>"bilinear"</c>, half-pixel centres as Keras' resize).
/// </summary>
public class UpSampling2D : Layer
{
    private readonly int[] size;

    /// <summary>Creates an UpSampling2D layer.</summary>
    /// <param name="size">Factors for rows and columns: an int or <c>(rows, cols)</c> (default 2).</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (Keras' default, <c>(batch, h, w, c)</c>) or <c>"channels_first"</c>.</param>
    /// <param name="interpolation"><c>"nearest"</c> (default) or <c>"bilinear"</c>.</param>
    /// <param name="name">Layer name (default <c>up_sampling2d</c>).</param>
    public UpSampling2D(IntTuple? size = null, string dataFormat = "channels_last", string interpolation = "nearest", string? name = null)
        : base(name)
    {
        this.size = (size ?? 2).Expand(2, nameof(size), "UpSampling2D");
        DataFormat = DataFormatCheck.Valid(dataFormat, "UpSampling2D");
        if (interpolation is not ("nearest" or "bilinear"))
            throw new ArgumentException($"UpSampling2D: interpolation must be one of 'nearest', 'bilinear', but received '{interpolation}'.", nameof(interpolation));
        Interpolation = interpolation;
        InputSpec = new InputSpec { Rank = 4 };
    }

    /// <summary>Factors for rows and columns.</summary>
    public IReadOnlyList<int> Size => size;
    /// <summary>The data format.</summary>
    public string DataFormat { get; }
    /// <summary>The interpolation method.</summary>
    public string Interpolation { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        bool last = DataFormat == "channels_last";
        int hAxis = last ? 1 : 2;
        if (Interpolation == "nearest")
            return x.repeat_interleave(size[0], hAxis).repeat_interleave(size[1], hAxis + 1);
        using var scope = NewDisposeScope();
        var nchw = last ? x.permute(0, 3, 1, 2) : x;
        var y = nn.functional.interpolate(nchw, [nchw.shape[2] * size[0], nchw.shape[3] * size[1]],
            mode: InterpolationMode.Bilinear, align_corners: false);
        return (last ? y.permute(0, 2, 3, 1) : y).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => DataFormat == "channels_last"
        ? new(inputShape[0], inputShape[1] * size[0], inputShape[2] * size[1], inputShape[3])
        : new(inputShape[0], inputShape[1], inputShape[2] * size[0], inputShape[3] * size[1]);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = size.ToArray();
        config["data_format"] = DataFormat;
        config["interpolation"] = Interpolation;
        return config;
    }
}
