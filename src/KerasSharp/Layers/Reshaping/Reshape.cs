using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Reshape</c>: reshapes each sample to <see cref="TargetShape"/> (batch axis kept), in row-major order.
/// One entry may be <c>-1</c>: it is inferred from the sample size.
/// </summary>
public class Reshape : Layer
{
    /// <summary>Creates a Reshape layer.</summary>
    /// <param name="targetShape">Shape of each sample, without the batch axis: <c>(3, 4)</c>, <c>new[] { -1, 2 }</c>; at most one <c>-1</c>.</param>
    /// <param name="name">Layer name (default <c>reshape</c>).</param>
    public Reshape(IntTuple targetShape, string? name = null) : base(name)
    {
        if (targetShape.Count == 0)
            throw new ArgumentException("Reshape: targetShape is required, e.g. (3, 4).", nameof(targetShape));
        if (targetShape.Values.Count(v => v == -1) > 1)
            throw new ArgumentException($"Reshape: there must be at most one unknown dimension (-1) in targetShape, but received {targetShape}.", nameof(targetShape));
        if (targetShape.Values.Any(v => v == 0 || v < -1))
            throw new ArgumentOutOfRangeException(nameof(targetShape), targetShape.ToString(), $"Reshape: every value of targetShape must be > 0 or -1, but received {targetShape}.");
        TargetShape = targetShape;
    }

    /// <summary>The per-sample target shape as given (may hold one -1).</summary>
    public IntTuple TargetShape { get; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        var shape = ComputeOutputShape(Shape.Of(x));
        return x.reshape(shape.ToArray());
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank == 0)
            throw new ArgumentException($"Layer \"{Name}\": Reshape needs a batched input, but received a scalar.");
        var target = TargetShape.Values;
        long known = target.Where(v => v != -1).Aggregate(1L, (a, b) => a * b);
        long? size = inputShape[1..].Product();
        var dims = target.Select(v => v == -1 ? (size is long s ? s / known : (long?)null) : v).ToArray();
        if (size is long total && (target.Contains(-1) ? total % known != 0 : total != known))
            throw new ArgumentException($"Layer \"{Name}\": the total size of the tensor must be unchanged. Received: input_shape={inputShape}, target_shape={TargetShape}.");
        return new Shape([inputShape[0], .. dims]);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["target_shape"] = TargetShape.Values.ToArray();
        return config;
    }
}
