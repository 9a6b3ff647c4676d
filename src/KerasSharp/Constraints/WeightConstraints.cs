using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Constraints;

/// <summary>
/// Keras' constraint step: after each optimizer update, every weight that <c>AddWeight(constraint: ...)</c> gave a
/// constraint is projected (Keras assigns <c>variable.constraint(variable)</c> after applying gradients). The
/// constraint travels on the weight itself (<see cref="Layers.LayerVariable"/>).
/// </summary>
internal static class WeightConstraints
{
    /// <summary>Projects every constrained weight in <paramref name="parameters"/> in place.</summary>
    public static void Apply(IEnumerable<Parameter> parameters)
    {
        foreach (var p in parameters)
        {
            if (p is not Layers.LayerVariable { Constraint: { } c }) continue;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            p.copy_(c.Call(p));
        }
    }
}
