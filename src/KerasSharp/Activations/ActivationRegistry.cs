using KerasSharp.Internal;

namespace KerasSharp.Activations;

/// <summary>
/// Keras' <c>keras.activations.get</c>: resolves a activation name to a new <see cref="ActivationFunction"/>.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// </summary>
public static class ActivationRegistry
{
    private static readonly Registry<ActivationFunction> Table = new Registry<ActivationFunction>("activation", StringComparer.Ordinal);

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="ActivationFunction"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static ActivationFunction Get(string name) => Table.Get(name, nameof(name));
}
