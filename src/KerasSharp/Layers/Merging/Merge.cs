using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Base of Keras' element-wise merge layers (<c>Add</c>, <c>Subtract</c>, <c>Multiply</c>, <c>Average</c>,
/// <c>Maximum</c>, <c>Minimum</c>): takes a list of inputs (<c>layer.Apply([a, b])</c>) and combines them element-wise
/// with Keras' broadcasting: shapes are aligned on their trailing axes, an axis of size 1 broadcasts, and an input of
/// lower rank gets size-1 axes inserted after the batch axis. Incompatible shapes are rejected with every input shape.
/// </summary>
public abstract class Merge : Layer
{
    /// <summary>Creates a merge layer.</summary>
    /// <param name="name">Layer name (default: Keras' snake_case class name).</param>
    protected Merge(string? name = null) : base(name) { }

    /// <summary>Combines inputs that already have the same rank (Keras' <c>_merge_function</c>).</summary>
    protected abstract Tensor MergeFunction(IReadOnlyList<Tensor> inputs);

    /// <summary>Combines the inputs pairwise from the left, <c>combine(combine(x0, x1), x2) ...</c>, as Keras' merge
    /// layers loop over their inputs.</summary>
    /// <param name="inputs">At least one input.</param>
    /// <param name="combine">The element-wise operation of two tensors.</param>
    private protected static Tensor Fold(IReadOnlyList<Tensor> inputs, Func<Tensor, Tensor, Tensor> combine)
    {
        var y = inputs[0];
        for (int i = 1; i < inputs.Count; i++)
            y = combine(y, inputs[i]);
        return y;
    }

    /// <summary>Throws unless <paramref name="count"/> inputs are acceptable (default: at least one).</summary>
    protected virtual void CheckInputCount(int count, IEnumerable<Shape> shapes)
    {
        if (count < 1)
            throw new ArgumentException($"Layer \"{Name}\": a merge layer should be called on a list of at least 1 input, but received {count}.");
    }

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes) => ComputeOutputShapes(inputShapes);

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        ComputeOutputShapes(inputs.Select(Shape.Of).ToArray());
        int maxRank = inputs.Max(x => (int)x.dim());
        var aligned = inputs.Select(x =>
        {
            while (x.dim() < maxRank) x = x.unsqueeze(1);
            return x;
        }).ToArray();
        return [MergeFunction(aligned)];
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => ComputeOutputShapes([inputShape])[0];

    /// <summary>The broadcast output shape (Keras' <c>compute_output_shape</c>); throws listing every input shape when they do not broadcast.</summary>
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        CheckInputCount(inputShapes.Count, inputShapes);
        string Received() => string.Join(", ", inputShapes);
        if (inputShapes.Any(s => s.Rank == 0))
            throw new ArgumentException($"Layer \"{Name}\": every input needs a batch axis, but received shapes {Received()}.");
        var batches = inputShapes.Select(s => s[0]).OfType<long>().Distinct().ToArray();
        if (batches.Length > 1)
            throw new ArgumentException($"Layer \"{Name}\": cannot merge tensors with different batch sizes. Received tensors with shapes {Received()}.");
        var output = inputShapes[0][1..].ToList();
        foreach (var shape in inputShapes.Skip(1))
        {
            var other = shape[1..].ToList();
            var (longer, shorter) = output.Count >= other.Count ? (output, other) : (other, output);
            var result = longer.Take(longer.Count - shorter.Count).ToList();
            for (int k = 0; k < shorter.Count; k++)
            {
                long? i = longer[longer.Count - shorter.Count + k], j = shorter[k];
                if (i is null || j is null) result.Add(null);
                else if (i == 1) result.Add(j);
                else if (j == 1 || i == j) result.Add(i);
                else throw new ArgumentException($"Layer \"{Name}\" ({GetType().Name}): inputs have incompatible shapes. Received shapes {Received()}.");
            }
            output = result;
        }
        return [new Shape([batches.Length == 1 ? batches[0] : null, .. output])];
    }
}
