using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Subtract</c>: <c>a - b</c> for exactly two inputs, with Keras' broadcasting (see <see cref="Merge"/>).</summary>
public class Subtract : Merge
{
    /// <summary>Creates a Subtract layer; call it with two inputs: <c>new Subtract().Apply([a, b])</c>.</summary>
    /// <param name="name">Layer name (default <c>subtract</c>).</param>
    public Subtract(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override void CheckInputCount(int count, IEnumerable<Shape> shapes)
    {
        if (count != 2)
            throw new ArgumentException($"Layer \"{Name}\": a Subtract layer should be called on exactly 2 inputs, but received {count} input(s) with shapes {string.Join(", ", shapes)}.");
    }

    /// <inheritdoc />
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs) => inputs[0] - inputs[1];
}
