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
        EnsureBuiltMulti(graph.Inputs.Select(i => i.Shape).ToArray());
    }

    /// <summary>The graph of a functional model; null for Sequential and subclassed models.</summary>
    internal FunctionalGraph? Graph => graph;

    /// <summary>The symbolic inputs of a functional model (empty for other models).</summary>
    public IReadOnlyList<KerasTensor> Inputs => graph?.Inputs ?? [];

    /// <summary>The symbolic outputs of a functional model (empty for other models).</summary>
    public IReadOnlyList<KerasTensor> Outputs => graph?.Outputs ?? [];

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
