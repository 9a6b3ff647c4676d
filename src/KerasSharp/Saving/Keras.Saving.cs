using System.Text.Json.Nodes;
using KerasSharp.Activations;
using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>Keras' <c>keras.saving</c>: registering custom classes and (de)serializing Keras objects.</summary>
    public static class Saving
    {
        /// <summary>
        /// The largest <c>config.json</c> (and other small archive entries) <c>LoadModel</c> inflates, in bytes
        /// (default 64 MiB; Keras configs are kilobytes). Larger entries are refused before they are read.
        /// </summary>
        public static long MaxConfigBytes
        {
            get => maxConfigBytes;
            set => maxConfigBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConfigBytes must be positive.");
        }
        private static long maxConfigBytes = 64L << 20;

        /// <summary>
        /// The largest <c>model.weights.h5</c> entry <c>LoadModel</c> inflates, in bytes (default and maximum 2 GiB - 1,
        /// what one in-memory buffer holds). Independently of this limit, an entry declaring far more bytes than the
        /// model's weights and optimizer state can fill is refused.
        /// </summary>
        public static long MaxWeightsBytes
        {
            get => maxWeightsBytes;
            set => maxWeightsBytes = value is > 0 and <= int.MaxValue
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxWeightsBytes must be between 1 and {int.MaxValue}.");
        }
        private static long maxWeightsBytes = int.MaxValue;

        /// <summary>
        /// Registers <typeparamref name="T"/> (a custom layer, initializer, loss, metric, optimizer, schedule,
        /// regularizer or constraint) as <c>"package&gt;name"</c> (Keras' <c>register_keras_serializable</c>), so that
        /// saved configs name it and loading rebuilds it (by the <see cref="LayerDeserializer"/> convention).
        /// </summary>
        /// <param name="package">Keras' <c>package</c> (default <c>"Custom"</c>).</param>
        /// <param name="name">Keras' <c>name</c>; null for the class name.</param>
        /// <returns>The registered name.</returns>
        public static string RegisterSerializable<T>(string package = "Custom", string? name = null) where T : class
        {
            ArgumentException.ThrowIfNullOrEmpty(package);
            if (SerializationRegistry.FamilyOf(typeof(T)) is null)
                throw new ArgumentException($"{typeof(T).Name} is not a Keras object (layer, initializer, loss, metric, optimizer, schedule, regularizer or constraint).", nameof(T));
            var registered = $"{package}>{name ?? typeof(T).Name}";
            SerializationRegistry.Register(typeof(T), registered);
            return registered;
        }

        /// <summary>
        /// Registers a custom activation function as <c>"package&gt;name"</c> (Keras' <c>register_keras_serializable</c> on
        /// a function) and returns it as an <see cref="ActivationFunction"/> carrying that name: a layer given it
        /// (<c>Dense(4, activation: scaledRelu)</c>) saves it as Keras does
        /// (<c>{"module": "builtins", "class_name": "function", "config": "package&gt;name", "registered_name": "function"}</c>)
        /// and <c>LoadModel</c> finds it again, by its full or its bare name.
        /// </summary>
        /// <param name="function">The activation.</param>
        /// <param name="name">Keras' <c>name</c>; null for the method's name (a lambda needs one).</param>
        /// <param name="package">Keras' <c>package</c> (default <c>"Custom"</c>).</param>
        /// <exception cref="ArgumentException">No usable name, or the name is registered for another function.</exception>
        public static ActivationFunction RegisterSerializable(Func<Tensor, Tensor> function, string? name = null, string package = "Custom")
        {
            var registered = RegisterFunction(function, name, package);
            return new ActivationFunction(registered, function);
        }

        /// <summary>
        /// Registers a custom loss or metric function <c>(yTrue, yPred) =&gt; values</c> as <c>"package&gt;name"</c>
        /// (Keras' <c>register_keras_serializable</c> on a function). <c>Compile(optimizer, lossFunction)</c> then names the
        /// loss after it, a <c>MeanMetricWrapper(function, name)</c> metric with its bare name is saved under it, and
        /// <c>LoadModel</c> restores both. Returns the registered name.
        /// </summary>
        /// <param name="function">The loss or metric function.</param>
        /// <param name="name">Keras' <c>name</c>; null for the method's name (a lambda needs one).</param>
        /// <param name="package">Keras' <c>package</c> (default <c>"Custom"</c>).</param>
        /// <exception cref="ArgumentException">No usable name, or the name is registered for another function.</exception>
        public static string RegisterSerializable(Func<Tensor, Tensor, Tensor> function, string? name = null, string package = "Custom") =>
            RegisterFunction(function, name, package);

        private static string RegisterFunction(Delegate function, string? name, string package)
        {
            ArgumentNullException.ThrowIfNull(function);
            ArgumentException.ThrowIfNullOrEmpty(package);
            if (package.Contains('>'))
                throw new ArgumentException($"package must not contain '>', but received '{package}'.", nameof(package));
            name ??= function.Method.Name;
            if (name.Length == 0 || name.Contains('<') || name.Contains('>'))
                throw new ArgumentException(
                    $"name must be a plain name (no '<' or '>'); a lambda has none of its own, so pass name: \"...\", but received '{name}'.", nameof(name));
            var registered = $"{package}>{name}";
            CustomObjects.Register(registered, function);
            return registered;
        }

        /// <summary>
        /// Makes <paramref name="customObjects"/> known to deserialization until the returned scope is disposed (Keras'
        /// <c>custom_object_scope</c>): <c>using (Keras.Saving.CustomObjectScope(new() { ["MyLayer"] = typeof(MyLayer) }))
        /// { var model = Keras.Models.LoadModel(path); }</c>. Values are Keras object classes (<see cref="Type"/>s),
        /// activations (<c>Func&lt;Tensor, Tensor&gt;</c>, <see cref="ActivationFunction"/>) or loss / metric functions
        /// (<c>Func&lt;Tensor, Tensor, Tensor&gt;</c>), looked up by the names a config uses (a class name, a registered
        /// name, or a function's name). Scopes nest (the innermost wins) and follow the async flow that opened them.
        /// </summary>
        /// <exception cref="ArgumentException">An empty name, or a value of another kind.</exception>
        public static IDisposable CustomObjectScope(IReadOnlyDictionary<string, object> customObjects) =>
            KerasSharp.Saving.CustomObjects.Push(KerasSharp.Saving.CustomObjects.Validate(customObjects, nameof(customObjects)));

        /// <summary>
        /// Keras' <c>serialize_keras_object</c>: <c>{"module", "class_name", "config", "registered_name"}</c> for a
        /// layer, model, initializer, loss, metric, optimizer, schedule, regularizer or constraint.
        /// </summary>
        /// <exception cref="ArgumentException">The object is not a Keras object.</exception>
        public static JsonObject Serialize(object value)
        {
            ArgumentNullException.ThrowIfNull(value);
            return KerasSerializer.Serialize(value);
        }

        /// <summary>
        /// Keras' <c>deserialize_keras_object</c> for one family: <typeparamref name="T"/> is the family's base class
        /// (<c>Layer</c>, <c>Initializer</c>, <c>Loss</c>, <c>Metric</c>, <c>Optimizer</c>, <c>LearningRateSchedule</c>, ...);
        /// <paramref name="serialized"/> is a serialized dict or a registry name (<c>"glorot_uniform"</c>, <c>"adam"</c>).
        /// </summary>
        /// <exception cref="InvalidDataException">Unknown class, or a config that does not fit it.</exception>
        public static T Deserialize<T>(JsonNode serialized) where T : class
        {
            ArgumentNullException.ThrowIfNull(serialized);
            var family = SerializationRegistry.FamilyOf(typeof(T))
                ?? throw new ArgumentException($"{typeof(T).Name} is not a Keras object family.", nameof(T));
            var obj = KerasSerializer.Deserialize(serialized, family);
            return obj as T ?? throw new InvalidDataException($"The serialized object is a {obj.GetType().Name}, not a {typeof(T).Name}.");
        }

        /// <summary>
        /// Keras' <c>cls.from_config(config)</c>: builds the <typeparamref name="T"/> named <paramref name="className"/>
        /// (Keras' class name, e.g. <c>"Adam"</c>, <c>"GlorotUniform"</c>, <c>"Dense"</c>) from its <c>GetConfig()</c> keys.
        /// </summary>
        /// <exception cref="InvalidDataException">Unknown class, or a config that does not fit it.</exception>
        public static T FromConfig<T>(string className, JsonObject config) where T : class
        {
            ArgumentException.ThrowIfNullOrEmpty(className);
            ArgumentNullException.ThrowIfNull(config);
            return Deserialize<T>(new JsonObject { ["class_name"] = className, ["config"] = config.DeepClone() });
        }

        /// <summary>A Keras config dictionary (from <c>GetConfig()</c>) as JSON, with nested objects serialized as Keras does.</summary>
        public static JsonObject ConfigToJson(IDictionary<string, object?> config)
        {
            ArgumentNullException.ThrowIfNull(config);
            return (JsonObject)ConfigJson.ToNode(config)!;
        }
    }
}
