using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Minimum</c>: takes the element-wise minimum of a list of inputs, with Keras' broadcasting (see <see cref="Merge"/>).</summary>
public class Minimum : Merge
{
    /// <summary>Creates a Minimum layer; call it with a list: <c>new Minimum().Apply([a, b])</c>.</summary>
    /// <param name="name">Layer name (default <c>minimum</c>, <c>minimum_1</c>, ...).</param>
    public Minimum(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs) => Fold(inputs, (a, b) => minimum(a, b));
}
