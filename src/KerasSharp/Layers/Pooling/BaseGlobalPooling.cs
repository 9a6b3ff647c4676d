using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>BaseGlobalPooling</c>, behind the global max and average pooling layers: reduces every spatial axis,
/// giving <c>(batch, channels)</c>, or with <c>keepdims</c> the input's rank with spatial sizes 1.
/// </summary>
public abstract class BaseGlobalPooling : Layer
{
    private readonly bool isMax;

    private protected BaseGlobalPooling(int rank, bool isMax, string dataFormat, bool keepdims, string? name)
        : base(name)
    {
        this.isMax = isMax;
        Rank = rank;
        DataFormat = ConvUtils.DataFormat(dataFormat, GetType().Name);
        Keepdims = keepdims;
        InputSpec = new InputSpec { Rank = rank + 2 };
    }

    /// <summary>Number of spatial axes.</summary>
    public int Rank { get; }
    /// <summary>"channels_last" (Keras' default) or "channels_first".</summary>
    public string DataFormat { get; }
    /// <summary>Whether the spatial axes are kept with size 1.</summary>
    public bool Keepdims { get; }

    private long[] SpatialAxes => DataFormat == "channels_last"
        ? [.. Enumerable.Range(1, Rank).Select(i => (long)i)]
        : [.. Enumerable.Range(2, Rank).Select(i => (long)i)];

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (!isMax) return x.mean(SpatialAxes, keepdim: Keepdims);
        var y = x;
        foreach (var axis in Enumerable.Reverse(SpatialAxes)) y = y.amax([axis], keepdim: Keepdims);
        return y;
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank != Rank + 2)
            throw new ArgumentException($"Layer \"{Name}\" expects inputs of rank {Rank + 2}, but received input shape {inputShape}.", nameof(inputShape));
        bool last = DataFormat == "channels_last";
        long? channels = inputShape[last ? Rank + 1 : 1];
        if (!Keepdims) return new Shape(inputShape[0], channels);
        long?[] ones = [.. Enumerable.Repeat((long?)1, Rank)];
        return last ? new Shape([inputShape[0], .. ones, channels]) : new Shape([inputShape[0], channels, .. ones]);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        config["keepdims"] = Keepdims;
        return config;
    }
}
