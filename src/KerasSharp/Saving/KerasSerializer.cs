using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;

namespace KerasSharp.Saving;

/// <summary>
/// Keras' <c>serialize_keras_object</c> / <c>deserialize_keras_object</c> for every family: an object becomes
/// <c>{"module", "class_name", "config", "registered_name"}</c> (layers add <c>build_config</c>), and such a dict (or
/// a registry name such as <c>"glorot_uniform"</c>, <c>"adam"</c>, <c>"mse"</c>) becomes an object again.
/// </summary>
internal static class KerasSerializer
{
    /// <summary>Serializes a layer, model, initializer, loss, metric, optimizer, schedule, regularizer or constraint; null for other values.</summary>
    public static JsonObject? TrySerialize(object value)
    {
        if (value is Model model) return ModelSerializer.Serialize(model, includeCompile: false);
        if (value is Layer layer) return SerializeLayer(layer);
        var family = SerializationRegistry.FamilyOf(value.GetType());
        if (family is null) return null;
        return new JsonObject
        {
            ["module"] = SerializationRegistry.ModuleOf(value.GetType()),
            ["class_name"] = SerializationRegistry.ClassNameOf(value.GetType()),
            ["config"] = ConfigJson.ToNode(GetConfig(value)),
            ["registered_name"] = SerializationRegistry.RegisteredNameOf(value.GetType()),
        };
    }

    /// <summary>Serializes <paramref name="value"/> or throws naming its type.</summary>
    public static JsonObject Serialize(object value) =>
        TrySerialize(value) ?? throw new ArgumentException($"Cannot serialize a {value.GetType().Name}: it is not a Keras object.", nameof(value));

    /// <summary>A layer as Keras writes it inside a model config (with <c>build_config</c> once built).</summary>
    public static JsonObject SerializeLayer(Layer layer)
    {
        // A model used as a layer is written whole (its layers and graph), as Keras nests Sequential/Functional configs.
        if (layer is Model nested) return ModelSerializer.Serialize(nested, includeCompile: false);
        var type = layer.GetType();
        var config = ConfigJson.ToNode(layer.GetConfig());
        if (config is JsonObject co && co["dtype"] is JsonValue dv && dv.TryGetValue(out string? dtype) && WritesDTypePolicy(layer))
            co["dtype"] = DTypePolicy(dtype);
        if (config is JsonObject withFunctions)
        {
            // A registered function (an activation "package>name") is written as Keras writes one: a "function" object.
            foreach (var key in withFunctions.Select(kv => kv.Key).ToArray())
                if (withFunctions[key] is JsonValue fv && fv.TryGetValue(out string? fn) && fn.Contains('>') && CustomObjects.IsRegisteredFunction(fn))
                    withFunctions[key] = CustomObjects.FunctionNode(fn);
        }
        var o = new JsonObject
        {
            ["module"] = SerializationRegistry.ModuleOf(type),
            ["class_name"] = SerializationRegistry.ClassNameOf(type),
            ["config"] = config,
            ["registered_name"] = SerializationRegistry.RegisteredNameOf(type),
        };
        // Keras' get_build_config: its input shape(s) once built, none for layers built in their constructor
        // (InputLayer, Softmax); a layer may override it to record what its build needs.
        if (layer.GetBuildConfig() is { } buildConfig)
            o["build_config"] = ConfigJson.ToNode(buildConfig);
        return o;
    }

    /// <summary>
    /// Keras' <c>build_config.shapes_dict</c> for layers whose <c>build</c> takes named shapes: a recurrent layer called
    /// with initial states (<c>sequences_shape</c>, <c>initial_state_shape</c>) and layers with named tensor arguments
    /// such as MultiHeadAttention (<c>query_shape</c>, <c>value_shape</c>, <c>key_shape</c>); null for other layers.
    /// </summary>
    internal static JsonObject? ShapesDict(Layer layer, IReadOnlyList<Shape> shapes)
    {
        if (layer is RNN or Bidirectional)
            return new JsonObject
            {
                ["sequences_shape"] = ConfigJson.ToNode(shapes[0]),
                ["initial_state_shape"] = new JsonArray(shapes.Skip(1).Select(x => ConfigJson.ToNode(x)).ToArray()),
            };
        if (layer is ICallArgumentsLayer { CallTensorParameters.Count: > 0 } named && shapes.Count <= named.CallTensorParameters.Count)
        {
            var dict = new JsonObject();
            for (int i = 0; i < shapes.Count; i++) dict[named.CallTensorParameters[i] + "_shape"] = ConfigJson.ToNode(shapes[i]);
            return dict;
        }
        return null;
    }

    /// <summary>The shapes of a <c>build_config.shapes_dict</c> in argument order (nested lists of shapes flattened).</summary>
    internal static List<Shape> ShapesOf(JsonObject shapesDict, string what)
    {
        var shapes = new List<Shape>();
        foreach (var (key, value) in shapesDict)
        {
            if (value is JsonArray list && list.Count > 0 && list.All(d => d is JsonArray))
                shapes.AddRange(list.Select((d, i) => ConfigJson.ToShape(d!, $"{what}, {key}[{i}]")));
            else if (value is not null)
                shapes.Add(ConfigJson.ToShape(value, $"{what}, {key}"));
        }
        return shapes;
    }

    /// <summary>
    /// Keras 3 writes a layer's <c>dtype</c> as a serialized <c>DTypePolicy</c>; InputLayer keeps the plain dtype name,
    /// and so do the SpatialDropout layers (their Keras constructor passes a plain dtype).
    /// </summary>
    private static bool WritesDTypePolicy(Layer layer) => layer is not Input and not BaseSpatialDropout;

    /// <summary>Keras' serialized dtype policy: <c>{"module": "keras", "class_name": "DTypePolicy", "config": {"name": ...}}</c>.</summary>
    internal static JsonObject DTypePolicy(string name) => new()
    {
        ["module"] = "keras",
        ["class_name"] = "DTypePolicy",
        ["config"] = new JsonObject { ["name"] = name },
        ["registered_name"] = null,
    };

    /// <summary>The <c>GetConfig()</c> dictionary of any family member (found by reflection for families added later).</summary>
    public static Dictionary<string, object?> GetConfig(object value)
    {
        var m = value.GetType().GetMethod("GetConfig", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (m is null || m.Invoke(value, null) is not Dictionary<string, object?> config)
            throw new ArgumentException($"{value.GetType().Name} has no GetConfig() returning Keras' config dictionary.", nameof(value));
        return config;
    }

    /// <summary>
    /// Rebuilds a member of <paramref name="family"/> from a serialized dict or a registry name.
    /// </summary>
    /// <exception cref="InvalidDataException">Unknown class or name, unsafe content, or a config that does not fit.</exception>
    public static object Deserialize(JsonNode node, SerializationRegistry.Family family)
    {
        if (ConfigJson.IsString(node, out var name))
            return FromName(name, family);
        if (node is not JsonObject o)
            throw new InvalidDataException($"Expected a serialized {family.Name} (a name or {{\"class_name\": ..., \"config\": ...}}), but found {ConfigJson.Describe(node)}.");
        var className = ConfigJson.GetString(o, "class_name")
            ?? throw new InvalidDataException($"A serialized {family.Name} has no \"class_name\": {ConfigJson.Describe(o)}.");
        if (family.BaseType == typeof(Layer))
            return LayerDeserializer.Deserialize(o);
        SafeMode.Check(o, className);
        var configNode = o["config"];
        var config = configNode as JsonObject ?? (configNode is null ? [] : throw new InvalidDataException(
            $"The config of {family.Name} '{className}' should be a JSON object, but found {ConfigJson.Describe(configNode)}."));
        var type = SerializationRegistry.Resolve(family, className, ConfigJson.GetString(o, "registered_name"));
        return FromConfig(type, className, config);
    }

    /// <summary>Builds <paramref name="type"/> (a resolved class) from its config.</summary>
    public static object FromConfig(Type type, string className, JsonObject config)
    {
        config = (JsonObject)config.DeepClone();
        // Keras 2's "auto" (or no reduction at all) is Keras 3's default; an explicit null is Keras 3's reduction=None ("none").
        if (typeof(Loss).IsAssignableFrom(type) && !(config.TryGetPropertyValue("reduction", out var reduction) && reduction is null)
            && ConfigJson.GetString(config, "reduction") is "auto" or "sum_over_batch_size" or null)
            config["reduction"] = "sum_over_batch_size";
        if (typeof(Optimizer).IsAssignableFrom(type) && config["lr"] is JsonNode lr && !config.ContainsKey("learning_rate"))
        {
            config.Remove("lr"); // Keras 2's name of learning_rate
            config["learning_rate"] = lr;
        }
        if (typeof(Layer).IsAssignableFrom(type))
            return LayerDeserializer.FromConfig(className, config);
        return ConfigActivator.Create(type, config, className);
    }

    private static object FromName(string name, SerializationRegistry.Family family)
    {
        var b = family.BaseType;
        try
        {
            if (b == typeof(Initializer)) return InitializerRegistry.Get(name);
            if (b == typeof(Loss)) return LossRegistry.Get(name);
            if (b == typeof(Metric)) return MetricRegistry.Get(name);
            if (b == typeof(Optimizer)) return OptimizerRegistry.Get(name);
            var implicitOp = b.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == "op_Implicit" && m.ReturnType == b && m.GetParameters() is [{ ParameterType: var pt }] && pt == typeof(string));
            if (implicitOp is not null) return implicitOp.Invoke(null, [name])!;
        }
        catch (Exception e) when (e is ArgumentException or TargetInvocationException)
        {
            var inner = e is TargetInvocationException { InnerException: { } ie } ? ie : e;
            throw new InvalidDataException($"Unknown {family.Name} '{name}': {inner.Message}", inner);
        }
        var type = SerializationRegistry.Resolve(family, name, null);
        return FromConfig(type, name, []);
    }

    /// <summary>True when the JSON value is a string.</summary>
    public static bool IsStringNode(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;
}
