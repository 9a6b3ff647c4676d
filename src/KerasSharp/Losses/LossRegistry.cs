using KerasSharp.Internal;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.get</c>: resolves a loss name to a new <see cref="Loss"/>.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// </summary>
public static class LossRegistry
{
    private static readonly Registry<Loss> Table = new Registry<Loss>("loss", StringComparer.Ordinal);

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="Loss"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Loss Get(string name) => Table.Get(name, nameof(name));
}
