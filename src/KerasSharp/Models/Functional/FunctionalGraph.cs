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
        Layers = KerasLayerOrder(inputs, outputs, declared);
    }

    public IReadOnlyList<KerasTensor> Inputs { get; }
    public IReadOnlyList<KerasTensor> Outputs { get; }

    /// <summary>Layer calls in execution order (input declarations excluded).</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>
    /// Every layer once, in Keras' <c>model.layers</c> order for functional models (<c>map_graph</c>): by depth from the
    /// outputs, deepest first (so Input layers usually lead), and within one depth by first visit of a depth-first walk
    /// from the outputs. Weight group names in <c>.keras</c> files, <c>GetWeights()</c>, the summary and the optimizer's
    /// slots all follow this order, so it must be Keras' exactly, not the order the layers were created or run in.
    /// </summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>
    /// Keras' <c>map_graph</c> layer order. A depth-first walk from each output in turn (inputs of a call in argument
    /// order) numbers each layer at its first visit and lists each call after its inputs. Then, from the last-listed
    /// call back, a call's depth is the largest of its own, its layer's (shared layers take their deepest call) and
    /// one more than each consumer's; layers are sorted by depth descending, ties by visit number. Inputs that feed no
    /// output come at depth 0 after the others, as Keras does (index -1 sorts first among depth 0 there).
    /// </summary>
    private static Layer[] KerasLayerOrder(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, HashSet<Node> declared)
    {
        var visitIndex = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        var finished = new HashSet<Node>();
        var listed = new List<Node>();
        var stack = new Stack<(Node Node, int Next)>();
        foreach (var output in outputs)
        {
            if (finished.Contains(output.Node)) continue;
            visitIndex.TryAdd(output.Layer, visitIndex.Count);
            stack.Push((output.Node, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var parents = declared.Contains(node) ? [] : node.Inputs;
                if (next < parents.Count)
                {
                    stack.Push((node, next + 1));
                    var parent = parents[next].Node;
                    // The stack is the current path; the graph was checked for cycles above, so a parent is never on it.
                    if (!finished.Contains(parent))
                    {
                        visitIndex.TryAdd(parent.Layer, visitIndex.Count);
                        stack.Push((parent, 0));
                    }
                    continue;
                }
                finished.Add(node);
                listed.Add(node);
            }
        }

        var nodeDepth = new Dictionary<Node, int>();
        var layerDepth = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        for (int i = listed.Count - 1; i >= 0; i--)
        {
            var node = listed[i];
            int depth = Math.Max(nodeDepth.GetValueOrDefault(node), layerDepth.GetValueOrDefault(node.Layer));
            layerDepth[node.Layer] = depth;
            nodeDepth[node] = depth;
            if (declared.Contains(node)) continue;
            foreach (var t in node.Inputs)
                nodeDepth[t.Node] = Math.Max(depth + 1, nodeDepth.GetValueOrDefault(t.Node));
        }
        foreach (var input in inputs)
            if (layerDepth.TryAdd(input.Layer, 0)) visitIndex[input.Layer] = -1;

        return layerDepth.OrderByDescending(kv => kv.Value).ThenBy(kv => visitIndex[kv.Key]).Select(kv => kv.Key).ToArray();
    }

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

    /// <summary>The mask reaching a call: its inputs' masks, combined with a logical AND when several have one.</summary>
    private static Tensor? MaskOf(Node node, Dictionary<KerasTensor, Tensor> masks)
    {
        Tensor? mask = null;
        foreach (var t in node.Inputs)
            if (masks.TryGetValue(t, out var m))
                mask = mask is null ? m : mask.shape.SequenceEqual(m.shape) ? mask.logical_and(m) : mask;
        return mask;
    }

    /// <summary>True when <paramref name="output"/> still has the axes <paramref name="mask"/> covers (batch, time).</summary>
    private static bool KeepsTimeAxis(Tensor mask, Tensor output) =>
        output.dim() > mask.dim() && output.shape.Take((int)mask.dim()).SequenceEqual(mask.shape);

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
        // Keras' masks (Embedding(maskZero), Masking), kept per symbolic tensor; allocated only once a layer makes one.
        Dictionary<KerasTensor, Tensor>? masks = null;
        foreach (var node in Nodes)
        {
            // Keras' call argument training=... recorded with the call (base(x, training=False)) wins over the model's mode.
            bool nodeTraining = node.Training ?? training;
            var args = node.Inputs.Select(t => values[t]).ToArray();
            Tensor? inputMask = masks is null ? null : MaskOf(node, masks);
            IReadOnlyList<Tensor> outs;
            Tensor? outputMask = null;
            if (inputMask is not null && node.Layer is IInputMaskedAttention attention)
            {
                // Attention layers take each input's own mask (query, value, key); the output keeps the query's.
                var inputMasks = node.Inputs.Select(t => masks!.TryGetValue(t, out var m) ? m : null).ToArray();
                outs = attention.ApplyWithInputMasks(args, inputMasks, node.CallArguments, nodeTraining);
                if (inputMasks[0] is Tensor queryMask && KeepsTimeAxis(queryMask, outs[0])) outputMask = queryMask;
            }
            else if (inputMask is not null && node.Layer is IMaskConsumer consumer && node.CallArguments.Count == 0)
            {
                // A recurrent layer skips masked steps; its first output carries the mask it computes.
                outs = consumer.ApplyMasked(args, inputMask, nodeTraining);
                outputMask = consumer.ComputeOutputMask(inputMask);
            }
            else
            {
                outs = node.CallArguments.Count > 0 && node.Layer is ICallArgumentsLayer withArguments
                    ? withArguments.ApplyWithArguments(args, node.CallArguments, nodeTraining)
                    : node.Layer.ApplyAll(args, nodeTraining);
                // Other layers pass the mask on while they keep the time axis (as Sequential does); merges AND theirs.
                if (inputMask is not null && outs.Count > 0 && KeepsTimeAxis(inputMask, outs[0])) outputMask = inputMask;
            }
            if (outs.Count != node.Outputs.Count)
                throw new InvalidOperationException($"Layer \"{node.Layer.Name}\" returned {outs.Count} outputs, but its graph node expects {node.Outputs.Count}.");
            for (int i = 0; i < outs.Count; i++) values[node.Outputs[i]] = outs[i];
            if (node.Layer is IMaskProducer producer && args.Length > 0 && producer.ComputeMask(args[0]) is Tensor produced)
                outputMask = produced;
            if (outputMask is not null) (masks ??= new(ReferenceEqualityComparer.Instance))[node.Outputs[0]] = outputMask;
        }
        return Outputs.Select(o => values[o]).ToArray();
    }
}
