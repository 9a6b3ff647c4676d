using KerasSharp.Internal;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.get</c>: resolves a optimizer name to a new <see cref="Optimizer"/>.
/// As in Keras (which lower-cases the name before the look-up), names are case-insensitive: <c>"adam"</c>,
/// <c>"Adam"</c> and <c>"ADAM"</c> all give an <see cref="Adam"/> with Keras' defaults.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// </summary>
public static class OptimizerRegistry
{
    // Case-insensitive, so each lower-case name also covers Keras' class name (SGD, RMSprop, AdamW, ...).
    private static readonly Registry<Optimizer> Table = new Registry<Optimizer>("optimizer", StringComparer.OrdinalIgnoreCase)
        .Add(() => new SGD(), "sgd")
        .Add(() => new Adam(), "adam")
        .Add(() => new AdamW(), "adamw")
        .Add(() => new RMSprop(), "rmsprop")
        .Add(() => new Adagrad(), "adagrad")
        .Add(() => new Adadelta(), "adadelta")
        .Add(() => new Adamax(), "adamax")
        .Add(() => new Nadam(), "nadam")
        .Add(() => new Adafactor(), "adafactor")
        .Add(() => new Ftrl(), "ftrl")
        .Add(() => new Lamb(), "lamb")
        .Add(() => new Lion(), "lion");

    /// <summary>Every name this registry resolves (in lower case; any casing of them resolves too).</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="Optimizer"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Optimizer Get(string name) => Table.Get(name, nameof(name));
}
