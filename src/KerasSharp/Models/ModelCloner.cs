using KerasSharp.Layers;
using KerasSharp.Saving;

namespace KerasSharp;

/// <summary>
/// Keras' <c>clone_model</c> (keras/src/models/cloning.py): a Sequential gets its layers cloned in order (its Input
/// recreated with the same name, shape and dtype); a functional model gets new Inputs and its graph replayed call by
/// call through the cloned layers (one clone per layer, so shared layers stay shared); a registered subclassed model is
/// rebuilt from its config.
/// </summary>
internal static class ModelCloner
{
    public static Model Clone(Model model, Func<Layer, Layer>? cloneFunction)
    {
        var cache = new Dictionary<Layer, Layer>(ReferenceEqualityComparer.Instance);
        Layer CloneLayer(Layer layer)
        {
            if (cache.TryGetValue(layer, out var done)) return done;
            var clone = cloneFunction is null ? FromItsConfig(layer) : cloneFunction(layer)
                ?? throw new ArgumentException($"Expected cloneFunction to return a Layer, but it returned null for layer \"{layer.Name}\".", nameof(cloneFunction));
            cache[layer] = clone;
            return clone;
        }

        if (model is Sequential seq)
        {
            var layers = new List<Layer>();
            // Keras keeps the InputLayer (declared or made by build) under its name, shape and dtype.
            if (seq.InputLayer is Input declared) layers.Add(NewInput(declared));
            else if (seq.Inputs.Count == 1 && seq.Inputs[0].Layer is Input made) layers.Add(NewInput(made));
            layers.AddRange(seq.Layers.Select(CloneLayer));
            var clone = new Sequential(layers, seq.Name);
            clone.SetOwnTrainable(seq.Trainable);
            return clone;
        }
        if (model.Graph is { } graph)
        {
            var map = new Dictionary<KerasTensor, KerasTensor>(ReferenceEqualityComparer.Instance);
            foreach (var t in graph.Inputs) map[t] = NewInput((Input)t.Layer).Output;
            foreach (var node in graph.Nodes)
            {
                var outs = CloneLayer(node.Layer).ApplyAll(node.Inputs.Select(t => map[t]).ToArray(), node.CallArguments, node.Training);
                for (int i = 0; i < node.Outputs.Count; i++) map[node.Outputs[i]] = outs[i];
            }
            return new Model(graph.Inputs.Select(t => map[t]), graph.Outputs.Select(t => map[t]), model.Name);
        }
        if (cloneFunction is not null)
            throw new ArgumentException(
                $"cloneFunction is only supported for Sequential or functional models, but model \"{model.Name}\" is a subclassed {model.GetType().Name}.", nameof(cloneFunction));
        // Keras: a subclassed model is cloned through its serialized config.
        return ModelSerializer.Deserialize(ModelSerializer.Serialize(model, includeCompile: false), compile: false);
    }

    private static Input NewInput(Input input) =>
        new(input.Shape, input.BatchShape[0] is long b ? checked((int)b) : null, input.Name, input.DTypeName);

    /// <summary>Keras' default clone: <c>layer.__class__.from_config(layer.get_config())</c> (unbuilt, new weights).</summary>
    private static Layer FromItsConfig(Layer layer)
    {
        var serialized = KerasSerializer.SerializeLayer(layer);
        serialized.Remove("build_config");
        return LayerDeserializer.Deserialize(serialized);
    }
}
