using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Maximum</c>: takes the element-wise maximum of a list of inputs, with Keras' broadcasting (see <see cref="Merge"/>).</summary>
public class Maximum : Merge
{
    /// <summary>Creates a Maximum layer; call it with a list: <c>new Maximum().Apply([a, b])</c>.</summary>
    /// <param name="name">Layer name (default <c>maximum</c>, <c>maximum_1</c>, ...).</param>
    public Maximum(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs) => Fold(inputs, (a, b) => maximum(a, b));
}
