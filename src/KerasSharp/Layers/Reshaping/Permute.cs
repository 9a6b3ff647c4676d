using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Permute</c>: permutes the non-batch axes of each sample. <see cref="Dims"/> is 1-based as in Keras:
/// <c>Permute((2, 1))</c> swaps the two axes of <c>(batch, a, b)</c>.
/// </summary>
public class Permute : Layer
{
    /// <summary>Creates a Permute layer.</summary>
    /// <param name="dims">A permutation of <c>1..n</c> (the batch axis, 0, is not included).</param>
    /// <param name="name">Layer name (default <c>permute</c>).</param>
    public Permute(IntTuple dims, string? name = null) : base(name)
    {
        if (dims.Count == 0 || !dims.Values.Order().SequenceEqual(Enumerable.Range(1, dims.Count)))
            throw new ArgumentException("Permute: invalid permutation argument 'dims'. The set of indices in dims must be consecutive and " +
                $"start from 1 (the batch axis 0 is not included), but received {dims}.", nameof(dims));
        Dims = dims;
        InputSpec = new InputSpec { Rank = dims.Count + 1 };
    }

    /// <summary>The 1-based permutation.</summary>
    public IntTuple Dims { get; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x.permute([0, .. Dims.Values.Select(d => (long)d)]);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => new([inputShape[0], .. Dims.Values.Select(d => inputShape[d])]);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["dims"] = Dims.Values.ToArray();
        return config;
    }
}
