using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>ZeroPadding1D</c>: adds zero timesteps at the start and end of the steps axis of a
/// <c>(batch, steps, features)</c> input (<c>(batch, features, steps)</c> with <c>channels_first</c>).
/// </summary>
public class ZeroPadding1D : Layer
{
    private readonly int[] padding;

    /// <summary>Creates a ZeroPadding1D layer.</summary>
    /// <param name="padding">An int (the same at both ends, default 1) or <c>(start, end)</c>.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default, steps on axis 1) or <c>"channels_first"</c> (steps on axis 2).</param>
    /// <param name="name">Layer name (default <c>zero_padding1d</c>).</param>
    public ZeroPadding1D(IntTuple? padding = null, string dataFormat = "channels_last", string? name = null) : base(name)
    {
        this.padding = (padding ?? 1).Expand(2, nameof(padding), "ZeroPadding1D", min: 0);
        DataFormat = DataFormatCheck.Valid(dataFormat, "ZeroPadding1D");
        InputSpec = new InputSpec { Rank = 3 };
    }

    /// <summary>Zeros added at the start and at the end.</summary>
    public IReadOnlyList<int> Padding => padding;
    /// <summary>The data format (where the steps axis is).</summary>
    public string DataFormat { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => DataFormat == "channels_last"
        ? nn.functional.pad(x, [0, 0, padding[0], padding[1]])
        : nn.functional.pad(x, [padding[0], padding[1]]);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => DataFormat == "channels_last"
        ? new(inputShape[0], inputShape[1] + padding[0] + padding[1], inputShape[2])
        : new(inputShape[0], inputShape[1], inputShape[2] + padding[0] + padding[1]);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = padding.ToArray();
        config["data_format"] = DataFormat;
        return config;
    }
}
