using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Identity</c> layer: returns its input unchanged (a placeholder when no operation is wanted).</summary>
public class Identity : Layer
{
    /// <summary>Creates an Identity layer.</summary>
    /// <param name="name">Layer name (default <c>identity</c>, <c>identity_1</c>, ...).</param>
    public Identity(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x;

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}
