using System.Text.Json.Nodes;
using KerasSharp.Saving;

namespace KerasSharp.Layers;

/// <summary>
/// Reads the config of a text or categorical preprocessing layer key by key, as <see cref="Normalization.FromConfig"/>
/// does: each key goes to the layer's handler, <c>name</c> and <c>trainable</c> are collected here, and a key the
/// handler does not know, or a value of the wrong type, fails with the key named.
/// </summary>
internal static class PreprocessingConfig
{
    /// <summary>The common keys of a layer config.</summary>
    internal sealed class Common
    {
        /// <summary>The <c>name</c> key.</summary>
        public string? Name;
        /// <summary>The <c>trainable</c> key.</summary>
        public bool? Trainable;
        /// <summary>The <c>dtype</c> key, when it is a plain string or a dtype policy's name.</summary>
        public string? Dtype;
    }

    /// <summary>
    /// Calls <paramref name="handle"/> for each key other than <c>name</c>, <c>trainable</c> and <c>dtype</c>; it returns
    /// false for a key the layer does not have.
    /// </summary>
    /// <exception cref="InvalidDataException">An unknown key or a value of the wrong type.</exception>
    public static Common Read(JsonObject config, string className, Func<string, JsonNode?, bool> handle)
    {
        ArgumentNullException.ThrowIfNull(config);
        var common = new Common();
        foreach (var (key, value) in config)
        {
            try
            {
                switch (key)
                {
                    case "name": common.Name = Get<string?>(value); break;
                    case "trainable": common.Trainable = Get<bool>(value); break;
                    case "dtype": common.Dtype = DtypeName(value); break;
                    default:
                        if (!handle(key, value))
                            throw new InvalidDataException($"{className}: config key '{key}' = {ConfigJson.Describe(value)} is not supported by KerasSharp's {className}.");
                        break;
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
            {
                throw new InvalidDataException($"{className}: config key '{key}': {e.Message.TrimEnd('.')}.", e);
            }
        }
        return common;
    }

    /// <summary>Converts a config value to <typeparamref name="T"/> (Keras' JSON types: numbers, strings, lists, null).</summary>
    public static T Get<T>(JsonNode? value) => (T)ConfigValueConverter.Convert(value, typeof(T))!;

    // "int64", or Keras 3's {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "int64"}}.
    private static string? DtypeName(JsonNode? value) => value switch
    {
        null => null,
        JsonObject o when o["config"] is JsonObject c && ConfigJson.GetString(c, "name") is string n => n,
        _ when ConfigJson.IsString(value, out var s) => s,
        _ => throw new FormatException($"expected a dtype name or policy, but found {ConfigJson.Describe(value)}"),
    };
}
