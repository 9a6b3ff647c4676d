using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>UpSampling3D</c>: enlarges the three spatial axes of a volume by <see cref="Size"/>, repeating each
/// voxel (nearest neighbour).
/// </summary>
public class UpSampling3D : Layer
{
    private readonly int[] size;

    /// <summary>Creates an UpSampling3D layer.</summary>
    /// <param name="size">Factors for the three spatial axes: an int or <c>(dim1, dim2, dim3)</c> (default 2 for each).</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default, <c>(batch, d1, d2, d3, channels)</c>) or
    /// <c>"channels_first"</c> (<c>(batch, channels, d1, d2, d3)</c>).</param>
    /// <param name="name">Layer name (default <c>up_sampling3d</c>).</param>
    public UpSampling3D(IntTuple? size = null, string dataFormat = "channels_last", string? name = null) : base(name)
    {
        this.size = (size ?? 2).Expand(3, nameof(size), "UpSampling3D");
        DataFormat = DataFormatCheck.Valid(dataFormat, "UpSampling3D");
        InputSpec = new InputSpec { Rank = 5 };
    }

    /// <summary>Factors for the three spatial axes.</summary>
    public IReadOnlyList<int> Size => size;
    /// <summary>The data format.</summary>
    public string DataFormat { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        int first = DataFormat == "channels_last" ? 1 : 2;
        return x.repeat_interleave(size[0], first).repeat_interleave(size[1], first + 1).repeat_interleave(size[2], first + 2);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        int first = DataFormat == "channels_last" ? 1 : 2;
        var dims = Enumerable.Range(0, 5).Select(i => inputShape[i]).ToArray();
        for (int i = 0; i < 3; i++)
            dims[first + i] *= size[i];
        return new Shape(dims);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = size.ToArray();
        config["data_format"] = DataFormat;
        return config;
    }
}
