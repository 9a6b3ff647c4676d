using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Add</c>: adds a list of inputs element-wise (sum: <c>a + b + ...</c>), with Keras' broadcasting (see <see cref="Merge"/>).</summary>
public class Add : Merge
{
    /// <summary>Creates an Add layer; call it with a list: <c>new Add().Apply([a, b])</c>.</summary>
    /// <param name="name">Layer name (default <c>add</c>, <c>add_1</c>, ...).</param>
    public Add(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs) => Fold(inputs, (a, b) => a + b);
}
