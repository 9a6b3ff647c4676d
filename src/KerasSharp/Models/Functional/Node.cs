using KerasSharp.Layers;

namespace KerasSharp.Models.Functional;

/// <summary>One call of a layer in a functional graph (Keras' <c>Node</c>): the layer, the symbolic inputs it was
/// applied to, and the symbolic outputs it produced.</summary>
internal sealed class Node
{
    public Node(Layer layer, IReadOnlyList<KerasTensor> inputs)
    {
        Layer = layer;
        Inputs = inputs;
    }

    public Layer Layer { get; }

    public IReadOnlyList<KerasTensor> Inputs { get; }

    public IReadOnlyList<KerasTensor> Outputs { get; internal set; } = [];

    /// <summary>Keras keyword options of this call (<c>return_attention_scores</c>, ...), for an <see cref="ICallArgumentsLayer"/>; empty otherwise.</summary>
    public IReadOnlyDictionary<string, object?> CallArguments { get; init; } = new Dictionary<string, object?>();
}
