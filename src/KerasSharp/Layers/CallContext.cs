using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The state of the layer calls in progress on this thread, in one place (Keras 3 keeps the same in its call context,
/// <c>keras/src/layers/layer.py</c> <c>CallContext</c> in <c>global_state</c>): how deep the calls are nested, the
/// training flag nested calls inherit, the name scopes that give weights their paths, the input whose shape the
/// outer call already read, and the inference pass's frozen weight copies. Per thread, so that a model called from two
/// threads never reads the other's state; each field is set by the call that owns it and restored in its
/// <c>finally</c>. It also holds the links from softmax/sigmoid outputs to their logits
/// (<see cref="Activations.ActivationLogits"/>), which the step's losses and metrics read. The one thread-static is the
/// pointer to this object, as Keras keeps its call context in a thread-local <c>global_state</c>.
/// </summary>
internal sealed class CallContext
{
    [ThreadStatic] private static CallContext? current;

    /// <summary>This thread's context.</summary>
    public static CallContext Current => current ??= new CallContext();

    /// <summary>How many <c>Layer.ApplyAll</c> calls are in progress (0 outside calls): the outermost one clears the
    /// call losses of the previous call.</summary>
    public int Depth;

    /// <summary>The training mode of the innermost call in progress, or null outside calls.</summary>
    public bool? Training;

    /// <summary>The layers building or calling, outermost first: Keras' name scopes, which make the path of a weight
    /// created inside another layer's build (a MultiHeadAttention's query Dense) "multi_head_attention/query/kernel".</summary>
    public List<Layer>? NameScopes;

    /// <summary>The input of the innermost call in progress and its shape, when the call knew the shape.</summary>
    public (Tensor Tensor, Shape Shape)? Input;

    /// <summary>The frozen weight copies of the inference pass in progress (<see cref="FrozenWeights.During{T}"/>).</summary>
    public FrozenWeights? Frozen;

    /// <summary>The softmax/sigmoid outputs computed on this thread and still alive, each linked to its logits
    /// (<see cref="Activations.ActivationLogits"/>); held weakly, so an output that is disposed or collected drops out.</summary>
    public readonly TensorSideTable<Activations.ActivationLogits.Source> Logits = new();
}
