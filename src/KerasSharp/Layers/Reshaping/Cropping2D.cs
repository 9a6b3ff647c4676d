using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Cropping2D</c>: removes rows and columns at the borders of an image.</summary>
public class Cropping2D : Layer
{
    private readonly int[][] cropping;

    /// <summary>Creates a Cropping2D layer.</summary>
    /// <param name="cropping">An int (every side), <c>(rows, cols)</c> (symmetric), or <c>((top, bottom), (left, right))</c>; default 0.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">Layer name (default <c>cropping2d</c>).</param>
    public Cropping2D(PaddingTuple? cropping = null, string dataFormat = "channels_last", string? name = null) : base(name)
    {
        this.cropping = (cropping ?? 0).Expand(nameof(cropping), "Cropping2D");
        DataFormat = DataFormatCheck.Valid(dataFormat, "Cropping2D");
        InputSpec = new InputSpec { Rank = 4 };
    }

    /// <summary><c>((top, bottom), (left, right))</c>.</summary>
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
