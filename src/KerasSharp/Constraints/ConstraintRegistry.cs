using KerasSharp.Internal;

namespace KerasSharp.Constraints;

/// <summary>Keras' <c>constraints.get</c>: <c>max_norm</c>, <c>non_neg</c>, <c>unit_norm</c>, <c>min_max_norm</c> and the class names.</summary>
public static class ConstraintRegistry
{
    private static readonly Registry<Constraint> Table = new Registry<Constraint>("constraint", StringComparer.Ordinal)
        .Add(() => new MaxNorm(), "max_norm", "MaxNorm")
        .Add(() => new NonNeg(), "non_neg", "NonNeg")
        .Add(() => new UnitNorm(), "unit_norm", "UnitNorm")
        .Add(() => new MinMaxNorm(), "min_max_norm", "MinMaxNorm");

    /// <summary>Every accepted name.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>A new constraint for <paramref name="name"/>; unknown names throw listing the valid ones.</summary>
    public static Constraint Get(string name) => Table.Get(name);
}
