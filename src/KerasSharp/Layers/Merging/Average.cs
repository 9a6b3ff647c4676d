using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Average</c>: averages a list of inputs element-wise (mean: <c>(a + b + ...) / n</c>), with Keras' broadcasting (see <see cref="Merge"/>).</summary>
public class Average : Merge
{
    /// <summary>Creates an Average layer; call it with a list: <c>new Average().Apply([a, b])</c>.</summary>
    /// <param name="name">Layer name (default <c>average</c>, <c>average_1</c>, ...).</param>
    public Average(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs) => Fold(inputs, (a, b) => a + b) / inputs.Count;
}
