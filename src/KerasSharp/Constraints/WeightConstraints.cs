using System.Runtime.CompilerServices;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Constraints;

/// <summary>
/// The constraint attached to each weight by <c>AddWeight(constraint: ...)</c>; optimizers project the weight after each
/// update (Keras assigns <c>variable.constraint(variable)</c> after applying gradients).
/// </summary>
internal static class WeightConstraints
{
    private static readonly ConditionalWeakTable<Parameter, Constraint> Table = new();

    public static void Set(Parameter p, Constraint c) => Table.AddOrUpdate(p, c);

    public static Constraint? Get(Parameter p) => Table.TryGetValue(p, out var c) ? c : null;

    /// <summary>Projects every constrained weight in <paramref name="parameters"/> in place.</summary>
    public static void Apply(IEnumerable<Parameter> parameters)
    {
        foreach (var p in parameters)
        {
            if (!Table.TryGetValue(p, out var c)) continue;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            p.copy_(c.Call(p));
        }
    }
}
