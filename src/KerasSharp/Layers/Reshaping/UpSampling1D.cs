using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>UpSampling1D</c>: repeats each timestep of a <c>(batch, steps, features)</c> input <see cref="Size"/> times.</summary>
public class UpSampling1D : Layer
{
    /// <summary>Creates an UpSampling1D layer.</summary>
    /// <param name="size">Upsampling factor (&gt;= 1; Keras' default 2).</param>
    /// <param name="name">Layer name (default <c>up_sampling1d</c>).</param>
    public UpSampling1D(int size = 2, string? name = null) : base(name)
    {
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"UpSampling1D: size must be >= 1, but received {size}.");
        Size = size;
        InputSpec = new InputSpec { Rank = 3 };
    }

    /// <summary>Upsampling factor.</summary>
    public int Size { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x.repeat_interleave(Size, 1);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], inputShape[1] * Size, inputShape[2]);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = Size;
        return config;
    }
}
