using System.Collections.Concurrent;
using System.Reflection;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;

namespace KerasSharp.Saving;

/// <summary>
/// Keras class names of KerasSharp's classes, per family (layers, initializers, ...), and the custom classes
/// registered by name (Keras' <c>register_keras_serializable</c>). Built-in classes are found by reflection: every
/// public non-abstract class of this library deriving from a family's base class, under Keras' class name (the
/// .NET name, except <c>Input</c> = <c>InputLayer</c> and metric classes named <c>XxxMetric</c> = <c>Xxx</c>).
/// </summary>
internal static class SerializationRegistry
{
    /// <summary>One family of serializable objects: its base class and Keras module.</summary>
    internal sealed record Family(string Name, Type BaseType, string Module);

    private static readonly Lazy<IReadOnlyList<Family>> families = new(BuildFamilies);
    private static readonly Lazy<Dictionary<Family, Dictionary<string, Type>>> builtIns = new(BuildBuiltIns);
    private static readonly ConcurrentDictionary<string, Type> customByRegisteredName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, string> registeredNameByType = new();
    private static readonly ConcurrentDictionary<Assembly, byte> scannedAssemblies = new();

    /// <summary>Every family, in the order used to guess a module from a bare class name.</summary>
    public static IReadOnlyList<Family> Families => families.Value;

    /// <summary>The family named <paramref name="name"/> (<c>layer</c>, <c>initializer</c>, ...).</summary>
    public static Family FamilyNamed(string name) => Families.First(f => f.Name == name);

    private static IReadOnlyList<Family> BuildFamilies()
    {
        var list = new List<Family>
        {
            new("initializer", typeof(Initializer), "keras.initializers"),
            new("learning rate schedule", typeof(LearningRateSchedule), "keras.optimizers.schedules"),
        };
        var asm = typeof(Layer).Assembly;
        if (asm.GetType("KerasSharp.Regularizers.Regularizer") is Type reg) list.Add(new("regularizer", reg, "keras.regularizers"));
        if (asm.GetType("KerasSharp.Constraints.Constraint") is Type con) list.Add(new("constraint", con, "keras.constraints"));
        list.Add(new("layer", typeof(Layer), "keras.layers"));
        list.Add(new("optimizer", typeof(Optimizer), "keras.optimizers"));
        list.Add(new("loss", typeof(Loss), "keras.losses"));
        list.Add(new("metric", typeof(Metric), "keras.metrics"));
        return list;
    }

    private static Dictionary<Family, Dictionary<string, Type>> BuildBuiltIns()
    {
        var result = new Dictionary<Family, Dictionary<string, Type>>();
        var types = typeof(Layer).Assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract).ToArray();
        foreach (var f in Families)
        {
            var table = new Dictionary<string, Type>(StringComparer.Ordinal);
            foreach (var t in types.Where(t => f.BaseType.IsAssignableFrom(t)))
                table.TryAdd(KerasClassNameOfBuiltIn(t), t);
            result[f] = table;
        }
        return result;
    }

    /// <summary>Keras' class name for a KerasSharp class (<c>Input</c> -> <c>InputLayer</c>, <c>HingeMetric</c> -> <c>Hinge</c>).</summary>
    private static string KerasClassNameOfBuiltIn(Type t)
    {
        if (t == typeof(Input)) return "InputLayer";
        if (t == typeof(Model)) return "Functional"; // keras.Model(inputs, outputs) is Keras' Functional class
        // Keras 3.5's class names of the initializers it exports as Orthogonal and Identity (3.5.0 writes these).
        if (t == typeof(Orthogonal)) return "OrthogonalInitializer";
        if (t == typeof(Initializers.Identity)) return "IdentityInitializer";
        if (typeof(Metric).IsAssignableFrom(t) && t.Name.EndsWith("Metric", StringComparison.Ordinal) && t.Name != "Metric")
            return t.Name[..^"Metric".Length];
        return t.Name;
    }

    /// <summary>The family <paramref name="type"/> belongs to, or null.</summary>
    public static Family? FamilyOf(Type type) => Families.FirstOrDefault(f => f.BaseType.IsAssignableFrom(type));

    /// <summary>Keras' class name for an object's type.</summary>
    public static string ClassNameOf(Type type)
    {
        if (RegisteredNameOf(type) is string reg && type.Assembly != typeof(Layer).Assembly)
            return type.Name;
        if (type == typeof(Sequential)) return "Sequential";
        return KerasClassNameOfBuiltIn(type);
    }

    /// <summary>Keras' <c>module</c> for an object's type (custom classes: their .NET namespace).</summary>
    public static string ModuleOf(Type type)
    {
        if (type.Assembly != typeof(Layer).Assembly) return type.Namespace ?? "custom";
        if (typeof(Model).IsAssignableFrom(type)) return type == typeof(Sequential) ? "keras" : "keras.src.models.functional";
        return FamilyOf(type)?.Module ?? "keras";
    }

    /// <summary>The module of a built-in class name (first family that knows it), or null.</summary>
    public static string? ModuleOf(string className)
    {
        foreach (var f in Families)
            if (builtIns.Value[f].ContainsKey(className)) return f.Module;
        var custom = customByRegisteredName.Values.FirstOrDefault(t => t.Name == className);
        return custom is null ? null : ModuleOf(custom);
    }

    /// <summary>The registered name (<c>package&gt;name</c>) of a custom class, or null.</summary>
    public static string? RegisteredNameOf(Type type)
    {
        if (registeredNameByType.TryGetValue(type, out var name)) return name;
        if (type.GetCustomAttribute<RegisterSerializableAttribute>() is { } a)
        {
            var reg = $"{a.Package}>{a.Name ?? type.Name}";
            Register(type, reg);
            return reg;
        }
        return null;
    }

    /// <summary>The registered name for a bare class name of a registered custom class, or null.</summary>
    public static string? RegisteredNameOf(string className)
    {
        var custom = customByRegisteredName.Values.FirstOrDefault(t => t.Name == className);
        return custom is null ? null : RegisteredNameOf(custom);
    }

    /// <summary>Registers <paramref name="type"/> under <paramref name="registeredName"/> (<c>package&gt;name</c>).</summary>
    public static void Register(Type type, string registeredName)
    {
        if (customByRegisteredName.TryGetValue(registeredName, out var existing) && existing != type)
            throw new ArgumentException(
                $"The name '{registeredName}' is already registered for {existing.FullName}; cannot register {type.FullName} under it.", nameof(registeredName));
        customByRegisteredName[registeredName] = type;
        registeredNameByType[type] = registeredName;
    }

    /// <summary>
    /// The class for a serialized object of <paramref name="family"/>: the registered custom class named
    /// <paramref name="registeredName"/>, else a custom or built-in class named <paramref name="className"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">No class of that name is known; the message names it.</exception>
    public static Type Resolve(Family family, string className, string? registeredName)
    {
        ScanAttributesOnce();
        // Classes given to a custom-object scope or to LoadModel(customObjects:) come first, as in Keras.
        foreach (var key in registeredName is null ? [className] : new[] { registeredName, className })
            if (CustomObjects.FindType(key) is Type scoped && family.BaseType.IsAssignableFrom(scoped))
                return scoped;
        if (registeredName is not null && customByRegisteredName.TryGetValue(registeredName, out var t) && family.BaseType.IsAssignableFrom(t))
            return t;
        if (customByRegisteredName.TryGetValue(className, out t) && family.BaseType.IsAssignableFrom(t))
            return t;
        var byClass = customByRegisteredName.Values.FirstOrDefault(c => c.Name == className && family.BaseType.IsAssignableFrom(c));
        if (byClass is not null) return byClass;
        if (builtIns.Value[family].TryGetValue(className, out t)) return t;
        // Keras' aliases (OrthogonalInitializer, IdentityInitializer, ...): the family's name registry is the one source
        // for both strings and serialized objects.
        if (family.BaseType == typeof(Initializer) && InitializerRegistry.Names.Contains(className))
            return InitializerRegistry.Get(className).GetType();
        if (family.BaseType == typeof(Layer) && className is "Functional" or "Model" or "Sequential")
            return className == "Sequential" ? typeof(Sequential) : typeof(Model);
        var hint = registeredName is not null && registeredName != className ? $" (registered name '{registeredName}')" : "";
        throw new InvalidDataException(
            $"Unknown {family.Name} class '{className}'{hint}: KerasSharp has no such {family.Name}. If it is a custom class, " +
            "register it with Keras.Saving.RegisterSerializable<T>() or [RegisterSerializable] before loading.");
    }

    /// <summary>Every built-in Keras class name of <paramref name="family"/>.</summary>
    public static IReadOnlyCollection<string> BuiltInNames(Family family) => builtIns.Value[family].Keys;

    private static void ScanAttributesOnce()
    {
        // Registers [RegisterSerializable] classes of every assembly loaded so far (each assembly once).
        foreach (var asm in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (asm.IsDynamic || !scannedAssemblies.TryAdd(asm, 0)) continue;
            Type[] types;
            try { types = asm.GetTypes(); }
            catch (ReflectionTypeLoadException e) { types = e.Types.Where(x => x is not null).ToArray()!; }
            foreach (var type in types)
                if (type.IsClass && type.GetCustomAttribute<RegisterSerializableAttribute>(false) is not null)
                    RegisteredNameOf(type);
        }
    }
}
