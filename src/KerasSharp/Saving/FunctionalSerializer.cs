using System.Text.Json.Nodes;
using KerasSharp.Layers;

namespace KerasSharp.Saving;

/// <summary>
/// A functional model's config as Keras' <c>Functional.get_config()</c> writes it, and back: <c>name</c>,
/// <c>trainable</c>, <c>layers</c> (each serialized layer with its <c>name</c> and <c>inbound_nodes</c>, every node's
/// <c>args</c> holding <c>__keras_tensor__</c> references with <c>keras_history = [layer, node, tensor]</c>),
/// <c>input_layers</c> and <c>output_layers</c>. Keras 2's node form (<c>[[name, node, tensor, kwargs], ...]</c>) is read too.
/// </summary>
internal static class FunctionalSerializer
{
    public static JsonObject Config(Model model)
    {
        var graph = model.Graph ?? throw new InvalidOperationException($"Model \"{model.Name}\" is not a functional model.");
        var layers = new JsonArray();
        foreach (var layer in graph.Layers)
        {
            var o = KerasSerializer.SerializeLayer(layer);
            o["name"] = layer.Name;
            var nodes = new JsonArray();
            foreach (var node in graph.Nodes.Where(n => n.Layer == layer))
            {
                var refs = node.Inputs.Select(t => (JsonNode)TensorRef(graph, t)).ToArray();
                var kwargs = new JsonObject();
                if (TakesInitialState(layer) && refs.Length > 1)
                {
                    // A recurrent layer's extra inputs are its initial states: Keras' call is layer(x, initial_state=[h, c]).
                    kwargs["initial_state"] = new JsonArray(refs[1..]);
                    refs = refs[..1];
                }
                // Tensors Keras takes as separate arguments (mha(query, value, key)) go one by one, others as one list.
                bool separate = layer is ICallArgumentsLayer { CallTensorParameters.Count: > 0 };
                if (separate && refs.Length > 2)
                {
                    // Keras' convention for optional tensors (mha(query, value, key=k)): after the first two, by keyword.
                    var names = ((ICallArgumentsLayer)layer).CallTensorParameters;
                    for (int i = 2; i < refs.Length; i++) kwargs[names[i]] = refs[i];
                    refs = refs[..2];
                }
                var args = refs.Length == 1 || separate ? new JsonArray(refs) : new JsonArray(new JsonArray(refs));
                foreach (var (key, value) in node.CallArguments) kwargs[key] = ConfigJson.ToNode(value);
                if (node.Training is bool training) kwargs["training"] = training;
                nodes.Add(new JsonObject { ["args"] = args, ["kwargs"] = kwargs });
            }
            o["inbound_nodes"] = nodes;
            layers.Add(o);
        }
        return new JsonObject
        {
            ["name"] = model.Name,
            ["trainable"] = model.Trainable,
            ["layers"] = layers,
            ["input_layers"] = new JsonArray(graph.Inputs.Select(t => (JsonNode)History(graph, t)).ToArray()),
            ["output_layers"] = new JsonArray(graph.Outputs.Select(t => (JsonNode)History(graph, t)).ToArray()),
        };
    }

    /// <summary>Layers whose inputs after the first are initial states (Keras' <c>initial_state</c> call argument).</summary>
    private static bool TakesInitialState(Layer layer) => layer is RNN or Bidirectional;

    private static int NodeIndex(Models.Functional.FunctionalGraph graph, KerasTensor t) =>
        t.Layer is Input ? 0 : graph.Nodes.Where(n => n.Layer == t.Layer).ToList().IndexOf(t.Node);

    private static JsonArray History(Models.Functional.FunctionalGraph graph, KerasTensor t) =>
        new(t.Layer.Name, NodeIndex(graph, t), t.OutputIndex);

    private static JsonObject TensorRef(Models.Functional.FunctionalGraph graph, KerasTensor t) => new()
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new JsonObject
        {
            ["shape"] = ConfigJson.ToNode(t.Shape),
            ["dtype"] = t.DType.ToString().ToLowerInvariant(),
            ["keras_history"] = History(graph, t),
        },
    };

    /// <summary>Rebuilds the graph: creates every layer, then replays each layer call once its inputs exist.</summary>
    public static Model FromConfig(JsonObject config)
    {
        if (config["layers"] is not JsonArray layerList)
            throw new InvalidDataException($"The functional model's config has no \"layers\" list: {ConfigJson.Describe(config)}.");
        var layers = new Dictionary<string, Layer>(StringComparer.Ordinal);
        var produced = new Dictionary<string, List<IReadOnlyList<KerasTensor>>>(StringComparer.Ordinal);
        // Each layer's calls, in its inbound_nodes order (a shared layer's k-th call must be replayed k-th).
        var calls = new Dictionary<string, Queue<JsonNode>>(StringComparer.Ordinal);
        foreach (var item in layerList)
        {
            if (item is not JsonObject lo)
                throw new InvalidDataException($"A layer of the functional model should be an object, but found {ConfigJson.Describe(item)}.");
            var name = ConfigJson.GetString(lo, "name") ?? (lo["config"] is JsonObject c ? ConfigJson.GetString(c, "name") : null)
                ?? throw new InvalidDataException($"A layer of the functional model has no name: {ConfigJson.Describe(lo)}.");
            if (layers.ContainsKey(name))
                throw new InvalidDataException($"The functional model's config lists two layers named '{name}'.");
            var layer = LayerDeserializer.Deserialize(lo);
            layers[name] = layer;
            produced[name] = layer is Input input ? [[input.Output]] : [];
            calls[name] = new Queue<JsonNode>();
            if (lo["inbound_nodes"] is JsonArray nodes)
                foreach (var n in nodes)
                    calls[name].Enqueue(n ?? throw new InvalidDataException($"Layer '{name}' has a null inbound node."));
        }
        ReplayCalls(layers, produced, calls);
        var ins = Endpoints(config, "input_layers").Select(r => Tensor(produced, r, "input_layers")).ToArray();
        var outs = Endpoints(config, "output_layers").Select(r => Tensor(produced, r, "output_layers")).ToArray();
        var model = new Model(ins, outs, ConfigJson.GetString(config, "name"));
        if (config["trainable"] is JsonValue tv && tv.TryGetValue(out bool trainable)) model.SetOwnTrainable(trainable);
        return model;
    }

    /// <summary>
    /// Replays every layer call once its inputs exist, in time linear in the number of calls whatever their order in
    /// the file: a layer whose next call waits for another call is parked on that call and woken when it is made.
    /// </summary>
    private static void ReplayCalls(Dictionary<string, Layer> layers, Dictionary<string, List<IReadOnlyList<KerasTensor>>> produced,
        Dictionary<string, Queue<JsonNode>> calls)
    {
        var waiting = new Dictionary<(string Layer, int Node), List<string>>();
        var ready = new Queue<string>();
        var parsed = new Dictionary<JsonNode, (List<Ref> Refs, Dictionary<string, object?> Options)>(ReferenceEqualityComparer.Instance);

        (List<Ref> Refs, Dictionary<string, object?> Options) Parse(string name, JsonNode node)
        {
            if (!parsed.TryGetValue(node, out var call)) parsed[node] = call = CallOf(node, name, layers[name]);
            return call;
        }

        void Schedule(string name)
        {
            if (calls[name].Count == 0) return;
            foreach (var r in Parse(name, calls[name].Peek()).Refs)
            {
                if (!produced.ContainsKey(r.Layer))
                    throw new InvalidDataException($"The functional model's graph cannot be rebuilt: layer '{name}' takes {r.Layer}[{r.Node}][{r.Tensor}], but the config has no layer '{r.Layer}'.");
                if (r.Node >= produced[r.Layer].Count)
                {
                    var key = (r.Layer, r.Node);
                    if (!waiting.TryGetValue(key, out var list)) waiting[key] = list = [];
                    list.Add(name);
                    return;
                }
            }
            ready.Enqueue(name);
        }

        foreach (var name in calls.Keys) Schedule(name);
        while (ready.Count > 0)
        {
            var name = ready.Dequeue();
            var node = calls[name].Dequeue();
            var (refs, options) = Parse(name, node);
            var inputs = refs.Select(r => Tensor(produced, r, $"inbound_nodes of '{name}'")).ToArray();
            // Keras fills a layer's own default (Dropout, RNN: training=False) into every node it records, so only a
            // nested model's recorded training (its call default is None) is surely the user's base(x, training=False).
            produced[name].Add(layers[name].ApplyAll(inputs, options, layers[name] is Model ? TrainingOf(node) : null));
            if (waiting.Remove((name, produced[name].Count - 1), out var woken))
                foreach (var w in woken) Schedule(w);
            Schedule(name);
        }
        var stuck = calls.FirstOrDefault(kv => kv.Value.Count > 0);
        if (stuck.Key is not null)
            throw new InvalidDataException(
                $"The functional model's graph cannot be rebuilt: layer '{stuck.Key}' needs inputs that no layer produces " +
                $"({string.Join(", ", Parse(stuck.Key, stuck.Value.Peek()).Refs.Select(r => $"{r.Layer}[{r.Node}][{r.Tensor}]"))}); the graph has a cycle or a missing call.");
    }

    private readonly record struct Ref(string Layer, int Node, int Tensor);

    /// <summary>Keras' <c>training</c> call argument of a call (<c>"kwargs": {"training": false}</c>), or null when not given.</summary>
    private static bool? TrainingOf(JsonNode node)
    {
        if (node is not JsonObject o || o["kwargs"] is not JsonObject kwargs || kwargs["training"] is not JsonNode t) return null;
        return t is JsonValue v && v.TryGetValue(out bool b)
            ? b
            : throw new InvalidDataException($"A call's \"training\" argument should be true, false or null, but found {ConfigJson.Describe(t)}.");
    }

    private static KerasTensor Tensor(Dictionary<string, List<IReadOnlyList<KerasTensor>>> produced, Ref r, string where)
    {
        if (!produced.TryGetValue(r.Layer, out var calls) || r.Node >= calls.Count || r.Tensor >= calls[r.Node].Count)
            throw new InvalidDataException($"The functional model's {where} refer to {r.Layer}[{r.Node}][{r.Tensor}], which the graph does not produce.");
        return calls[r.Node][r.Tensor];
    }

    private static List<Ref> Endpoints(JsonObject config, string key)
    {
        if (config[key] is not JsonArray list || list.Count == 0)
            throw new InvalidDataException($"The functional model's config has no \"{key}\" list.");
        // Keras writes a single endpoint either as [name, node, tensor] or as a list of them.
        if (list[0] is JsonValue) return [ParseHistory(list, key)];
        return list.Select(e => ParseHistory(e as JsonArray, key)).ToList();
    }

    private static Ref ParseHistory(JsonArray? h, string where)
    {
        if (h is null || h.Count < 3 || !ConfigJson.IsString(h[0], out var name)
            || h[1] is not JsonValue nv || !nv.TryGetValue(out int node) || node < 0
            || h[2] is not JsonValue tv || !tv.TryGetValue(out int tensor) || tensor < 0)
            throw new InvalidDataException($"Expected [layer_name, node_index, tensor_index] (a name and two non-negative integers) in {where}, but found {ConfigJson.Describe(h)}.");
        return new Ref(name, node, tensor);
    }

    /// <summary>
    /// The tensors and options of one call. The positional <c>args</c> give the inputs; for an
    /// <see cref="ICallArgumentsLayer"/> the <c>kwargs</c> add tensors passed by keyword (appended in the order of its
    /// <see cref="ICallArgumentsLayer.CallTensorParameters"/>: <c>key</c> after <c>query</c>, <c>value</c>) and options
    /// (<c>return_attention_scores</c>, <c>use_causal_mask</c>); null values, <c>training</c> and an all-null
    /// <c>mask</c> are Keras' defaults and skipped. Other layers' <c>kwargs</c> are not read.
    /// </summary>
    private static (List<Ref> Refs, Dictionary<string, object?> Options) CallOf(JsonNode node, string layerName, Layer layer)
    {
        var refs = Refs(node, layerName);
        var options = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (layer is not ICallArgumentsLayer withArguments || node is not JsonObject o || o["kwargs"] is not JsonObject kwargs)
            return (refs, options);
        var where = $"inbound_nodes of '{layerName}'";
        var byKeyword = new Dictionary<string, Ref>(StringComparer.Ordinal);
        foreach (var (key, value) in kwargs)
        {
            if (value is null || key == "training") continue;
            if (key == "mask" && value is JsonArray masks && masks.All(m => m is null)) continue;
            if (value is JsonObject t && ConfigJson.GetString(t, "class_name") == "__keras_tensor__" && t["config"] is JsonObject tc)
                byKeyword[key] = ParseHistory(tc["keras_history"] as JsonArray, where);
            else if (value is JsonValue v)
                options[key] = v.TryGetValue(out bool b) ? b : v.TryGetValue(out long l) ? l : v.TryGetValue(out double d) ? d
                    : ConfigJson.IsString(v, out var str) ? str : throw new InvalidDataException($"The {where} pass {key}={ConfigJson.Describe(v)}, which KerasSharp cannot replay.");
            else
                throw new InvalidDataException($"The {where} pass {key}={ConfigJson.Describe(value)}, which KerasSharp cannot replay.");
        }
        var names = withArguments.CallTensorParameters;
        for (int i = refs.Count; i < names.Count && byKeyword.Count > 0; i++)
        {
            if (!byKeyword.Remove(names[i], out var r))
                throw new InvalidDataException($"The {where} pass {string.Join(", ", byKeyword.Keys)} by keyword without {names[i]}, which KerasSharp cannot replay.");
            refs.Add(r);
        }
        if (byKeyword.Count > 0)
            throw new InvalidDataException($"The {where} pass the tensor argument(s) {string.Join(", ", byKeyword.Keys)}, which layer '{layerName}' ({layer.GetType().Name}) does not take; it takes {string.Join(", ", names)}.");
        return (refs, options);
    }

    private static List<Ref> Refs(JsonNode node, string layer)
    {
        var refs = new List<Ref>();
        if (node is JsonObject o && o["args"] is JsonArray args)
        {
            foreach (var a in args) Collect(a);
            // Recurrent layers: initial_state tensors follow the sequence as extra inputs (KerasSharp's RNN convention).
            if (o["kwargs"] is JsonObject kw && kw["initial_state"] is { } states) Collect(states);
        }
        else if (node is JsonArray keras2)
        {
            foreach (var e in keras2) refs.Add(ParseHistory(e as JsonArray, $"inbound_nodes of '{layer}'"));
        }
        else
        {
            throw new InvalidDataException($"An inbound node of layer '{layer}' has an unknown form: {ConfigJson.Describe(node)}.");
        }
        return refs;

        void Collect(JsonNode? a)
        {
            if (a is JsonObject t && ConfigJson.GetString(t, "class_name") == "__keras_tensor__" && t["config"] is JsonObject tc)
                refs.Add(ParseHistory(tc["keras_history"] as JsonArray, $"inbound_nodes of '{layer}'"));
            else if (a is JsonArray list)
                foreach (var x in list) Collect(x);
        }
    }
}
