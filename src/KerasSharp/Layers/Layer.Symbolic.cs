using KerasSharp.Models.Functional;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

public abstract partial class Layer
{
    private readonly List<Node> inboundNodes = [];

    /// <summary>The calls of this layer on symbolic tensors (one per use in functional graphs; shared layers have several).</summary>
    internal IReadOnlyList<Node> InboundNodes => inboundNodes;

    /// <summary>
    /// Applies the layer to a symbolic tensor (functional API: <c>var h = Dense(64, "relu").Apply(inputs)</c>). The layer
    /// is built for the input's shape now, the input is checked against <see cref="InputSpec"/>, and the output shape is
    /// inferred, so shape errors surface while the graph is written.
    /// </summary>
    public KerasTensor Apply(KerasTensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return SingleSymbolic(ApplyAll([x]));
    }

    /// <summary>Applies a layer with several inputs (merge layers) to symbolic tensors.</summary>
    public KerasTensor Apply(IReadOnlyList<KerasTensor> inputs) => SingleSymbolic(ApplyAll(inputs));

    /// <summary>Applies the layer to symbolic tensors and returns every output (e.g. an LSTM with <c>returnState</c>).</summary>
    public IReadOnlyList<KerasTensor> ApplyAll(IReadOnlyList<KerasTensor> inputs) => ApplyAll(inputs, NoCallArguments);

    private static readonly IReadOnlyDictionary<string, object?> NoCallArguments = new Dictionary<string, object?>();

    /// <summary>
    /// Applies the layer to symbolic tensors with Keras call options (<c>return_attention_scores</c>, ...), which the
    /// graph node records and replays; only an <see cref="ICallArgumentsLayer"/> takes options.
    /// </summary>
    internal IReadOnlyList<KerasTensor> ApplyAll(IReadOnlyList<KerasTensor> inputs, IReadOnlyDictionary<string, object?> callArguments)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(callArguments);
        if (callArguments.Count > 0 && this is not ICallArgumentsLayer)
            throw new ArgumentException($"Layer \"{Name}\" ({GetType().Name}) takes no call options, but received {string.Join(", ", callArguments.Keys)}.", nameof(callArguments));
        if (inputs.Count == 0)
            throw new ArgumentException($"Layer \"{Name}\" received no inputs.", nameof(inputs));
        if (inputs.Any(t => t is null))
            throw new ArgumentNullException(nameof(inputs), $"Layer \"{Name}\": an input is null.");
        var shapes = inputs.Select(t => t.Shape).ToArray();
        if (!Built) EnsureBuiltMulti(shapes);
        if (shapes.Length == 1) InputSpec?.Check(shapes[0], Name);
        var outShapes = callArguments.Count > 0 ? ((ICallArgumentsLayer)this).ComputeOutputShapes(shapes, callArguments) : ComputeOutputShapes(shapes);
        var node = new Node(this, inputs.ToArray()) { CallArguments = callArguments.Count > 0 ? new Dictionary<string, object?>(callArguments) : NoCallArguments };
        var dtype = SymbolicOutputType(inputs);
        node.Outputs = outShapes.Select((s, i) => new KerasTensor(s, dtype, node, i)).ToArray();
        inboundNodes.Add(node);
        return node.Outputs;
    }

    /// <summary>The dtype of symbolic outputs: float32 unless the layer passes integer inputs through.</summary>
    private protected virtual ScalarType SymbolicOutputType(IReadOnlyList<KerasTensor> inputs) => ScalarType.Float32;

    private KerasTensor SingleSymbolic(IReadOnlyList<KerasTensor> outputs) => outputs.Count == 1
        ? outputs[0]
        : throw new InvalidOperationException($"Layer \"{Name}\" returns {outputs.Count} outputs; use ApplyAll to receive all of them.");
}
