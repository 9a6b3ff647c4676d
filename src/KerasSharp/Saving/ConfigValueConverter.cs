using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Activations;
using KerasSharp.Layers;

namespace KerasSharp.Saving;

/// <summary>
/// Converts one JSON config value to a constructor parameter's type (see <see cref="LayerDeserializer"/> for the
/// rules). Failures throw <see cref="FormatException"/> saying what was expected; the caller adds the class and key.
/// </summary>
internal static class ConfigValueConverter
{
    /// <summary>Converts <paramref name="node"/> to <paramref name="target"/>.</summary>
    public static object? Convert(JsonNode? node, Type target)
    {
        if (Nullable.GetUnderlyingType(target) is Type inner)
            return node is null ? null : Convert(node, inner);
        if (node is null)
        {
            if (target.IsValueType)
                throw new FormatException($"expected a {TypeName(target)}, but found null");
            return null;
        }
        if (target == typeof(object)) return ToPlain(node);
        if (typeof(JsonNode).IsAssignableFrom(target))
            return target.IsInstanceOfType(node) ? node.DeepClone() : throw new FormatException($"expected a {TypeName(target)}, but found {ConfigJson.Describe(node)}");

        var kind = node.GetValueKind();
        if (target == typeof(string))
            return kind == JsonValueKind.String ? node.GetValue<string>() : throw Expected("a string", node);
        if (target == typeof(bool))
            return kind is JsonValueKind.True or JsonValueKind.False ? node.GetValue<bool>() : throw Expected("true or false", node);
        if (target == typeof(int)) return checked((int)Integer(node));
        if (target == typeof(long)) return Integer(node);
        if (target == typeof(short)) return checked((short)Integer(node));
        if (target == typeof(double)) return Number(node);
        if (target == typeof(float)) return (float)Number(node);
        if (target.IsEnum) return ToEnum(node, target);
        if (target == typeof(Shape))
        {
            if (kind == JsonValueKind.Number) return new Shape(Integer(node));
            return ConfigJson.ToShape(node, "shape");
        }
        if (target == typeof(ActivationFunction))
        {
            // Keras 3 writes built-in activations as strings; a function may come as {"class_name": "function", "config": "name"}.
            // A registered function ("package>name") or one given as a custom object is found before Keras' own.
            if (node is JsonObject fo && fo["config"] is JsonValue fv && fv.GetValueKind() == JsonValueKind.String)
                return CustomObjects.FindActivation(fv.GetValue<string>()) ?? ActivationRegistry.Get(fv.GetValue<string>());
            if (kind == JsonValueKind.String)
                return CustomObjects.FindActivation(node.GetValue<string>()) ?? ActivationRegistry.Get(node.GetValue<string>());
            throw Expected("an activation name", node);
        }
        if (typeof(Layer).IsAssignableFrom(target))
        {
            if (node is not JsonObject lo) throw Expected("a serialized layer {\"class_name\": ..., \"config\": ...}", node);
            var layer = LayerDeserializer.Deserialize(lo);
            return target.IsInstanceOfType(layer) ? layer : throw new FormatException($"expected a {TypeName(target)}, but the config describes a {layer.GetType().Name}");
        }
        if (SerializationRegistry.FamilyOf(target) is { } family && (node is JsonObject || kind == JsonValueKind.String))
        {
            var obj = KerasSerializer.Deserialize(node, family);
            return target.IsInstanceOfType(obj) ? obj : throw new FormatException($"expected a {TypeName(target)}, but the config describes a {obj.GetType().Name}");
        }
        if (target.IsArray)
        {
            var element = target.GetElementType()!;
            // Keras often accepts "an int or a list" (e.g. MaxNorm's axis): one value becomes a one-element array.
            var items = node as JsonArray ?? [node.DeepClone()];
            var array = Array.CreateInstance(element, items.Count);
            for (int i = 0; i < items.Count; i++) array.SetValue(Convert(items[i], element), i);
            return array;
        }
        if (target.IsGenericType && IsListLike(target.GetGenericTypeDefinition()))
        {
            var element = target.GetGenericArguments()[0];
            var items = AsArray(node, target);
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            foreach (var item in items) list.Add(Convert(item, element));
            return list;
        }
        if (typeof(ITuple).IsAssignableFrom(target) && target.IsGenericType)
        {
            var parts = target.GetGenericArguments();
            var items = AsArray(node, target);
            if (items.Count != parts.Length)
                throw new FormatException($"expected a list of {parts.Length} values, but found {ConfigJson.Describe(node)}");
            var values = parts.Select((p, i) => Convert(items[i], p)).ToArray();
            return Activator.CreateInstance(target, values);
        }
        if (ImplicitConversion(node, target, out var converted))
            return converted;
        throw new FormatException($"cannot convert {ConfigJson.Describe(node)} to {TypeName(target)}");
    }

    private static bool IsListLike(Type generic) =>
        generic == typeof(List<>) || generic == typeof(IReadOnlyList<>) || generic == typeof(IList<>) ||
        generic == typeof(IEnumerable<>) || generic == typeof(IReadOnlyCollection<>) || generic == typeof(ICollection<>);

    /// <summary>
    /// Uses a public <c>implicit operator</c> of <paramref name="target"/> (e.g. <c>IntTuple</c> from <c>int</c>,
    /// <c>(int, int)</c> or <c>int[]</c>; <c>Initializer</c> from <c>string</c>; <c>LearningRate</c> from a number or a schedule), choosing one that fits the JSON kind.
    /// </summary>
    private static bool ImplicitConversion(JsonNode node, Type target, out object? result)
    {
        result = null;
        var ops = target.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == "op_Implicit" && m.ReturnType == target && m.GetParameters().Length == 1)
            .Select(m => (Method: m, Source: m.GetParameters()[0].ParameterType))
            .Where(x => x.Source != target && Fits(node, x.Source))
            .OrderBy(x => Preference(node, x.Source))
            .ToArray();
        Exception? last = null;
        foreach (var (method, source) in ops)
        {
            object? value;
            try { value = Convert(node, source); }
            catch (Exception e) when (e is FormatException or OverflowException or InvalidDataException) { last = e; continue; }
            try { result = method.Invoke(null, [value]); }
            catch (TargetInvocationException e) { throw new FormatException(e.InnerException?.Message ?? e.Message, e.InnerException); }
            return true;
        }
        if (last is not null) throw new FormatException(last.Message, last);
        return false;
    }

    private static bool Fits(JsonNode node, Type source)
    {
        source = Nullable.GetUnderlyingType(source) ?? source;
        return node.GetValueKind() switch
        {
            JsonValueKind.String => source == typeof(string),
            JsonValueKind.Number => source == typeof(int) || source == typeof(long) || source == typeof(double) || source == typeof(float),
            JsonValueKind.True or JsonValueKind.False => source == typeof(bool),
            JsonValueKind.Array => source.IsArray || typeof(ITuple).IsAssignableFrom(source) || (source.IsGenericType && IsListLike(source.GetGenericTypeDefinition())),
            // A serialized Keras object (e.g. a schedule given as an optimizer's learning_rate).
            JsonValueKind.Object => SerializationRegistry.FamilyOf(source) is not null,
            _ => false,
        };
    }

    // Prefer exact-length tuples, then arrays; integers before floating types.
    private static int Preference(JsonNode node, Type source)
    {
        if (node is JsonArray a && typeof(ITuple).IsAssignableFrom(source))
            return source.GetGenericArguments().Length == a.Count ? 0 : 9;
        if (source.IsArray) return 1;
        if (source == typeof(int)) return 0;
        if (source == typeof(long)) return 1;
        return 2;
    }

    private static JsonArray AsArray(JsonNode node, Type target) =>
        node as JsonArray ?? throw new FormatException($"expected a list for {TypeName(target)}, but found {ConfigJson.Describe(node)}");

    private static long Integer(JsonNode node)
    {
        if (node.GetValueKind() != JsonValueKind.Number) throw Expected("an integer", node);
        var text = node.ToJsonString();
        if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long l)) return l;
        double d = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        if (d == Math.Floor(d) && Math.Abs(d) < 9e15) return (long)d;
        throw Expected("an integer", node);
    }

    private static double Number(JsonNode node)
    {
        if (node.GetValueKind() == JsonValueKind.Number)
            return double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
        // Python's json writes these for float('nan') / float('inf').
        if (node.GetValueKind() == JsonValueKind.String)
            switch (node.GetValue<string>())
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
            }
        throw Expected("a number", node);
    }

    private static object ToEnum(JsonNode node, Type target)
    {
        if (node.GetValueKind() == JsonValueKind.Number) return Enum.ToObject(target, Integer(node));
        if (node.GetValueKind() != JsonValueKind.String) throw Expected($"one of {string.Join(", ", Enum.GetNames(target))}", node);
        var text = node.GetValue<string>().Replace("_", "", StringComparison.Ordinal);
        foreach (var name in Enum.GetNames(target))
            if (string.Equals(name.Replace("_", "", StringComparison.Ordinal), text, StringComparison.OrdinalIgnoreCase))
                return Enum.Parse(target, name);
        throw new FormatException($"expected one of {string.Join(", ", Enum.GetNames(target).Select(n => "'" + Internal.UniqueNames.ToSnakeCase(n) + "'"))}, but found {ConfigJson.Describe(node)}");
    }

    /// <summary>Plain .NET value of a JSON node (string, bool, long/double, object?[], Dictionary).</summary>
    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonArray a => a.Select(ToPlain).ToArray(),
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => long.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long l)
                ? l : double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };

    private static FormatException Expected(string what, JsonNode? node) =>
        new($"expected {what}, but found {ConfigJson.Describe(node)}");

    /// <summary>A readable C# type name (<c>int?</c>, <c>Shape</c>, <c>int[]</c>).</summary>
    public static string TypeName(Type t)
    {
        if (Nullable.GetUnderlyingType(t) is Type u) return TypeName(u) + "?";
        if (t.IsArray) return TypeName(t.GetElementType()!) + "[]";
        if (t.IsGenericType)
            return $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(TypeName))}>";
        return t == typeof(int) ? "int" : t == typeof(long) ? "long" : t == typeof(double) ? "double" : t == typeof(float) ? "float"
            : t == typeof(bool) ? "bool" : t == typeof(string) ? "string" : t.Name;
    }
}
