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
    protected override Tensor Call(Tensor x, bool training) => SpatialBorders.ZeroPad(x, DataFormat, padding);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => SpatialBorders.PaddedShape(inputShape, DataFormat, padding);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = padding.Select(p => p.ToArray()).ToArray();
        config["data_format"] = DataFormat;
        return config;
    }
}
