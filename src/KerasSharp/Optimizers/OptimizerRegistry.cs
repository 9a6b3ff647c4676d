using KerasSharp.Internal;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.get</c>: resolves a optimizer name to a new <see cref="Optimizer"/>.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// </summary>
public static class OptimizerRegistry
{
    private static readonly Registry<Optimizer> Table = new Registry<Optimizer>("optimizer", StringComparer.Ordinal);

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="Optimizer"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Optimizer Get(string name) => Table.Get(name, nameof(name));
}
