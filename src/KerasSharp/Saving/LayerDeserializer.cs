using System.Text.Json.Nodes;
using KerasSharp.Layers;

namespace KerasSharp.Saving;

/// <summary>
/// Rebuilds layers from Keras configs (Keras' <c>keras.layers.deserialize</c> / <c>Layer.from_config</c>), for
/// <c>LoadModel</c>, <c>ModelFromJson</c> and nested layers.
/// <para><b>The convention every layer follows</b> (the same machinery rebuilds initializers, losses, metrics,
/// optimizers, schedules, regularizers and constraints):</para>
/// <list type="number">
/// <item><description>The class is found by Keras' <c>class_name</c>: a class registered with
/// <see cref="Keras.Saving.RegisterSerializable{T}(string, string?)"/> or <see cref="RegisterSerializableAttribute"/>
/// (matched by <c>registered_name</c> first), else the public KerasSharp class of that name
/// (<c>InputLayer</c> is <see cref="Input"/>). An unknown class is an error naming it.</description></item>
/// <item><description>If the class declares <c>public static TLayer FromConfig(System.Text.Json.Nodes.JsonObject config)</c>,
/// it is called with the config and nothing else happens.</description></item>
/// <item><description>Otherwise a public constructor is called. Each config key in snake_case maps to the constructor
/// parameter of the same name in camelCase (<c>kernel_size</c> -> <c>kernelSize</c>, <c>units</c>, <c>name</c>);
/// parameters without a key take their default; a required parameter without a key is an error. With several
/// constructors, the first (most parameters first) that takes every key wins.</description></item>
/// <item><description>Values convert by parameter type: <c>int</c>/<c>long</c>/<c>double</c>/<c>float</c>/<c>bool</c>/<c>string</c>;
/// enums from strings (<c>"channels_last"</c> -> <c>ChannelsLast</c>, case and underscores ignored);
/// <see cref="Shape"/>/<c>Shape?</c> from a list with nulls for unknown sizes (or one integer); arrays,
/// lists and value tuples element by element; <c>ActivationFunction</c> from its name;
/// initializers, regularizers, constraints, losses, metrics, optimizers and schedules from a name or Keras' serialized
/// dict <c>{module, class_name, config, registered_name}</c>; a <see cref="Layer"/> parameter (e.g. a wrapper's
/// <c>layer</c>) from a serialized layer; any other type through one of its public implicit conversions whose source
/// fits the JSON value (so <c>IntTuple</c> takes <c>3</c> or <c>[3, 3]</c>).</description></item>
/// <item><description>Keys without a parameter: <c>dtype</c> (string or DTypePolicy dict) is ignored; <c>batch_shape</c> /
/// <c>batch_input_shape</c> go to <c>inputShape</c> without the batch axis (or to <c>shape</c> + <c>batchSize</c>);
/// a key matching a public settable property (<c>trainable</c> -> <see cref="Layer.Trainable"/>) is assigned after
/// construction; a null value, a <c>seed</c>, and switched-off Keras features (<c>sparse: false</c>,
/// <c>synchronized: false</c>, ...) are ignored. Any other key is an error naming the class and the key.</description></item>
/// <item><description>A <c>build_config</c> (<c>{"input_shape": [...]}</c>) builds the layer through its
/// <see cref="Layer.BuildFromConfig"/>, so its weights exist before they are loaded.</description></item>
/// </list>
/// <para>For saving, <c>GetConfig()</c> must return Keras' keys; initializers, regularizers, constraints and nested
/// layers may be put in the dictionary as objects (they are serialized as Keras does).</para>
/// </summary>
public static class LayerDeserializer
{
    /// <summary>Rebuilds a layer (or model) from Keras' serialized form <c>{module, class_name, config, registered_name, build_config}</c>.</summary>
    /// <exception cref="InvalidDataException">Unknown class, a config that does not fit the class, or a Lambda layer (refused: it holds code).</exception>
    public static Layer Deserialize(JsonObject serialized)
    {
        ArgumentNullException.ThrowIfNull(serialized);
        var className = ConfigJson.GetString(serialized, "class_name")
            ?? throw new InvalidDataException($"A serialized layer has no \"class_name\": {ConfigJson.Describe(serialized)}.");
        SafeMode.Check(serialized, className);
        if (className is "Sequential" or "Functional" or "Model")
            return ModelSerializer.Deserialize(serialized, compile: false);
        var config = serialized["config"] as JsonObject
            ?? throw new InvalidDataException($"The layer '{className}' has no \"config\" object: {ConfigJson.Describe(serialized)}.");
        var layer = FromConfig(className, config, ConfigJson.GetString(serialized, "registered_name"));
        // Keras' deserialize_keras_object: `if build_config and not instance.built: instance.build_from_config(build_config)`.
        if (serialized["build_config"] is JsonObject build && build.Count > 0 && !layer.Built)
        {
            try { layer.BuildFromConfig((JsonObject)build.DeepClone()); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or InvalidCastException or FormatException)
            {
                throw new InvalidDataException(
                    $"Cannot build layer '{layer.Name}' ({className}) from its build_config {ConfigJson.Describe(build)}: {layer.GetType().Name}.BuildFromConfig failed ({e.Message})", e);
            }
        }
        return layer;
    }

    /// <summary>Rebuilds a layer of Keras class <paramref name="className"/> from its <paramref name="config"/> (Keras' <c>from_config</c>).</summary>
    /// <param name="className">Keras' class name (<c>"Dense"</c>, <c>"InputLayer"</c>, a registered custom class).</param>
    /// <param name="config">The layer's config (the keys of Keras' <c>get_config()</c>).</param>
    /// <param name="registeredName">Keras' <c>registered_name</c> (<c>"package&gt;Name"</c>) for custom classes, or null.</param>
    /// <exception cref="InvalidDataException">Unknown class or a config that does not fit it.</exception>
    public static Layer FromConfig(string className, JsonObject config, string? registeredName = null)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(config);
        if (className == "Lambda") SafeMode.Check(new JsonObject { ["config"] = config.DeepClone() }, className);
        var type = SerializationRegistry.Resolve(SerializationRegistry.FamilyNamed("layer"), className, registeredName);
        if (typeof(Model).IsAssignableFrom(type))
            return ModelSerializer.Deserialize(new JsonObject { ["class_name"] = className, ["config"] = config.DeepClone() }, compile: false);
        return (Layer)ConfigActivator.Create(type, config, className);
    }
}
