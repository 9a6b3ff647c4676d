using KerasSharp.Layers;
using KerasSharp.Models.Functional;
using static TorchSharp.torch;

namespace KerasSharp;

public partial class Model
{
    private readonly FunctionalGraph? graph;

    /// <summary>
    /// A functional model from a graph of layers (Keras' <c>keras.Model(inputs, outputs)</c>):
    /// <c>var inputs = Input(784); var outputs = Dense(10, "softmax").Apply(Dense(64, "relu").Apply(inputs));
    /// var model = new Model(inputs, outputs);</c>. The graph is checked now: outputs must depend on the inputs.
    /// </summary>
    /// <param name="inputs">The symbolic input (an <see cref="Input"/> converts to one).</param>
    /// <param name="outputs">The symbolic output.</param>
    /// <param name="name">Model name (default <c>functional</c>, <c>functional_1</c>, ...).</param>
    public Model(KerasTensor inputs, KerasTensor outputs, string? name = null) : this([inputs], [outputs], name) { }

    /// <summary>A functional model with several inputs and one output: <c>new Model([a, b], output)</c>.</summary>
    public Model(IEnumerable<KerasTensor> inputs, KerasTensor outputs, string? name = null) : this(inputs, [outputs], name) { }

    /// <summary>A functional model with one input and several outputs.</summary>
    public Model(KerasTensor inputs, IEnumerable<KerasTensor> outputs, string? name = null) : this([inputs], outputs, name) { }

    /// <summary>A functional model with several inputs and outputs (losses and metrics per output in Compile).</summary>
    public Model(IEnumerable<KerasTensor> inputs, IEnumerable<KerasTensor> outputs, string? name = null)
        : this(name ?? Internal.UniqueNames.Next("functional"))
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        graph = new FunctionalGraph(inputs.ToArray(), outputs.ToArray(), Name);
        EnsureBuiltAll(graph.Inputs.Select(i => i.Shape).ToArray());
    }

    /// <summary>The graph of a functional model; null for Sequential and subclassed models.</summary>
    internal FunctionalGraph? Graph => graph;

    /// <summary>
    /// The symbolic inputs (Keras' <c>model.inputs</c>): a functional model's inputs, a Sequential's input once its
    /// input shape is known; empty for a subclassed model.
    /// </summary>
    public virtual IReadOnlyList<KerasTensor> Inputs => graph?.Inputs ?? [];

    /// <summary>
    /// The symbolic outputs (Keras' <c>model.outputs</c>): a functional model's outputs, a Sequential's last layer's
    /// output once its input shape is known; empty for a subclassed model.
    /// </summary>
    public virtual IReadOnlyList<KerasTensor> Outputs => graph?.Outputs ?? [];

    /// <summary>The model's single symbolic input (Keras' <c>model.input</c>); a model never called symbolically and
    /// without a graph of its own has none.</summary>
    /// <exception cref="InvalidOperationException">The model has no symbolic input, or several (use <see cref="Inputs"/>).</exception>
    public override KerasTensor Input => Inputs.Count switch
    {
        1 => Inputs[0],
        0 => base.Input,
        _ => throw new InvalidOperationException($"Model \"{Name}\" has {Inputs.Count} inputs; use Inputs to receive all of them."),
    };

    /// <summary>The model's single symbolic output (Keras' <c>model.output</c>).</summary>
    /// <exception cref="InvalidOperationException">The model has no symbolic output, or several (use <see cref="Outputs"/>).</exception>
    public override KerasTensor Output => Outputs.Count switch
    {
        1 => Outputs[0],
        0 => base.Output,
        _ => throw new InvalidOperationException($"Model \"{Name}\" has {Outputs.Count} outputs; use Outputs to receive all of them."),
    };

    /// <inheritdoc />
    public override IReadOnlyList<KerasTensor> InputTensors => Inputs.Count > 0 ? Inputs : base.InputTensors;

    /// <inheritdoc />
    public override IReadOnlyList<KerasTensor> OutputTensors => Outputs.Count > 0 ? Outputs : base.OutputTensors;

    /// <summary>The shape of the model's single symbolic input, or null (several inputs, or none known).</summary>
    internal Shape? SingleSymbolicInputShape => Inputs.Count == 1 ? Inputs[0].Shape : (Shape?)null;

    /// <summary>
    /// The layer named <paramref name="name"/> among <see cref="Layers"/> (Keras' <c>model.get_layer(name)</c>).
    /// </summary>
    /// <exception cref="ArgumentException">No layer has that name; the message lists the model's layers.</exception>
    public Layer GetLayer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var layer in Layers)
            if (layer.Name == name) return layer;
        throw new ArgumentException(
            $"No such layer: {name}. Existing layers are: [{string.Join(", ", Layers.Select(l => $"'{l.Name}'"))}].", nameof(name));
    }

    /// <summary>The layer at <paramref name="index"/> in <see cref="Layers"/> (Keras' <c>model.get_layer(index=...)</c>);
    /// a negative index counts from the end, as in Python.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below the number of layers.</exception>
    public Layer GetLayer(int index)
    {
        var layers = Layers;
        if (index < 0) index += layers.Count;   // Python indexing: -1 is the last layer
        if (index < 0 || index >= layers.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"Was asked to retrieve layer at index {index} but model only has {layers.Count} layers.");
        return layers[index];
    }

    /// <summary>
    /// Names of the model's outputs (Keras' <c>output_names</c>): the names of the layers producing them. Per-output
    /// losses, metrics and log keys (<c>dense_1_loss</c>) use them.
    /// </summary>
    public IReadOnlyList<string> OutputNames => graph is null ? ["output"] : graph.Outputs.Select(o => o.Layer.Name).ToArray();

    /// <summary>Number of model outputs (1 for Sequential and subclassed models).</summary>
    public int OutputCount => graph?.Outputs.Count ?? 1;

    /// <summary>Number of model inputs (1 for Sequential and subclassed models).</summary>
    public int InputCount => graph?.Inputs.Count ?? 1;

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        if (graph is null) base.Build(inputShapes);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training) =>
        graph is not null ? graph.Run(inputs, training, Name) : base.Call(inputs, training);

    /// <inheritdoc />
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes) =>
        graph is not null ? graph.Outputs.Select(o => o.Shape).ToArray() : base.ComputeOutputShapes(inputShapes);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) =>
        graph is { Outputs.Count: 1 } ? graph.Outputs[0].Shape : base.ComputeOutputShape(inputShape);

    private Tensor CallGraph(Tensor x, bool training)
    {
        if (graph!.Outputs.Count != 1)
            throw new InvalidOperationException($"Model \"{Name}\" has {graph.Outputs.Count} outputs; use ApplyAll(inputs) to receive all of them.");
        return graph.Run([x], training, Name)[0];
    }
}
