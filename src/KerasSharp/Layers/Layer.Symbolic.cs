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
    /// <param name="x">The symbolic input.</param>
    /// <param name="training">Keras' <c>training</c> call argument, recorded in the graph node: <c>false</c> keeps the
    /// layer in inference mode whenever the model runs, even inside <c>Fit</c> (Keras' transfer-learning recipe
    /// <c>x = baseModel.Apply(inputs, training: false)</c> keeps BatchNormalization on its moving statistics);
    /// <c>true</c> keeps it in training mode; null (default) follows the model's call (training inside <c>Fit</c>).</param>
    public KerasTensor Apply(KerasTensor x, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return SingleSymbolic(ApplyAll([x], training));
    }

    /// <summary>Applies a layer with several inputs (merge layers) to symbolic tensors; <paramref name="training"/> as in
    /// <see cref="Apply(KerasTensor, bool?)"/>.</summary>
    public KerasTensor Apply(IReadOnlyList<KerasTensor> inputs, bool? training = null) => SingleSymbolic(ApplyAll(inputs, training));

    /// <summary>Applies the layer to symbolic tensors and returns every output (e.g. an LSTM with <c>returnState</c>);
    /// <paramref name="training"/> as in <see cref="Apply(KerasTensor, bool?)"/>.</summary>
    public IReadOnlyList<KerasTensor> ApplyAll(IReadOnlyList<KerasTensor> inputs, bool? training = null) => ApplyAll(inputs, NoCallArguments, training);

    private static readonly IReadOnlyDictionary<string, object?> NoCallArguments = new Dictionary<string, object?>();

    /// <summary>
    /// Applies the layer to symbolic tensors with Keras call options (<c>return_attention_scores</c>, ...), which the
    /// graph node records and replays; only an <see cref="ICallArgumentsLayer"/> takes options.
    /// </summary>
    internal IReadOnlyList<KerasTensor> ApplyAll(IReadOnlyList<KerasTensor> inputs, IReadOnlyDictionary<string, object?> callArguments) =>
        ApplyAll(inputs, callArguments, null);

    /// <summary>Applies the layer with call options and Keras' <c>training</c> argument (null: the model's mode).</summary>
    internal IReadOnlyList<KerasTensor> ApplyAll(IReadOnlyList<KerasTensor> inputs, IReadOnlyDictionary<string, object?> callArguments, bool? training)
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
        if (!Built) EnsureBuiltAll(shapes);
        if (shapes.Length == 1) InputSpec?.Check(shapes[0], Name);
        var outShapes = callArguments.Count > 0 ? ((ICallArgumentsLayer)this).ComputeOutputShapes(shapes, callArguments) : ComputeOutputShapes(shapes);
        return RecordCall(inputs, outShapes, callArguments.Count > 0 ? new Dictionary<string, object?>(callArguments) : NoCallArguments, training);
    }

    /// <summary>
    /// Records a symbolic call whose output shapes are already known (a Sequential's stack, whose shapes it computed
    /// when the layers were added) and returns its outputs.
    /// </summary>
    internal IReadOnlyList<KerasTensor> RecordCall(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<Shape> outShapes,
        IReadOnlyDictionary<string, object?>? callArguments = null, bool? training = null)
    {
        var node = new Node(this, inputs.ToArray()) { CallArguments = callArguments ?? NoCallArguments, Training = training };
        var dtype = SymbolicOutputType(inputs);
        node.Outputs = outShapes.Select((s, i) => new KerasTensor(s, dtype, node, i)).ToArray();
        lock (inboundNodes) inboundNodes.Add(node);
        return node.Outputs;
    }

    /// <summary>Records the node of an <see cref="Input"/> (its only one, made when it is created).</summary>
    private protected void RecordInputNode(Node node)
    {
        lock (inboundNodes) inboundNodes.Add(node);
    }

    /// <summary>
    /// The symbolic input of this layer (Keras' <c>layer.input</c>): the tensor it was applied to the first time it
    /// was called on symbolic tensors (in a functional model, or in a Sequential whose input shape is known). An
    /// <see cref="Layers.Input"/>'s input is its own tensor. For a functional model, its single input.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer has never been called on symbolic tensors, or that call
    /// took several tensors (use <see cref="InputTensors"/>).</exception>
    public virtual KerasTensor Input => SingleTensor(InputTensors, "input", nameof(InputTensors));

    /// <summary>
    /// The symbolic output of this layer (Keras' <c>layer.output</c>): the tensor its first symbolic call produced.
    /// With the layers of a model, <c>new Model(baseModel.Inputs, baseModel.GetLayer("block3").Output)</c> extracts
    /// intermediate features. For a functional model, its single output.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer has never been called on symbolic tensors, or that call
    /// produced several tensors (use <see cref="OutputTensors"/>).</exception>
    public virtual KerasTensor Output => SingleTensor(OutputTensors, "output", nameof(OutputTensors));

    /// <summary>Every input tensor of the layer's first symbolic call (Keras' <c>layer.input</c> as a list).</summary>
    /// <exception cref="InvalidOperationException">The layer has never been called on symbolic tensors.</exception>
    public virtual IReadOnlyList<KerasTensor> InputTensors => FirstNode("input").Inputs is { Count: > 0 } ins ? ins : FirstNode("input").Outputs;

    /// <summary>Every output tensor of the layer's first symbolic call (Keras' <c>layer.output</c> as a list).</summary>
    /// <exception cref="InvalidOperationException">The layer has never been called on symbolic tensors.</exception>
    public virtual IReadOnlyList<KerasTensor> OutputTensors => FirstNode("output").Outputs;

    private Node FirstNode(string what)
    {
        lock (inboundNodes)
        {
            return inboundNodes.Count > 0
                ? inboundNodes[0]
                : throw new InvalidOperationException($"The layer {Name} has never been called and thus has no defined {what}.");
        }
    }

    private KerasTensor SingleTensor(IReadOnlyList<KerasTensor> tensors, string what, string listName) => tensors.Count == 1
        ? tensors[0]
        : throw new InvalidOperationException($"Layer \"{Name}\" has {tensors.Count} {what} tensors; use {listName} to receive all of them.");

    /// <summary>The dtype of symbolic outputs: float32 unless the layer passes integer inputs through.</summary>
    private protected virtual ScalarType SymbolicOutputType(IReadOnlyList<KerasTensor> inputs) => ScalarType.Float32;

    private KerasTensor SingleSymbolic(IReadOnlyList<KerasTensor> outputs) => outputs.Count == 1
        ? outputs[0]
        : throw new InvalidOperationException($"Layer \"{Name}\" returns {outputs.Count} outputs; use ApplyAll to receive all of them.");
}
