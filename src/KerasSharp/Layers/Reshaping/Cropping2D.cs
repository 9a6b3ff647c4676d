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
    protected override Tensor Call(Tensor x, bool training)
    {
        var shape = ComputeOutputShape(Shape.Of(x));
        int rowAxis = DataFormat == "channels_last" ? 1 : 2;
        return x.narrow(rowAxis, cropping[0][0], shape[rowAxis]!.Value).narrow(rowAxis + 1, cropping[1][0], shape[rowAxis + 1]!.Value);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        int rowAxis = DataFormat == "channels_last" ? 1 : 2;
        for (int i = 0; i < 2; i++)
            if (inputShape[rowAxis + i] is long d && d - cropping[i][0] - cropping[i][1] <= 0)
                throw new ArgumentException($"Layer \"{Name}\": values in cropping must be smaller than the corresponding spatial dimension of the input. " +
                    $"Received: input_shape={inputShape}, cropping=(({cropping[0][0]}, {cropping[0][1]}), ({cropping[1][0]}, {cropping[1][1]})).");
        long? rows = inputShape[rowAxis] - cropping[0][0] - cropping[0][1];
        long? cols = inputShape[rowAxis + 1] - cropping[1][0] - cropping[1][1];
        return DataFormat == "channels_last"
            ? new(inputShape[0], rows, cols, inputShape[3])
            : new(inputShape[0], inputShape[1], rows, cols);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["cropping"] = cropping.Select(p => p.ToArray()).ToArray();
        config["data_format"] = DataFormat;
        return config;
    }
}
