using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Flatten</c>: reshapes <c>(batch, d1, d2, ...)</c> to <c>(batch, d1*d2*...)</c> in row-major order, which
/// for Keras' channels_last images is H, W, C order.
/// </summary>
public class Flatten : Layer, IRowWiseInference
{
    /// <summary>Creates a Flatten layer.</summary>
    /// <param name="dataFormat">"channels_last" (Keras' default) or "channels_first" (transposed to channels_last before flattening).</param>
    /// <param name="name">Layer name.</param>
    public Flatten(string dataFormat = "channels_last", string? name = null) : base(name)
    {
        if (dataFormat != "channels_last" && dataFormat != "channels_first")
            throw new ArgumentException($"Flatten: dataFormat must be 'channels_last' or 'channels_first', but received '{dataFormat}'.", nameof(dataFormat));
        DataFormat = dataFormat;
        InputSpec = new InputSpec { MinRank = 1 };
    }

    /// <summary>The data format.</summary>
    public string DataFormat { get; }

    bool IRowWiseInference.RowWiseInInference => IsExactly<Flatten>();

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (DataFormat == "channels_first" && x.dim() > 2)
            x = x.permute([0, .. Enumerable.Range(2, (int)x.dim() - 2).Select(i => (long)i), 1]);
        return x.dim() == 1 ? x.unsqueeze(1) : x.flatten(1);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) =>
        inputShape.Rank <= 1 ? new Shape(inputShape.Rank == 1 ? inputShape[0] : null, 1) : new Shape(inputShape[0], inputShape[1..].Product());

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        return config;
    }
}
