using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Multiply</c>: multiplies a list of inputs element-wise (product: <c>a * b * ...</c>), with Keras' broadcasting (see <see cref="Merge"/>).</summary>
public class Multiply : Merge
{
    /// <summary>Creates a Multiply layer; call it with a list: <c>new Multiply().Apply([a, b])</c>.</summary>
    /// <param name="name">Layer name (default <c>multiply</c>, <c>multiply_1</c>, ...).</param>
    public Multiply(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs) => Fold(inputs, (a, b) => a * b);
}
