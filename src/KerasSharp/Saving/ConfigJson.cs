using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KerasSharp.Saving;

/// <summary>
/// Converts the <c>GetConfig()</c> dictionaries of layers, optimizers, losses, ... into JSON as Keras writes it, and
/// reads values back. Nested serialized objects written as <c>{class_name, config}</c> get Keras'
/// <c>module</c> and <c>registered_name</c> keys, so the result is what <c>serialize_keras_object</c> produces.
/// </summary>
internal static class ConfigJson
{
    /// <summary>Options for writing config.json (compact, like Python's <c>json.dumps</c> output read by any parser).</summary>
    internal static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = false };

    /// <summary>Converts a config value (dictionary, list, Shape, number, string, bool, enum, JsonNode) to JSON.</summary>
    public static JsonNode? ToNode(object? value)
    {
        switch (value)
        {
            case null: return null;
            case JsonNode node: return node.DeepClone();
            case string s: return JsonValue.Create(s);
            case bool b: return JsonValue.Create(b);
            case int i: return JsonValue.Create(i);
            case long l: return JsonValue.Create(l);
            case short sh: return JsonValue.Create((int)sh);
            case byte by: return JsonValue.Create((int)by);
            case float f: return JsonValue.Create((double)f);
            case double d: return JsonValue.Create(d);
            case Enum e: return JsonValue.Create(Internal.UniqueNames.ToSnakeCase(e.ToString()));
            case Shape shape: return new JsonArray(shape.Select(d => d is long v ? JsonValue.Create(v) : null).ToArray<JsonNode?>());
            case IDictionary<string, object?> dict: return ToObject(dict);
            case IDictionary dict:
                {
                    var o = new JsonObject();
                    foreach (DictionaryEntry kv in dict) o[Convert.ToString(kv.Key, CultureInfo.InvariantCulture)!] = ToNode(kv.Value);
                    return o;
                }
            case System.Runtime.CompilerServices.ITuple tuple:
                {
                    var a = new JsonArray();
                    for (int k = 0; k < tuple.Length; k++) a.Add(ToNode(tuple[k]));
                    return a;
                }
            case IEnumerable items:
                {
                    var a = new JsonArray();
                    foreach (var item in items) a.Add(ToNode(item));
                    return a;
                }
            default:
                var conf = KerasSerializer.TrySerialize(value);
                if (conf is not null) return conf;
                throw new ArgumentException($"Cannot write a value of type {value.GetType().Name} into a Keras config.", nameof(value));
        }
    }

    private static JsonObject ToObject(IDictionary<string, object?> dict)
    {
        var o = new JsonObject();
        foreach (var (k, v) in dict) o[k] = ToNode(v);
        // A nested serialized object written as {class_name, config}: complete it as serialize_keras_object does.
        if (o.Count == 2 && o["class_name"] is JsonValue cn && cn.TryGetValue(out string? className) && o.ContainsKey("config"))
        {
            var module = SerializationRegistry.ModuleOf(className);
            if (module is not null)
                return new JsonObject
                {
                    ["module"] = module,
                    ["class_name"] = className,
                    ["config"] = o["config"]!.DeepClone(),
                    ["registered_name"] = SerializationRegistry.RegisteredNameOf(className),
                };
        }
        return o;
    }

    /// <summary>Serializes <paramref name="node"/> as compact JSON text.</summary>
    public static string Write(JsonNode node) => node.ToJsonString(WriteOptions);

    /// <summary>The string at <paramref name="key"/>, or null when absent or not a string.</summary>
    public static string? GetString(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>True when <paramref name="node"/> is a JSON string; gives its value.</summary>
    public static bool IsString(JsonNode? node, out string value)
    {
        value = "";
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        return false;
    }

    /// <summary>Reads a JSON list of dimensions (null for unknown) as a <see cref="Shape"/>.</summary>
    public static Shape ToShape(JsonNode? node, string what)
    {
        if (node is not JsonArray a)
            throw new InvalidDataException($"{what}: expected a list of dimensions, but found {Describe(node)}.");
        var dims = new long?[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] is null) continue;
            try { dims[i] = (long)ConfigValueConverter.Convert(a[i], typeof(long))!; }
            catch (FormatException)
            {
                throw new InvalidDataException($"{what}: dimension {i} should be an integer or null, but found {Describe(a[i])}.");
            }
        }
        return new Shape(dims);
    }

    /// <summary>A short description of a JSON value for error messages.</summary>
    public static string Describe(JsonNode? node)
    {
        if (node is null) return "null";
        var text = node.ToJsonString();
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
