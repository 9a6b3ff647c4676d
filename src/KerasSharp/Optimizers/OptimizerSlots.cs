using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// The per-variable state ("slots") every optimizer keeps, built and listed as Keras' <c>BaseOptimizer</c> does:
/// one tensor per variable shaped like it (<c>add_variable_from_reference</c>), kept outside any dispose scope, and
/// several slots listed variable by variable in the order Keras creates them (<c>m0, v0, m1, v1, ...</c>).
/// </summary>
internal static class OptimizerSlots
{
    /// <summary>One zero-filled slot per variable, with the variable's shape, dtype and device.</summary>
    /// <param name="vars">The optimizer's variables.</param>
    public static Tensor[] Zeros(IReadOnlyList<Parameter> vars) =>
        vars.Select(v => zeros_like(v).DetachFromDisposeScope()).ToArray();

    /// <summary>One slot per variable filled with <paramref name="value"/>, with the variable's shape, dtype and device.</summary>
    /// <param name="vars">The optimizer's variables.</param>
    /// <param name="value">The starting value of every element (e.g. Keras' <c>initial_accumulator_value</c>).</param>
    public static Tensor[] Filled(IReadOnlyList<Parameter> vars, double value) =>
        vars.Select(v => full_like(v, value).DetachFromDisposeScope()).ToArray();

    /// <summary>The slots of each variable in turn: <c>slots[0][0], slots[1][0], ..., slots[0][1], slots[1][1], ...</c>
    /// (all slot arrays have one entry per variable).</summary>
    /// <param name="extra">Room to reserve for tensors the caller appends after these.</param>
    /// <param name="slots">The slot arrays, in the order Keras creates a variable's slots.</param>
    public static List<Tensor> Interleave(int extra, params Tensor[][] slots)
    {
        int count = slots.Length == 0 ? 0 : slots[0].Length;
        var all = new List<Tensor>(count * slots.Length + extra);
        for (int i = 0; i < count; i++)
            foreach (var slot in slots)
                all.Add(slot[i]);
        return all;
    }
}
