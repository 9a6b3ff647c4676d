using System.Text.Json.Nodes;
using KerasSharp.Saving;

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
