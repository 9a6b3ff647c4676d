using System.Text.Json.Nodes;
using KerasSharp.Layers;

namespace KerasSharp.Saving;

/// <summary>
/// A model's architecture as Keras' <c>serialize_keras_object(model)</c> writes it (config.json, <c>to_json()</c>):
/// <c>{"module", "class_name", "config", "registered_name", "build_config", "compile_config"}</c>, and back.
/// Sequential configs hold <c>name</c>, <c>trainable</c>, <c>dtype</c>, <c>layers</c> (an <c>InputLayer</c> first when
/// the input shape is known) and <c>build_input_shape</c>; Keras 2 configs (<c>batch_input_shape</c> on the first
/// layer, no modules) are read too.
/// </summary>
internal static class ModelSerializer
{
    /// <summary>The serialized model; with <paramref name="includeCompile"/>, its compile configuration when compiled.</summary>
    /// <exception cref="InvalidOperationException">The model is a subclass whose architecture has no config.</exception>
    public static JsonObject Serialize(Model model, bool includeCompile)
    {
        JsonObject config;
        string className;
        if (model is Sequential seq)
        {
            className = "Sequential";
            config = SequentialConfig(seq);
        }
        else if (model.Graph is not null)
        {
            className = "Functional";
            config = FunctionalSerializer.Config(model);
        }
        else if (SerializationRegistry.RegisteredNameOf(model.GetType()) is not null && DeclaresGetConfig(model.GetType()))
        {
            // A registered subclass with its own GetConfig: saved as Keras saves one (its class, its config, its
            // build_config); LoadModel calls its constructor (or FromConfig) with that config and builds it.
            className = SerializationRegistry.ClassNameOf(model.GetType());
            config = (JsonObject)ConfigJson.ToNode(model.GetConfig())!;
        }
        else
        {
            throw new InvalidOperationException(
                $"Model \"{model.Name}\" ({model.GetType().Name}) is a subclassed model: its architecture is C# code, so it cannot be saved as a " +
                ".keras file or JSON unless its class is registered ([RegisterSerializable] or Keras.Saving.RegisterSerializable<T>()) and " +
                "overrides GetConfig() with its constructor's arguments, as Keras requires. Save its weights with SaveWeights(\"....weights.h5\") instead.");
        }
        var o = new JsonObject
        {
            ["module"] = SerializationRegistry.ModuleOf(model.GetType()),
            ["class_name"] = className,
            ["config"] = config,
            // Keras registers Functional under its own name, custom classes under theirs; Sequential is written without one.
            ["registered_name"] = className == "Functional" ? "Functional" : SerializationRegistry.RegisteredNameOf(model.GetType()),
        };
        // Keras' get_build_config / get_compile_config, each written when not None.
        if (model.GetBuildConfig() is { } buildConfig)
            o["build_config"] = ConfigJson.ToNode(buildConfig);
        if (includeCompile && model.GetCompileConfig() is { } compileConfig)
            o["compile_config"] = ConfigJson.ToNode(compileConfig);
        return o;
    }

    /// <summary>
    /// A subclassed model creates its layers' weights on its first call, as Keras' default <c>build</c> does by calling
    /// the model once: run it on one sample of zeros of the recorded input shape, in inference mode, so that the weights
    /// exist before they are loaded.
    /// </summary>
    internal static void BuildByRunning(Model model, Shape inputShape)
    {
        if (inputShape.Rank < 2 || Enumerable.Range(1, inputShape.Rank - 1).Any(i => inputShape[i] is null)) return;
        var dims = new long[inputShape.Rank];
        dims[0] = 1;
        for (int i = 1; i < dims.Length; i++) dims[i] = inputShape[i]!.Value;
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var _ = TorchSharp.torch.no_grad();
        model.Call(TorchSharp.torch.zeros(dims, device: model.Device), training: false);
    }

    /// <summary>True when <paramref name="type"/> (or a user base class) overrides <see cref="Layer.GetConfig"/>.</summary>
    private static bool DeclaresGetConfig(Type type) =>
        type.GetMethod(nameof(Layer.GetConfig), Type.EmptyTypes)?.DeclaringType is Type declaring &&
        declaring.Assembly != typeof(Layer).Assembly;

    private static JsonObject SequentialConfig(Sequential seq)
    {
        var layers = new JsonArray();
        var input = seq.InputLayer;
        var inputShape = seq.InputShape;
        if (input is not null)
            layers.Add(KerasSerializer.SerializeLayer(input));
        else if (inputShape is Shape s && seq.Layers.Count > 0)
            layers.Add(new JsonObject
            {
                ["module"] = "keras.layers",
                ["class_name"] = "InputLayer",
                ["config"] = new JsonObject { ["batch_shape"] = ConfigJson.ToNode(s), ["dtype"] = "float32", ["sparse"] = false, ["name"] = "input_layer" },
                ["registered_name"] = null,
            });
        foreach (var l in seq.Layers)
            layers.Add(KerasSerializer.SerializeLayer(l));
        var config = new JsonObject
        {
            ["name"] = seq.Name,
            ["trainable"] = seq.Trainable,
            ["dtype"] = KerasSerializer.DTypePolicy("float32"),
            ["layers"] = layers,
        };
        if (inputShape is Shape bs && seq.Built)
            config["build_input_shape"] = ConfigJson.ToNode(bs);
        return config;
    }

    /// <summary>
    /// Rebuilds a model from its serialized form (Sequential, or Functional once the functional API is present);
    /// compiles it from <c>compile_config</c> when <paramref name="compile"/> is set and one is present.
    /// </summary>
    /// <exception cref="InvalidDataException">Wrong schema, unknown class, or a layer config that does not fit.</exception>
    public static Model Deserialize(JsonObject serialized, bool compile)
    {
        var className = ConfigJson.GetString(serialized, "class_name")
            ?? throw new InvalidDataException("The model config has no \"class_name\" (expected \"Sequential\" or \"Functional\").");
        var configNode = serialized["config"];
        Model model;
        switch (className)
        {
            case "Sequential":
                model = SequentialFromConfig(configNode);
                break;
            case "Functional" or "Model":
                if (configNode is not JsonObject fconf)
                    throw new InvalidDataException($"The {className} model's \"config\" should be an object, but found {ConfigJson.Describe(configNode)}.");
                model = FunctionalSerializer.FromConfig(fconf);
                break;
            default:
                {
                    var registered = ConfigJson.GetString(serialized, "registered_name");
                    var type = SerializationRegistry.Resolve(SerializationRegistry.FamilyNamed("layer"), className, registered);
                    if (!typeof(Model).IsAssignableFrom(type) || configNode is not JsonObject mc)
                        throw new InvalidDataException($"The top-level object is a '{className}', not a model (expected \"Sequential\" or \"Functional\").");
                    model = (Model)ConfigActivator.Create(type, mc, className);
                    break;
                }
        }
        // Keras' deserialize_keras_object: build_from_config when not built, compile_from_config, each for a non-empty config.
        if (!model.Built && serialized["build_config"] is JsonObject bc && bc.Count > 0)
            CallHook(model, "BuildFromConfig", "build_config", bc, () => model.BuildFromConfig((JsonObject)bc.DeepClone()));
        if (compile && serialized["compile_config"] is JsonObject cc)
            ApplyCompileConfig(model, cc);
        return model;
    }

    /// <summary>Calls <see cref="Model.CompileFromConfig"/> for a non-empty <c>compile_config</c> (Keras writes <c>{}</c> when not compiled).</summary>
    /// <exception cref="InvalidDataException">The hook failed; the message names the model's class and the hook.</exception>
    internal static void ApplyCompileConfig(Model model, JsonObject cc)
    {
        if (cc.Count > 0)
            CallHook(model, "CompileFromConfig", "compile_config", cc, () => model.CompileFromConfig((JsonObject)cc.DeepClone()));
    }

    // A user's override may fail with any argument-like exception: reported as a config that does not fit the model.
    private static void CallHook(Model model, string hook, string key, JsonObject config, Action call)
    {
        try { call(); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or InvalidCastException or FormatException or NullReferenceException)
        {
            throw new InvalidDataException(
                $"Model '{model.Name}' ({model.GetType().Name}): {hook} failed on its {key} {ConfigJson.Describe(config)} ({e.GetType().Name}: {e.Message.TrimEnd('.')})", e);
        }
    }

    private static Sequential SequentialFromConfig(JsonNode? configNode)
    {
        // Keras 2.0-2.2 wrote the layer list itself as the config.
        var config = configNode as JsonObject ?? (configNode is JsonArray arr ? new JsonObject { ["layers"] = arr.DeepClone() } :
            throw new InvalidDataException($"The Sequential model's \"config\" should be an object, but found {ConfigJson.Describe(configNode)}."));
        if (config["layers"] is not JsonArray layers)
            throw new InvalidDataException($"The Sequential model's config has no \"layers\" list: {ConfigJson.Describe(config)}.");
        var name = ConfigJson.GetString(config, "name");
        var model = new Sequential(name: name);
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is not JsonObject lo)
                throw new InvalidDataException($"Layer {i} of Sequential '{model.Name}' should be an object, but found {ConfigJson.Describe(layers[i])}.");
            var layerName = lo["config"] is JsonObject c ? ConfigJson.GetString(c, "name") : null;
            var cls = ConfigJson.GetString(lo, "class_name") ?? "?";
            Layer layer;
            try
            {
                layer = LayerDeserializer.Deserialize(lo);
                model.Add(layer);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"Layer {i} ('{layerName ?? "?"}', {cls}) of Sequential '{model.Name}': {e.Message}", e);
            }
        }
        if (config["trainable"] is JsonValue tv && tv.TryGetValue(out bool trainable))
            model.SetOwnTrainable(trainable);
        if (!model.Built && config["build_input_shape"] is JsonArray bis)
            model.EnsureBuilt(ConfigJson.ToShape(bis, "build_input_shape"));
        return model;
    }
}
