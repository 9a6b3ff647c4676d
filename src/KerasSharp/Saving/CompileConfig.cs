using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;

namespace KerasSharp.Saving;

/// <summary>
/// Keras' <c>compile_config</c> (<c>optimizer</c>, <c>loss</c>, <c>loss_weights</c>, <c>metrics</c>,
/// <c>weighted_metrics</c>, <c>run_eagerly</c>, <c>steps_per_execution</c>, <c>jit_compile</c>) and Keras 2's
/// <c>training_config</c> (<c>optimizer_config</c>, ...). Losses and metrics that came from a registry name are written
/// as that name (as Keras records <c>compile(loss="mse")</c>); others as serialized objects.
/// </summary>
internal static class CompileConfig
{
    /// <summary>The compile configuration of a compiled model.</summary>
    public static JsonObject Serialize(Model model) => model.OutputLosses.Count > 1 ? SerializeMultiOutput(model) : new()
    {
        ["optimizer"] = KerasSerializer.Serialize(model.Optimizer!),
        ["loss"] = model.Loss is null ? null : LossNode(model.Loss),
        ["loss_weights"] = model.LossWeight == 1.0 ? null : new JsonArray(JsonValue.Create(model.LossWeight)),
        ["metrics"] = model.CompiledMetrics.Count == 0 ? null : new JsonArray(model.CompiledMetrics.Select(MetricNode).ToArray()),
        ["weighted_metrics"] = model.WeightedMetrics.Count == 0 ? null : new JsonArray(model.WeightedMetrics.Select(MetricNode).ToArray()),
        ["run_eagerly"] = false,
        ["steps_per_execution"] = 1,
        ["jit_compile"] = false,
    };

    /// <summary>A model with several outputs: one loss and one loss weight per output, in output order (Keras' list form).
    /// Per-output metrics are not recorded (they are recompiled without metrics when loaded).</summary>
    private static JsonObject SerializeMultiOutput(Model model) => new()
    {
        ["optimizer"] = KerasSerializer.Serialize(model.Optimizer!),
        ["loss"] = new JsonArray(model.OutputLosses.Select(l => l is null ? null : LossNode(l)).ToArray()),
        ["loss_weights"] = new JsonArray(model.LossWeights.Select(w => (JsonNode)JsonValue.Create(w)).ToArray()),
        ["metrics"] = null,
        ["weighted_metrics"] = null,
        ["run_eagerly"] = false,
        ["steps_per_execution"] = 1,
        ["jit_compile"] = false,
    };

    private static JsonNode LossNode(Loss loss)
    {
        if (loss.GetType() == typeof(LossFunctionWrapper))
            return FunctionNode(CustomObjects.RegisteredNameOfBare(loss.Name) ?? loss.Name);
        if (LossRegistry.Names.Contains(loss.Name))
        {
            var fromName = LossRegistry.Get(loss.Name);
            if (fromName.GetType() == loss.GetType() && SameConfig(KerasSerializer.GetConfig(fromName), KerasSerializer.GetConfig(loss)))
                return loss.Name;
        }
        return KerasSerializer.Serialize(loss);
    }

    private static JsonNode MetricNode(Metric metric)
    {
        if (MetricRegistry.Names.Contains(metric.Name))
        {
            var fromName = MetricRegistry.Get(metric.Name);
            if (fromName.GetType() == metric.GetType() && SameConfig(KerasSerializer.GetConfig(fromName), KerasSerializer.GetConfig(metric)))
                return metric.Name;
        }
        if (metric.GetType() == typeof(MeanMetricWrapper))
            return FunctionNode(CustomObjects.RegisteredNameOfBare(metric.Name) ?? metric.Name);
        return KerasSerializer.Serialize(metric);
    }

    // How Keras 3 records a plain function: {"module": "builtins", "class_name": "function", "config": name, "registered_name": "function"}.
    private static JsonObject FunctionNode(string name) => new()
    {
        ["module"] = "builtins",
        ["class_name"] = "function",
        ["config"] = name,
        ["registered_name"] = "function",
    };

    private static bool SameConfig(Dictionary<string, object?> a, Dictionary<string, object?> b) =>
        JsonNode.DeepEquals(ConfigJson.ToNode(a), ConfigJson.ToNode(b));

    /// <summary>Compiles <paramref name="model"/> from a Keras 3 <c>compile_config</c> or a Keras 2 <c>training_config</c>.</summary>
    /// <exception cref="InvalidDataException">Unknown optimizer, loss or metric, or a custom function that cannot be restored.</exception>
    public static void Apply(Model model, JsonObject cc)
    {
        // Keras 3.15 writes compile_config: {} for a model that was never compiled.
        if (cc.Count == 0) return;
        try { ApplyChecked(model, cc); }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidCastException or FormatException)
        {
            throw new InvalidDataException(
                $"Cannot compile the model from its training configuration: {e.Message.TrimEnd('.')}. " +
                "LoadModel(path, compile: false) loads the model and its weights without it; then call Compile yourself.", e);
        }
    }

    private static void ApplyChecked(Model model, JsonObject cc)
    {
        var optNode = cc["optimizer"] ?? cc["optimizer_config"];
        Optimizer optimizer = optNode is null
            ? OptimizerRegistry.Get("rmsprop")
            : (Optimizer)Deserialize(optNode, "optimizer");
        if (model.OutputCount > 1 && cc["loss"] is JsonObject byName && !byName.ContainsKey("class_name"))
        {
            // Keras' dict form, keyed by output name (every output needs a key; a null value: no loss for it).
            var names = model.OutputNames;
            foreach (var key in byName.Select(e => e.Key))
                if (!names.Contains(key))
                    throw new InvalidDataException($"compile_config.loss has the key '{key}', which is not an output of the model (outputs: {string.Join(", ", names)}).");
            var missing = names.FirstOrDefault(n => !byName.ContainsKey(n));
            if (missing is not null)
                throw new InvalidDataException($"compile_config.loss has no entry for the output '{missing}' (outputs: {string.Join(", ", names)}).");
            var weightsByName = cc["loss_weights"] as JsonObject;
            model.Compile(optimizer, names.Select(n => byName[n] is { } node ? (Loss)Deserialize(node, "loss") : null).ToArray(),
                lossWeights: weightsByName is null ? null
                    : names.Select(n => weightsByName[n] is { } w ? (double)ConfigValueConverter.Convert(w, typeof(double))! : 1.0).ToArray());
            return;
        }
        if (model.OutputCount > 1 && cc["loss"] is JsonArray perOutput)
        {
            if (perOutput.Count != model.OutputCount)
                throw new InvalidDataException($"compile_config.loss has {perOutput.Count} entries, but the model has {model.OutputCount} outputs.");
            // A null entry is an output compiled without a loss (Keras' loss=[None, ...]).
            var losses = perOutput.Select(n => n is null ? null : (Loss)Deserialize(n, "loss")).ToArray();
            var weights = cc["loss_weights"] is JsonArray lws
                ? lws.Select(n => (double)ConfigValueConverter.Convert(n, typeof(double))!).ToArray()
                : null;
            model.Compile(optimizer, losses, lossWeights: weights);
            return;
        }
        // No loss: a model compiled with loss=None (it trains on the loss terms it adds itself).
        var lossNode = Single(cc["loss"], "loss");
        var loss = lossNode is null ? null : (Loss)Deserialize(lossNode, "loss");
        var metrics = Metrics(cc["metrics"]);
        var weighted = Metrics(cc["weighted_metrics"]);
        IReadOnlyList<double>? lossWeights = null;
        if (Single(cc["loss_weights"], "loss_weights") is JsonNode lw)
        {
            if (lw.GetValueKind() != JsonValueKind.Number)
                throw new InvalidDataException($"compile_config.loss_weights should be a number, but found {ConfigJson.Describe(lw)}.");
            lossWeights = [(double)ConfigValueConverter.Convert(lw, typeof(double))!];
        }
        model.Compile(optimizer, loss, metrics, lossWeights, weighted);
    }

    // A single-output model: a one-element list or one-entry dict stands for its only value.
    private static JsonNode? Single(JsonNode? node, string key)
    {
        switch (node)
        {
            case JsonArray a:
                if (a.Count != 1) throw new InvalidDataException($"compile_config.{key} has {a.Count} entries, but the model has one output.");
                return a[0];
            case JsonObject o when !o.ContainsKey("class_name"):
                if (o.Count != 1) throw new InvalidDataException($"compile_config.{key} has {o.Count} entries, but the model has one output.");
                return o.First().Value;
            default:
                return node;
        }
    }

    /// <summary>
    /// tf.keras 2.x <c>training_config</c> forms, rewritten to Keras 3's: optimizers registered as <c>"Custom&gt;Adam"</c>
    /// (tf.keras 2.11+), metrics as <c>MeanMetricWrapper</c> with the function name in <c>fn</c>, and losses with
    /// <c>reduction: "auto"</c> (Keras 3's <c>sum_over_batch_size</c>).
    /// </summary>
    private static JsonNode FromTfKeras2(JsonNode node, string family)
    {
        if (node is not JsonObject o || ConfigJson.GetString(o, "class_name") is not string className) return node;
        if (family == "optimizer" && className.StartsWith("Custom>", StringComparison.Ordinal))
        {
            var copy = (JsonObject)o.DeepClone();
            copy["class_name"] = className["Custom>".Length..];
            return copy;
        }
        if (family == "metric" && className == "MeanMetricWrapper" && o["config"] is JsonObject mc && ConfigJson.GetString(mc, "fn") is string fn)
            return ConfigJson.GetString(mc, "name") is string metricName && MetricRegistry.Names.Contains(metricName) ? metricName : fn;
        if (family == "loss" && o["config"] is JsonObject lc && ConfigJson.GetString(lc, "reduction") == "auto")
        {
            var copy = (JsonObject)o.DeepClone();
            copy["config"]!["reduction"] = "sum_over_batch_size";
            return copy;
        }
        return node;
    }

    private static List<Metric> Metrics(JsonNode? node)
    {
        var list = new List<Metric>();
        void Add(JsonNode? n)
        {
            switch (n)
            {
                case null: return;
                case JsonArray a: foreach (var x in a) Add(x); return;
                case JsonObject o when !o.ContainsKey("class_name"): foreach (var kv in o) Add(kv.Value); return;
                default: list.Add((Metric)Deserialize(n, "metric")); return;
            }
        }
        Add(node);
        return list;
    }

    private static object Deserialize(JsonNode node, string family)
    {
        node = FromTfKeras2(node, family);
        // Keras 3 writes functions (keras.losses.mean_squared_error, custom functions) as {"class_name": "function", "config": name}.
        if (node is JsonObject o && ConfigJson.GetString(o, "class_name") == "function")
        {
            var name = o["config"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "?";
            // A registered function or one given as a custom object (Keras' custom_objects), under its bare name.
            if (CustomObjects.FindFunction2(name) is { } custom)
            {
                var bare = name.Contains('>') ? name[(name.IndexOf('>') + 1)..] : name;
                return family == "loss" ? new LossFunctionWrapper(custom, bare) : new MeanMetricWrapper(custom, bare);
            }
            try
            {
                return family == "loss" ? LossRegistry.Get(name) : MetricRegistry.Get(name);
            }
            catch (ArgumentException)
            {
                throw new InvalidDataException(
                    $"The {family} '{name}' is a custom function, which a file cannot restore unless it is registered (Keras.Saving.RegisterSerializable) " +
                    "or given in customObjects; otherwise load with compile: false and compile again with the function.");
            }
        }
        return KerasSerializer.Deserialize(node, SerializationRegistry.FamilyNamed(family));
    }
}
