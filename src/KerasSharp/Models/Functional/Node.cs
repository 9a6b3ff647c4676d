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

    /// <summary>Keras' <c>training</c> argument of this call (<c>base(x, training=False)</c>): when set, the graph runs
    /// the layer in that mode whatever mode the model runs in; null follows the model's mode.</summary>
    public bool? Training { get; init; }
}
