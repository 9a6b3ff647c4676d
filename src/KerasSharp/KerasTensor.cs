using KerasSharp.Layers;
using KerasSharp.Models.Functional;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>
/// A symbolic tensor of the functional API (Keras' <c>KerasTensor</c>): a shape (batch axis first, usually unknown) and
/// a dtype, plus the layer call that produced it. <c>Input([28, 28, 1])</c> starts a graph, <c>layer.Apply(x)</c> extends
/// it, and <c>new Model(inputs, outputs)</c> turns it into a model. It holds no data.
/// </summary>
public sealed class KerasTensor
{
    internal KerasTensor(Shape shape, ScalarType dtype, Node node, int outputIndex)
    {
        Shape = shape;
        DType = dtype;
        Node = node;
        OutputIndex = outputIndex;
    }

    /// <summary>The shape, batch axis included (<c>(None, 28, 28, 1)</c>).</summary>
    public Shape Shape { get; }

    /// <summary>The element type the tensor will have.</summary>
    public ScalarType DType { get; }

    /// <summary>The layer whose call produced this tensor.</summary>
    public Layer Layer => Node.Layer;

    /// <summary>The layer call that produced this tensor.</summary>
    internal Node Node { get; }

    /// <summary>Which output of that call this is (0 for single-output layers).</summary>
    internal int OutputIndex { get; }

    /// <summary>Keras' text: <c>&lt;KerasTensor shape=(None, 784), dtype=float32, source=dense&gt;</c>.</summary>
    public override string ToString() =>
        $"<KerasTensor shape={Shape}, dtype={DType.ToString().ToLowerInvariant()}, source={Layer.Name}>";
}
