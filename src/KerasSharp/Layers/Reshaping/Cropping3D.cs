using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Cropping3D</c>: removes slices at both ends of the three spatial axes of a volume.</summary>
public class Cropping3D : Layer
{
    private readonly int[][] cropping;

    /// <summary>Creates a Cropping3D layer.</summary>
    /// <param name="cropping">An int (every side), <c>(dim1, dim2, dim3)</c> (symmetric), or
    /// <c>((dim1Start, dim1End), (dim2Start, dim2End), (dim3Start, dim3End))</c>; Keras' default <c>((1, 1), (1, 1), (1, 1))</c>.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default, <c>(batch, d1, d2, d3, channels)</c>) or
    /// <c>"channels_first"</c> (<c>(batch, channels, d1, d2, d3)</c>).</param>
    /// <param name="name">Layer name (default <c>cropping3d</c>).</param>
    public Cropping3D(PaddingTuple3D? cropping = null, string dataFormat = "channels_last", string? name = null) : base(name)
    {
        this.cropping = (cropping ?? 1).Expand(nameof(cropping), "Cropping3D");
        DataFormat = DataFormatCheck.Valid(dataFormat, "Cropping3D");
        InputSpec = new InputSpec { Rank = 5 };
    }

    /// <summary><c>((dim1Start, dim1End), (dim2Start, dim2End), (dim3Start, dim3End))</c>.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Cropping => cropping;
    /// <summary>The data format.</summary>
    public string DataFormat { get; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) =>
        SpatialBorders.Crop(x, ComputeOutputShape(Shape.Of(x)), DataFormat, cropping);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) =>
        SpatialBorders.CroppedShape(inputShape, DataFormat, cropping, Name);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["cropping"] = cropping.Select(p => p.ToArray()).ToArray();
        config["data_format"] = DataFormat;
        return config;
    }
}
