using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Dot</c>: the batch-wise dot product of two inputs along <see cref="Axes"/> (Keras' <c>batch_dot</c>): for
/// shapes <c>(b, 3, 5)</c> and <c>(b, 10, 3)</c> with <c>axes: (1, 2)</c> the output is <c>(b, 5, 10)</c>; an output
/// of rank 1 becomes <c>(b, 1)</c>. With <c>normalize: true</c> both inputs are L2-normalized along the axes first,
/// so the result is the cosine similarity.
/// </summary>
public class Dot : Layer
{
    private const double Epsilon = 1e-7;  // Keras' backend epsilon, bounds 1 / norm as keras.ops.normalize does

    /// <summary>Creates a Dot layer; call it with two inputs: <c>new Dot(axes: 1).Apply([a, b])</c>.</summary>
    /// <param name="axes">One axis for both inputs, or <c>(axisOfFirst, axisOfSecond)</c>; negative counts from the end; 0 (batch) is not allowed.</param>
    /// <param name="normalize">Whether to L2-normalize both inputs along the dot axes first (cosine similarity).</param>
    /// <param name="name">Layer name (default <c>dot</c>).</param>
    public Dot(IntTuple axes, bool normalize = false, string? name = null) : base(name)
    {
        if (axes.Count is not (1 or 2))
            throw new ArgumentException($"Dot: axes must be an int or a tuple of two ints, but received {axes}.", nameof(axes));
        if (axes.Values.Contains(0))
            throw new ArgumentException($"Dot: cannot take the dot product over axis 0 (the batch axis), but received axes={axes}.", nameof(axes));
        Axes = axes;
        Normalize = normalize;
    }

    /// <summary>The dot axes as given.</summary>
    public IntTuple Axes { get; }
    /// <summary>Whether inputs are L2-normalized first.</summary>
    public bool Normalize { get; }

    private (int, int) ResolveAxes(Shape a, Shape b)
    {
        int a0 = Axes.Values[0], a1 = Axes.Count == 2 ? Axes.Values[1] : Axes.Values[0];
        a0 = a0 < 0 ? a0 + a.Rank : a0;
        a1 = a1 < 0 ? a1 + b.Rank : a1;
        if (a0 <= 0 || a0 >= a.Rank || a1 <= 0 || a1 >= b.Rank)
            throw new ArgumentException($"Layer \"{Name}\": axes={Axes} are out of range (or the batch axis) for input shapes {a}, {b}.");
        return (a0, a1);
    }

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes) => ComputeOutputShapes(inputShapes);

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        using var scope = NewDisposeScope();
        ComputeOutputShapes(inputs.Select(Shape.Of).ToArray());
        var (x, y) = (inputs[0], inputs[1]);
        var (a0, a1) = ResolveAxes(Shape.Of(x), Shape.Of(y));
        if (Normalize)
        {
            x = x * x.square().sum(a0, keepdim: true).rsqrt().clamp_max(1 / Epsilon);
            y = y * y.square().sum(a1, keepdim: true).rsqrt().clamp_max(1 / Epsilon);
        }
        // x: (b, ...xRest, k) ; y: (b, k, ...yRest) ; result (b, ...xRest, ...yRest)
        var xm = x.movedim([a0], [-1]);
        var ym = y.movedim([a1], [1]);
        long batch = xm.shape[0], k = xm.shape[^1];
        var xRest = xm.shape[1..^1];
        var yRest = ym.shape[2..];
        var result = xm.reshape(batch, -1, k).bmm(ym.reshape(batch, k, -1)).reshape([batch, .. xRest, .. yRest]);
        if (result.dim() == 1) result = result.unsqueeze(1);
        return [result.MoveToOuterDisposeScope()];
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => ComputeOutputShapes([inputShape])[0];

    /// <summary>Keras' output shape: the first shape without its dot axis, then the second without batch and dot axis.</summary>
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count != 2)
            throw new ArgumentException($"Layer \"{Name}\": a Dot layer should be called on a list of 2 inputs, but received {inputShapes.Count} with shapes {string.Join(", ", inputShapes)}.");
        var (s1, s2) = (inputShapes[0], inputShapes[1]);
        if (s1.Rank < 2 || s2.Rank < 2)
            throw new ArgumentException($"Layer \"{Name}\": cannot do batch_dot on inputs with rank < 2. Received inputs with shapes {s1} and {s2}.");
        if (s1[0] is long b1 && s2[0] is long b2 && b1 != b2)
            throw new ArgumentException($"Layer \"{Name}\": cannot do batch_dot on inputs with different batch sizes. Received inputs with shapes {s1} and {s2}.");
        var (a0, a1) = ResolveAxes(s1, s2);
        if (s1[a0] is long d1 && s2[a1] is long d2 && d1 != d2)
            throw new ArgumentException($"Layer \"{Name}\": incompatible input shapes: axis values {d1} (at axis {a0}) != {d2} (at axis {a1}). Full input shapes: {s1}, {s2}");
        var dims = s1.Where((_, i) => i != a0).Concat(s2.Where((_, i) => i != 0 && i != a1)).ToList();
        if (dims.Count == 1) dims.Add(1);
        dims[0] ??= s2[0];
        return [new Shape(dims.ToArray())];
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axes"] = Axes.Count == 1 ? Axes.Values[0] : Axes.Values.ToArray();
        config["normalize"] = Normalize;
        return config;
    }
}
