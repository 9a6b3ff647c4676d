using System.Collections.Concurrent;
using KerasSharp.Activations;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// Keras' custom objects for (de)serialization: functions registered by name (Keras' <c>register_keras_serializable</c>
/// on a function, stored as <c>"package&gt;name"</c>) and the objects of the active
/// <see cref="Keras.Saving.CustomObjectScope"/>s and of a <c>LoadModel(customObjects:)</c> call (Keras'
/// <c>custom_object_scope</c> / <c>custom_objects</c>). Scope entries map a name to a class (<see cref="Type"/>), an
/// activation (<c>Func&lt;Tensor, Tensor&gt;</c> or <see cref="ActivationFunction"/>) or a loss / metric function
/// (<c>Func&lt;Tensor, Tensor, Tensor&gt;</c>).
/// </summary>
internal static class CustomObjects
{
    private static readonly ConcurrentDictionary<string, Delegate> registered = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<ScopeNode?> scopes = new();

    private sealed record ScopeNode(IReadOnlyDictionary<string, object> Objects, ScopeNode? Outer);

    /// <summary>Checks a custom-objects dictionary: names non-empty, values of a supported kind.</summary>
    /// <exception cref="ArgumentException">A null or empty name, or a value that is not a class, activation or function.</exception>
    public static Dictionary<string, object> Validate(IReadOnlyDictionary<string, object> objects, string argument)
    {
        ArgumentNullException.ThrowIfNull(objects, argument);
        var copy = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in objects)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException($"{argument}: every name must be a non-empty string.", argument);
            copy[name] = value switch
            {
                Type t when SerializationRegistry.FamilyOf(t) is not null => t,
                Func<Tensor, Tensor> or Func<Tensor, Tensor, Tensor> or ActivationFunction => value,
                null => throw new ArgumentException($"{argument}: the value for '{name}' is null.", argument),
                _ => throw new ArgumentException(
                    $"{argument}: the value for '{name}' must be a Keras object class (a Type deriving from Layer, Loss, Metric, Initializer, ...), " +
                    $"an activation (Func<Tensor, Tensor> or ActivationFunction) or a loss / metric function (Func<Tensor, Tensor, Tensor>), but received a {value.GetType().Name}.", argument),
            };
        }
        return copy;
    }

    /// <summary>Makes <paramref name="objects"/> visible to deserialization on this async flow until disposed.</summary>
    public static IDisposable Push(IReadOnlyDictionary<string, object> objects)
    {
        var node = new ScopeNode(objects, scopes.Value);
        scopes.Value = node;
        return new Popper(node);
    }

    private sealed class Popper(ScopeNode node) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            if (ReferenceEquals(scopes.Value, node)) scopes.Value = node.Outer;
        }
    }

    /// <summary>Registers a function under <paramref name="registeredName"/> (<c>package&gt;name</c>).</summary>
    /// <exception cref="ArgumentException">The name is registered for another function.</exception>
    public static void Register(string registeredName, Delegate function)
    {
        var existing = registered.GetOrAdd(registeredName, function);
        if (!ReferenceEquals(existing, function) && !Equals(existing, function))
            throw new ArgumentException($"The name '{registeredName}' is already registered for another function.", nameof(registeredName));
    }

    /// <summary>The object named <paramref name="name"/>: the innermost scope's entry, else a registered function
    /// (by its full <c>package&gt;name</c>, or by the bare name when one registered function has it).</summary>
    public static object? Find(string name)
    {
        for (var node = scopes.Value; node is not null; node = node.Outer)
        {
            if (node.Objects.TryGetValue(name, out var value)) return value;
            // Keras looks custom objects up by the bare name too ("custom_fn" for "package>custom_fn").
            if (name.Contains('>') && node.Objects.TryGetValue(name[(name.IndexOf('>') + 1)..], out value)) return value;
        }
        if (registered.TryGetValue(name, out var fn)) return fn;
        return RegisteredNameOfBare(name) is string full ? registered[full] : null;
    }

    /// <summary>The class named <paramref name="name"/> in the active scopes, or null.</summary>
    public static Type? FindType(string name) => Find(name) as Type;

    /// <summary>An activation for <paramref name="name"/> from the scopes or the registered functions, or null.</summary>
    public static ActivationFunction? FindActivation(string name) => Find(name) switch
    {
        ActivationFunction a => a,
        Func<Tensor, Tensor> f => new ActivationFunction(RegisteredNameOf(f) ?? name, f),
        _ => null,
    };

    /// <summary>A loss or metric function for <paramref name="name"/> from the scopes or the registered functions, or null.</summary>
    public static Func<Tensor, Tensor, Tensor>? FindFunction2(string name) => Find(name) as Func<Tensor, Tensor, Tensor>;

    /// <summary>The registered name (<c>package&gt;name</c>) of <paramref name="function"/>, or null.</summary>
    public static string? RegisteredNameOf(Delegate function)
    {
        foreach (var (name, fn) in registered)
            if (ReferenceEquals(fn, function) || fn.Equals(function)) return name;
        return null;
    }

    /// <summary>True when <paramref name="name"/> is the full registered name of a function.</summary>
    public static bool IsRegisteredFunction(string name) => registered.ContainsKey(name);

    /// <summary>The full registered name of the one registered function whose bare name is <paramref name="bare"/>, or null.</summary>
    public static string? RegisteredNameOfBare(string bare)
    {
        string? found = null;
        foreach (var name in registered.Keys)
        {
            if (name.Length <= bare.Length || !name.EndsWith(bare, StringComparison.Ordinal) || name[^(bare.Length + 1)] != '>') continue;
            if (found is not null) return null;   // ambiguous
            found = name;
        }
        return found;
    }

    /// <summary>Keras' serialized form of a named function: <c>{"module": "builtins", "class_name": "function", "config": name, "registered_name": "function"}</c>.</summary>
    public static System.Text.Json.Nodes.JsonObject FunctionNode(string name) => new()
    {
        ["module"] = "builtins",
        ["class_name"] = "function",
        ["config"] = name,
        ["registered_name"] = "function",
    };
}
