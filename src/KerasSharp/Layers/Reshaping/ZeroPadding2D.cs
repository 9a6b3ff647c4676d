using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>ZeroPadding2D</c>: adds rows and columns of zeros around an image.</summary>
public class ZeroPadding2D : Layer
{
    private readonly int[][] padding;

    /// <summary>Creates a ZeroPadding2D layer.</summary>
    /// <param name="padding">An int (every side, default 1), <c>(rows, cols)</c> (symmetric), or <c>((top, bottom), (left, right))</c>.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">Layer name (default <c>zero_padding2d</c>).</param>
    public ZeroPadding2D(PaddingTuple? padding = null, string dataFormat = "channels_last", string? name = null) : base(name)
    {
        this.padding = (padding ?? 1).Expand(nameof(padding), "ZeroPadding2D");
        DataFormat = DataFormatCheck.Valid(dataFormat, "ZeroPadding2D");
        InputSpec = new InputSpec { Rank = 4 };
    }

    /// <summary><c>((top, bottom), (left, right))</c>.</summary>
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
