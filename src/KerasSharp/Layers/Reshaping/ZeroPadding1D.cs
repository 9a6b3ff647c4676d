using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>ZeroPadding1D</c>: adds zero timesteps at the start and end of a <c>(batch, steps, features)</c> input.</summary>
public class ZeroPadding1D : Layer
{
    private readonly int[] padding;

    /// <summary>Creates a ZeroPadding1D layer.</summary>
    /// <param name="padding">An int (the same at both ends, default 1) or <c>(start, end)</c>.</param>
    /// <param name="name">Layer name (default <c>zero_padding1d</c>).</param>
    public ZeroPadding1D(IntTuple? padding = null, string? name = null) : base(name)
    {
        this.padding = (padding ?? 1).Expand(2, nameof(padding), "ZeroPadding1D", min: 0);
        InputSpec = new InputSpec { Rank = 3 };
    }

    /// <summary>Zeros added at the start and at the end.</summary>
    public IReadOnlyList<int> Padding => padding;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => nn.functional.pad(x, [0, 0, padding[0], padding[1]]);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) =>
        new(inputShape[0], inputShape[1] + padding[0] + padding[1], inputShape[2]);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = padding.ToArray();
        return config;
    }
}
