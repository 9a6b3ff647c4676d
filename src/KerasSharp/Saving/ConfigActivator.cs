using System.Reflection;
using System.Text.Json.Nodes;

namespace KerasSharp.Saving;

/// <summary>
/// Creates an object from its Keras config by reflection: a declared <c>public static T FromConfig(JsonObject)</c> when
/// the class has one, else the public constructor whose camelCase parameters take every config key (see
/// <see cref="LayerDeserializer"/> for the full convention). Used for every family (layers, initializers, losses,
/// metrics, optimizers, schedules, regularizers, constraints).
/// </summary>
internal static class ConfigActivator
{
    /// <summary>Keys that never map to a parameter (Keras' dtype policy and similar bookkeeping).</summary>
    private static readonly HashSet<string> AlwaysIgnored = new(StringComparer.Ordinal) { "autocast", "build_config" };

    /// <summary>Keys ignored when they hold Keras' default (features KerasSharp does not have, switched off).</summary>
    private static readonly Dictionary<string, JsonNode?> IgnoredAtDefault = new(StringComparer.Ordinal)
    {
        ["sparse"] = false,
        ["ragged"] = false,
        ["synchronized"] = false,
        ["use_ema"] = false,
        ["ema_momentum"] = 0.99,
        ["is_legacy_optimizer"] = false,
        ["decay"] = 0.0,
        ["jit_compile"] = true,
        ["multi_label"] = false,
        ["beta"] = 1.0, // F1Score (Keras removes it from F1Score.get_config)
        // Geometric augmentation layers (RandomRotation/Zoom/Translation/Flip) record the input value range; at
        // Keras' default it changes nothing in their output.
        ["value_range"] = new JsonArray(0, 255),
        // Keys Keras 3.6-3.15 added, written at their defaults by every newer file (InputLayer, BatchNormalization,
        // MultiHeadAttention, Resizing); a non-default value is a feature KerasSharp lacks and stays an error.
        ["optional"] = false,
        ["renorm"] = false,
        ["renorm_momentum"] = 0.99,
        ["use_gate"] = false,
        ["antialias"] = false,
        // tf.keras 2.x recurrent layers: the batch-major layout is the only one KerasSharp (and Keras 3) has.
        ["time_major"] = false,
    };

    /// <summary>
    /// Keys whose every value computes the same function: tf.keras' recurrent <c>implementation</c> (1 or 2) only chose
    /// how the gates were batched.
    /// </summary>
    private static readonly HashSet<string> IgnoredAnyValue = new(StringComparer.Ordinal) { "implementation" };

    /// <summary>
    /// Builds <paramref name="type"/> from <paramref name="config"/>. <paramref name="className"/> is the name the
    /// config used (for messages).
    /// </summary>
    /// <exception cref="InvalidDataException">A key has no parameter, a value has the wrong type, or a required key is missing.</exception>
    public static object Create(Type type, JsonObject config, string className)
    {
        var custom = type.GetMethod("FromConfig", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly, [typeof(JsonObject)]);
        if (custom is not null && type.IsAssignableFrom(custom.ReturnType))
        {
            try { return custom.Invoke(null, [config]) ?? throw new InvalidDataException($"{type.Name}.FromConfig returned null."); }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new InvalidDataException($"Cannot rebuild {className} from its config: {e.InnerException.Message}", e.InnerException);
            }
        }

        var ctors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length).ToArray();
        if (ctors.Length == 0)
            throw new InvalidDataException($"Cannot rebuild {className}: {type.FullName} has no public constructor and no public static FromConfig(JsonObject).");
        string? firstError = null;
        int fewest = int.MaxValue;
        foreach (var ctor in ctors)
        {
            var errors = new List<string>();
            var args = Bind(ctor, type, config, className, errors, out var afterwards);
            if (errors.Count == 0)
            {
                object instance;
                try { instance = ctor.Invoke(args); }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    throw new InvalidDataException($"Cannot rebuild {className} from its config: {e.InnerException.Message}", e.InnerException);
                }
                foreach (var (prop, value) in afterwards) prop.SetValue(instance, value);
                return instance;
            }
            if (errors.Count < fewest)
            {
                fewest = errors.Count;
                firstError = errors[0];
            }
        }
        throw new InvalidDataException(firstError!);
    }

    private static object?[] Bind(ConstructorInfo ctor, Type type, JsonObject config, string className,
        List<string> errors, out List<(PropertyInfo, object?)> afterwards)
    {
        afterwards = [];
        var parameters = ctor.GetParameters();
        var byName = parameters.ToDictionary(p => p.Name!, StringComparer.Ordinal);
        var args = new object?[parameters.Length];
        var given = new bool[parameters.Length];

        foreach (var (key, value) in config)
        {
            if (AlwaysIgnored.Contains(key)) continue;
            if (key is "dtype" or "dtype_policy" && !byName.ContainsKey("dtype"))
            {
                // A layer's compute dtype (a name or a serialized DTypePolicy): KerasSharp computes in float32 only.
                var dtype = DTypeName(value);
                if (dtype is not (null or "float32"))
                    errors.Add($"{className}: config key '{key}' = {ConfigJson.Describe(value)}: KerasSharp's {type.Name} computes in float32 only, " +
                               $"so dtype '{dtype}' is not supported.");
                continue;
            }
            var pname = ToCamelCase(key);
            if (byName.TryGetValue(pname, out var p) || byName.TryGetValue(key, out p))
            {
                try
                {
                    args[p.Position] = ConfigValueConverter.Convert(value, p.ParameterType);
                    given[p.Position] = true;
                }
                catch (Exception e) when (e is FormatException or OverflowException or InvalidDataException or ArgumentException)
                {
                    errors.Add($"{className}: config key '{key}' (parameter '{pname}' of type {ConfigValueConverter.TypeName(p.ParameterType)}): {e.Message.TrimEnd('.')}.");
                }
                continue;
            }
            if (key is "batch_shape" or "batch_input_shape" && value is not null)
            {
                // A build hint: the per-sample shape goes to `inputShape` (or `shape` + `batchSize` for an input).
                var full = ConfigJson.ToShape(value, $"{className}: '{key}'");
                if (byName.TryGetValue("shape", out var sp) && sp.ParameterType == typeof(Shape))
                {
                    args[sp.Position] = full[1..];
                    given[sp.Position] = true;
                    if (byName.TryGetValue("batchSize", out var bp) && full.Rank > 0 && full[0] is long b)
                    {
                        args[bp.Position] = (int)b;
                        given[bp.Position] = true;
                    }
                }
                else if (byName.TryGetValue("inputShape", out var ip))
                {
                    args[ip.Position] = full[1..];
                    given[ip.Position] = true;
                }
                continue;
            }
            if (key == "input_shape" && value is not null && byName.TryGetValue("inputShape", out var isp))
            {
                args[isp.Position] = ConfigJson.ToShape(value, $"{className}: 'input_shape'");
                given[isp.Position] = true;
                continue;
            }
            // A settable public property (e.g. `trainable` -> Trainable) is assigned after construction.
            var prop = type.GetProperty(ToPascalCase(key), BindingFlags.Public | BindingFlags.Instance);
            if (prop is { CanWrite: true } && prop.SetMethod is { IsPublic: true })
            {
                try { afterwards.Add((prop, ConfigValueConverter.Convert(value, prop.PropertyType))); }
                catch (Exception e) when (e is FormatException or OverflowException or InvalidDataException or ArgumentException)
                {
                    errors.Add($"{className}: config key '{key}': {e.Message.TrimEnd('.')}.");
                }
                continue;
            }
            if (value is null || key is "batch_shape" or "batch_input_shape") continue;
            if (IgnoredAtDefault.TryGetValue(key, out var dflt) && JsonNode.DeepEquals(value, dflt)) continue;
            if (IgnoredAnyValue.Contains(key)) continue;
            if (key == "seed") continue; // randomness only: KerasSharp follows Keras.Utils.SetRandomSeed

            errors.Add($"{className}: config key '{key}' = {ConfigJson.Describe(value)} is not supported by KerasSharp's {type.Name} " +
                       $"(no constructor parameter '{pname}').");
        }

        foreach (var p in parameters)
        {
            if (given[p.Position]) continue;
            if (p.HasDefaultValue) args[p.Position] = p.DefaultValue is null && p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null
                ? Activator.CreateInstance(p.ParameterType)
                : p.DefaultValue;
            else if (p.IsOptional) args[p.Position] = Type.Missing;
            else errors.Add($"{className}: config has no key '{ToSnakeCase(p.Name!)}', which {type.Name}'s constructor requires (parameter '{p.Name}').");
        }
        return args;
    }

    /// <summary>The dtype name of a config's <c>dtype</c>: a string, or a DTypePolicy's <c>config.name</c>.</summary>
    private static string? DTypeName(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonObject o when o["config"] is JsonObject c && c["name"] is JsonValue n && n.TryGetValue(out string? s) => s,
        _ => ConfigJson.Describe(value),
    };

    /// <summary><c>kernel_size</c> -> <c>kernelSize</c>.</summary>
    public static string ToCamelCase(string snake)
    {
        var parts = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return snake;
        return parts[0] + string.Concat(parts.Skip(1).Select(s => char.ToUpperInvariant(s[0]) + s[1..]));
    }

    /// <summary><c>kernel_size</c> -> <c>KernelSize</c>.</summary>
    public static string ToPascalCase(string snake)
    {
        var camel = ToCamelCase(snake);
        return camel.Length == 0 ? camel : char.ToUpperInvariant(camel[0]) + camel[1..];
    }

    /// <summary><c>kernelSize</c> -> <c>kernel_size</c>.</summary>
    public static string ToSnakeCase(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
