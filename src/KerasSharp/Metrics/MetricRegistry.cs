using KerasSharp.Internal;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.get</c>: resolves a metric name to a new <see cref="Metric"/>.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// </summary>
public static class MetricRegistry
{
    private static readonly Registry<Metric> Table = new Registry<Metric>("metric", StringComparer.Ordinal);

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="Metric"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Metric Get(string name) => Table.Get(name, nameof(name));
}
