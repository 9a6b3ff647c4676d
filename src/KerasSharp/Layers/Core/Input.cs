using KerasSharp.Models.Functional;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Declares a model's input shape (Keras' <c>keras.Input</c> / <c>InputLayer</c>), without the batch axis:
/// <c>new Input(784)</c>, <c>new Input([28, 28, 1])</c>. As the first entry of a Sequential it lets the model build
/// its weights immediately. In the functional API it is the graph's start: it converts to its symbolic
/// <see cref="Layer.Output"/>, so <c>Dense(10).Apply(Input(784))</c> and <c>new Model(input, output)</c> work.
/// It has no weights and passes its input through.
/// </summary>
public sealed class Input : Layer, IRowWiseInference
{
    /// <summary>Declares an input of <paramref name="shape"/> (batch axis excluded).</summary>
    /// <param name="shape">Per-sample shape, e.g. <c>784</c> or <c>[28, 28, 1]</c>.</param>
    /// <param name="batchSize">Fixed batch size, or null (Keras' default).</param>
    /// <param name="name">Layer name (default <c>input_layer</c>, <c>input_layer_1</c>, ...).</param>
    /// <param name="dtype">Element type of the data: <c>"float32"</c> (default) or an integer type such as <c>"int32"</c>
    /// / <c>"int64"</c> for token ids fed to an Embedding.</param>
    public Input(Shape shape, int? batchSize = null, string? name = null, string dtype = "float32")
        : base(name ?? Internal.UniqueNames.Next("input_layer"))
    {
        if (shape.Rank == 0)
            throw new ArgumentException("Input: shape must have at least one dimension, e.g. Input(784) or Input([28, 28, 1]).", nameof(shape));
        Shape = shape;
        BatchShape = shape.WithBatch(batchSize);
        // Keras drops the batch axis from an input's spec: a fixed batch size documents the data, it does not reject others.
        InputSpec = new InputSpec { FullShape = shape.WithBatch(null) };
        DType = dtype switch
        {
            "float32" => ScalarType.Float32,
            "int32" => ScalarType.Int32,
            "int64" => ScalarType.Int64,
            "uint8" => ScalarType.Byte,
            "bool" => ScalarType.Bool,
            _ => throw new ArgumentException($"Input: dtype must be one of float32, int32, int64, uint8, bool, but received '{dtype}'.", nameof(dtype)),
        };
        DTypeName = dtype;
        var node = new Node(this, []);
        node.Outputs = [new KerasTensor(BatchShape, DType, node, 0)];
        RecordInputNode(node);
    }

    /// <summary>Checks concrete data against the declared shape (the functional graph's entry check).</summary>
    internal void InputSpecCheck(Shape shape) => InputSpec?.Check(shape, Name);

    /// <summary>The element type of the data this input takes.</summary>
    public ScalarType DType { get; }

    /// <summary>Keras' dtype name (<c>float32</c>).</summary>
    public string DTypeName { get; }


    /// <summary>An input used where a symbolic tensor is expected: <c>layer.Apply(input)</c>, <c>new Model(input, output)</c>.</summary>
    public static implicit operator KerasTensor(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Output;
    }

    /// <summary>The per-sample shape (no batch axis).</summary>
    public Shape Shape { get; }

    /// <summary>The shape with the batch axis (<c>(None, 784)</c>).</summary>
    public Shape BatchShape { get; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    bool IRowWiseInference.RowWiseInInference => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x;

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["batch_shape"] = BatchShape.ToList(),
        ["dtype"] = DTypeName,
        ["sparse"] = false,
        ["name"] = Name,
    };

    /// <summary>None, as Keras: InputLayer is built when it is created, so it has no <c>build_config</c>.</summary>
    public override Dictionary<string, object?>? GetBuildConfig() => null;
}
