using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Declares a model's input shape (Keras' <c>keras.Input</c> / <c>InputLayer</c>), without the batch axis:
/// <c>new Input(784)</c>, <c>new Input([28, 28, 1])</c>. As the first entry of a Sequential it lets the model build
/// its weights immediately. It has no weights and passes its input through.
/// </summary>
public sealed class Input : Layer
{
    /// <summary>Declares an input of <paramref name="shape"/> (batch axis excluded).</summary>
    /// <param name="shape">Per-sample shape, e.g. <c>784</c> or <c>[28, 28, 1]</c>.</param>
    /// <param name="batchSize">Fixed batch size, or null (Keras' default).</param>
    /// <param name="name">Layer name (default <c>input_layer</c>, <c>input_layer_1</c>, ...).</param>
    public Input(Shape shape, int? batchSize = null, string? name = null)
        : base(name ?? Internal.UniqueNames.Next("input_layer"))
    {
        if (shape.Rank == 0)
            throw new ArgumentException("Input: shape must have at least one dimension, e.g. Input(784) or Input([28, 28, 1]).", nameof(shape));
        Shape = shape;
        BatchShape = shape.WithBatch(batchSize);
        InputSpec = new InputSpec { FullShape = BatchShape };
    }

    /// <summary>The per-sample shape (no batch axis).</summary>
    public Shape Shape { get; }

    /// <summary>The shape with the batch axis (<c>(None, 784)</c>).</summary>
    public Shape BatchShape { get; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x;

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["batch_shape"] = BatchShape.ToList(),
        ["dtype"] = "float32",
        ["sparse"] = false,
        ["name"] = Name,
    };
}
