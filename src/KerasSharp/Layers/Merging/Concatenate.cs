using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Concatenate</c>: joins a list of inputs along <see cref="Axis"/> (default the last). Every other axis must
/// have the same size; otherwise the error lists every input shape.
/// </summary>
public class Concatenate : Layer
{
    /// <summary>Creates a Concatenate layer; call it with a list: <c>new Concatenate().Apply([a, b])</c>.</summary>
    /// <param name="axis">The axis to join along (negative counts from the end; default -1).</param>
    /// <param name="name">Layer name (default <c>concatenate</c>).</param>
    public Concatenate(int axis = -1, string? name = null) : base(name)
    {
        Axis = axis;
    }

    /// <summary>The concatenation axis.</summary>
    public int Axis { get; }

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes) => ComputeOutputShapes(inputShapes);

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        var shape = ComputeOutputShapes(inputs.Select(Shape.Of).ToArray())[0];
        int axis = Axis < 0 ? Axis + shape.Rank : Axis;
        return [cat(inputs.ToArray(), axis)];
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => ComputeOutputShapes([inputShape])[0];

    /// <summary>The joined shape; throws listing every input shape when ranks or non-concatenated axes differ.</summary>
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count < 1)
            throw new ArgumentException($"Layer \"{Name}\": a Concatenate layer should be called on a list of at least 1 input.");
        string Mismatch() => $"Layer \"{Name}\": a Concatenate layer requires inputs with matching shapes except for the concatenation axis {Axis}. " +
            $"Received: input_shape=[{string.Join(", ", inputShapes)}]";
        int rank = inputShapes[0].Rank;
        if (inputShapes.Any(s => s.Rank != rank))
            throw new ArgumentException(Mismatch());
        int axis = Axis < 0 ? Axis + rank : Axis;
        if (axis < 0 || axis >= rank)
            throw new ArgumentException($"Layer \"{Name}\": axis {Axis} is out of range for inputs of rank {rank}. Received: input_shape=[{string.Join(", ", inputShapes)}]");
        var output = new long?[rank];
        for (int a = 0; a < rank; a++)
        {
            if (a == axis)
            {
                output[a] = inputShapes.Any(s => s[a] is null) ? null : inputShapes.Sum(s => s[a]!.Value);
                continue;
            }
            var known = inputShapes.Select(s => s[a]).OfType<long>().Distinct().ToArray();
            if (known.Length > 1)
                throw new ArgumentException(Mismatch());
            output[a] = known.Length == 1 ? known[0] : null;
        }
        return [new Shape(output)];
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        return config;
    }
}
