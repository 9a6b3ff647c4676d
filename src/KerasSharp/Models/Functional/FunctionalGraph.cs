using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Models.Functional;

/// <summary>
/// The layer graph of a functional model (Keras' <c>Functional</c> / <c>Function</c>): its symbolic inputs and outputs,
/// the layer calls between them in an order where every call comes after the calls it depends on, and the layers in
/// that order. Built once, when the model is constructed, and checked then: every input must come from an
/// <see cref="Input"/>, and every output must be computable from the inputs.
/// </summary>
internal sealed class FunctionalGraph
{
    public FunctionalGraph(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string modelName)
    {
        if (inputs.Count == 0)
            throw new ArgumentException($"Model \"{modelName}\" needs at least one input.", nameof(inputs));
        if (outputs.Count == 0)
            throw new ArgumentException($"Model \"{modelName}\" needs at least one output.", nameof(outputs));
        if (inputs.Concat(outputs).Any(t => t is null))
            throw new ArgumentNullException(nameof(inputs), $"Model \"{modelName}\": inputs and outputs must not contain null.");
        foreach (var t in inputs)
            if (t.Layer is not Input)
                throw new ArgumentException(
                    $"Model \"{modelName}\": every input must be the output of an Input(...), but {t} comes from layer \"{t.Layer.Name}\" ({t.Layer.GetType().Name}).", nameof(inputs));
        var duplicate = inputs.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Model \"{modelName}\": input {duplicate.Key} is listed more than once.", nameof(inputs));

        Inputs = inputs.ToArray();
        Outputs = outputs.ToArray();
        var declared = new HashSet<Node>(inputs.Select(t => t.Node));
        var order = new List<Node>();
        var done = new HashSet<Node>();
        var active = new HashSet<Node>();
        foreach (var output in outputs)
        {
            if (!DependsOnInputs(output.Node, declared, []))
                throw new ArgumentException(
                    $"Model \"{modelName}\": output {output} does not depend on any of the model's inputs ({string.Join(", ", inputs.Select(i => i.Layer.Name))}).", nameof(outputs));
            Visit(output.Node, declared, order, done, active, modelName);
        }
        Nodes = order.Where(n => !declared.Contains(n)).ToArray();
        Layers = inputs.Select(i => i.Layer).Concat(Nodes.Select(n => n.Layer)).Distinct().ToArray();
    }

    public IReadOnlyList<KerasTensor> Inputs { get; }
    public IReadOnlyList<KerasTensor> Outputs { get; }

    /// <summary>Layer calls in execution order (input declarations excluded).</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>Every layer once, inputs first, then in execution order (Keras' <c>model.layers</c> for functional models).</summary>
    public IReadOnlyList<Layer> Layers { get; }

    private static bool DependsOnInputs(Node node, HashSet<Node> declared, HashSet<Node> seen)
    {
        if (declared.Contains(node)) return true;
        if (!seen.Add(node)) return false;
        return node.Inputs.Any(t => DependsOnInputs(t.Node, declared, seen));
    }

    private static void Visit(Node node, HashSet<Node> declared, List<Node> order, HashSet<Node> done, HashSet<Node> active, string modelName)
    {
        if (done.Contains(node)) return;
        if (!declared.Contains(node))
        {
            if (node.Layer is Input)
                throw new ArgumentException(
                    $"Model \"{modelName}\": the graph is disconnected: it needs input \"{node.Layer.Name}\" {node.Outputs[0].Shape}, which is not among the model's inputs.", "inputs");
            if (!active.Add(node))
                throw new ArgumentException($"Model \"{modelName}\": the graph has a cycle through layer \"{node.Layer.Name}\".", "outputs");
            foreach (var t in node.Inputs) Visit(t.Node, declared, order, done, active, modelName);
            active.Remove(node);
        }
        done.Add(node);
        order.Add(node);
    }

    /// <summary>Runs the graph on concrete tensors, one per input, and returns one tensor per output.</summary>
    public IReadOnlyList<Tensor> Run(IReadOnlyList<Tensor> xs, bool training, string modelName)
    {
        if (xs.Count != Inputs.Count)
            throw new ArgumentException(
                $"Model \"{modelName}\" expects {Inputs.Count} input(s) ({string.Join(", ", Inputs.Select(i => $"{i.Layer.Name} {i.Shape}"))}), but received {xs.Count}.", "x");
        var values = new Dictionary<KerasTensor, Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < xs.Count; i++)
        {
            var input = (Input)Inputs[i].Layer;
            var x = xs[i];
            input.InputSpecCheck(Shape.Of(x));
            values[Inputs[i]] = x.is_floating_point() && input.DType == ScalarType.Float32 && x.dtype != ScalarType.Float32
                ? x.to_type(ScalarType.Float32)
                : x;
        }
        foreach (var node in Nodes)
        {
            var args = node.Inputs.Select(t => values[t]).ToArray();
            var outs = node.Layer.ApplyAll(args, training);
            if (outs.Count != node.Outputs.Count)
                throw new InvalidOperationException($"Layer \"{node.Layer.Name}\" returned {outs.Count} outputs, but its graph node expects {node.Outputs.Count}.");
            for (int i = 0; i < outs.Count; i++) values[node.Outputs[i]] = outs[i];
        }
        return Outputs.Select(o => values[o]).ToArray();
    }
}
