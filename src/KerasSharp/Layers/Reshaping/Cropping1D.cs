using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Cropping1D</c>: removes timesteps from the start and end of a <c>(batch, steps, features)</c> input.</summary>
public class Cropping1D : Layer
{
    private readonly int[] cropping;

    /// <summary>Creates a Cropping1D layer.</summary>
    /// <param name="cropping">An int (both ends) or <c>(start, end)</c>; Keras' default <c>(1, 1)</c>.</param>
    /// <param name="name">Layer name (default <c>cropping1d</c>).</param>
    public Cropping1D(IntTuple? cropping = null, string? name = null) : base(name)
    {
        this.cropping = (cropping ?? 1).Expand(2, nameof(cropping), "Cropping1D", min: 0);
        InputSpec = new InputSpec { Rank = 3 };
    }

    /// <summary>Steps removed at the start and at the end.</summary>
    public IReadOnlyList<int> Cropping => cropping;

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        var shape = ComputeOutputShape(Shape.Of(x));
        return x.narrow(1, cropping[0], shape[1]!.Value);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape[1] is long steps && steps - cropping[0] - cropping[1] <= 0)
            throw new ArgumentException($"Layer \"{Name}\": cropping {string.Join(", ", cropping)} removes every step of an input of shape {inputShape}. " +
                "Values in cropping must add up to less than the number of steps.");
        return new(inputShape[0], inputShape[1] - cropping[0] - cropping[1], inputShape[2]);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["cropping"] = cropping.ToArray();
        return config;
    }
}
