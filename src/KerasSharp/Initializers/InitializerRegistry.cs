using KerasSharp.Internal;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras' <c>keras.initializers.get</c>: resolves a initializer name to a new <see cref="Initializer"/>.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// </summary>
public static class InitializerRegistry
{
    private static readonly Registry<Initializer> Table = new Registry<Initializer>("initializer", StringComparer.Ordinal);

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="Initializer"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Initializer Get(string name) => Table.Get(name, nameof(name));
}
