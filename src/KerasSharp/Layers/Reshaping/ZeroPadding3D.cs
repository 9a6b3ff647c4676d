using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>ZeroPadding3D</c>: adds zeros at both ends of the three spatial axes of a volume.</summary>
public class ZeroPadding3D : Layer
{
    private readonly int[][] padding;

    /// <summary>Creates a ZeroPadding3D layer.</summary>
    /// <param name="padding">An int (every side), <c>(dim1, dim2, dim3)</c> (symmetric), or
    /// <c>((dim1Start, dim1End), (dim2Start, dim2End), (dim3Start, dim3End))</c>; Keras' default <c>((1, 1), (1, 1), (1, 1))</c>.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default, <c>(batch, d1, d2, d3, channels)</c>) or
    /// <c>"channels_first"</c> (<c>(batch, channels, d1, d2, d3)</c>).</param>
    /// <param name="name">Layer name (default <c>zero_padding3d</c>).</param>
    public ZeroPadding3D(PaddingTuple3D? padding = null, string dataFormat = "channels_last", string? name = null) : base(name)
    {
        this.padding = (padding ?? 1).Expand(nameof(padding), "ZeroPadding3D");
        DataFormat = DataFormatCheck.Valid(dataFormat, "ZeroPadding3D");
        InputSpec = new InputSpec { Rank = 5 };
    }

    /// <summary><c>((dim1Start, dim1End), (dim2Start, dim2End), (dim3Start, dim3End))</c>.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Padding => padding;
    /// <summary>The data format.</summary>
    public string DataFormat { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        // torch pads from the last axis backwards: (last_start, last_end, previous_start, previous_end, ...)
        long[] spatial = [padding[2][0], padding[2][1], padding[1][0], padding[1][1], padding[0][0], padding[0][1]];
        return nn.functional.pad(x, DataFormat == "channels_last" ? [0, 0, .. spatial] : spatial);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        int first = DataFormat == "channels_last" ? 1 : 2;
        var dims = Enumerable.Range(0, 5).Select(i => inputShape[i]).ToArray();
        for (int i = 0; i < 3; i++)
            dims[first + i] += padding[i][0] + padding[i][1];
        return new Shape(dims);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = padding.Select(p => p.ToArray()).ToArray();
        config["data_format"] = DataFormat;
        return config;
    }
}
