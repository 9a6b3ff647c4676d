using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>BasePooling</c>, behind the max and average pooling layers: a window of <c>poolSize</c> moved by
/// <c>strides</c> (default: the pool size) over the spatial axes, "valid" or "same" padding with TensorFlow's
/// arithmetic (an odd total puts the extra cell at the end). Max pooling never picks a padded cell; average pooling
/// divides by the number of real cells in the window (padded cells are excluded), as Keras does.
/// </summary>
public abstract class BasePooling : Layer
{
    private readonly bool isMax;

    private protected BasePooling(int rank, bool isMax, IntTuple? poolSize, IntTuple? strides, string padding, string dataFormat, string? name)
        : base(name)
    {
        string owner = GetType().Name;
        this.isMax = isMax;
        Rank = rank;
        PoolSize = ConvUtils.Tuple(poolSize, 2, rank, nameof(poolSize), owner);
        Strides = strides is null ? PoolSize : ConvUtils.Tuple(strides, 1, rank, nameof(strides), owner);
        Padding = ConvUtils.Padding(padding, allowCausal: false, owner);
        DataFormat = ConvUtils.DataFormat(dataFormat, owner);
        InputSpec = new InputSpec { Rank = rank + 2 };
    }

    /// <summary>Number of spatial axes.</summary>
    public int Rank { get; }
    /// <summary>Window size per spatial axis.</summary>
    public IReadOnlyList<int> PoolSize { get; }
    /// <summary>Stride per spatial axis (the pool size unless given).</summary>
    public IReadOnlyList<int> Strides { get; }
    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }
    /// <summary>"channels_last" (Keras' default) or "channels_first".</summary>
    public string DataFormat { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        bool last = DataFormat == "channels_last";
        var xc = last ? ConvUtils.ToChannelsFirst(x) : x;
        int[] pool = [.. PoolSize], strides = [.. Strides], ones = [.. Enumerable.Repeat(1, Rank)];
        Tensor y;
        if (isMax)
        {
            var padded = ConvUtils.Pad(xc, Padding, pool, strides, ones, double.NegativeInfinity, allowSymmetric: true, out var sym);
            y = ConvUtils.MaxPool(padded, pool, strides, sym);
        }
        else
        {
            var padded = ConvUtils.Pad(xc, Padding, pool, strides, ones, 0, allowSymmetric: true, out var sym);
            if (ReferenceEquals(padded, xc) || Padding == "valid")
            {
                // valid, or symmetric "same": the op's own padding with padded cells excluded from the count.
                y = ConvUtils.AvgPool(padded, pool, strides, sym, countIncludePad: false);
            }
            else
            {
                // asymmetric "same": mean over the zero-padded window divided by the fraction of real cells in it.
                using var scope = NewDisposeScope();
                var mask = ones_like(xc.narrow(0, 0, 1).narrow(1, 0, 1));
                var maskPadded = ConvUtils.Pad(mask, Padding, pool, strides, ones, 0, allowSymmetric: false, out _);
                var zero = new long[Rank];
                var fraction = ConvUtils.AvgPool(maskPadded, pool, strides, zero, countIncludePad: true);
                y = ConvUtils.AvgPool(padded, pool, strides, zero, countIncludePad: true).div(fraction).MoveToOuterDisposeScope();
            }
        }
        return last ? ConvUtils.ToChannelsLast(y) : y;
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank != Rank + 2)
            throw new ArgumentException($"Layer \"{Name}\" expects inputs of rank {Rank + 2}, but received input shape {inputShape}.", nameof(inputShape));
        bool last = DataFormat == "channels_last";
        int first = last ? 1 : 2;
        var spatial = Enumerable.Range(0, Rank)
            .Select(i => ConvUtils.OutputLength(inputShape[first + i], PoolSize[i], Strides[i], 1, Padding, Name, inputShape)).ToArray();
        long? channels = inputShape[last ? Rank + 1 : 1];
        return last ? new Shape([inputShape[0], .. spatial, channels]) : new Shape([inputShape[0], channels, .. spatial]);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["pool_size"] = PoolSize.ToArray();
        config["padding"] = Padding;
        config["strides"] = Strides.ToArray();
        config["data_format"] = DataFormat;
        return config;
    }
}
