using KerasSharp.Internal;

namespace KerasSharp.Regularizers;

/// <summary>Keras' <c>regularizers.get</c>: <c>l1</c>, <c>l2</c>, <c>l1_l2</c> and the class names, with Keras' defaults.</summary>
public static class RegularizerRegistry
{
    private static readonly Registry<Regularizer> Table = new Registry<Regularizer>("regularizer", StringComparer.Ordinal)
        .Add(() => new L1(), "l1", "L1")
        .Add(() => new L2(), "l2", "L2")
        .Add(() => new L1L2(), "l1_l2", "L1L2");

    /// <summary>Every accepted name.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>A new regularizer for <paramref name="name"/>; unknown names throw listing the valid ones.</summary>
    public static Regularizer Get(string name) => Table.Get(name);
}
