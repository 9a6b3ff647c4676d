using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>
/// Base of weight constraints (Keras' <c>keras.constraints.Constraint</c>): a projection applied to a weight after every
/// optimizer update. Pass one as <c>kernelConstraint</c>/<c>biasConstraint</c>, or by name (<c>"max_norm"</c>,
/// <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>).
/// </summary>
public abstract class Constraint
{
    /// <summary>Keras' epsilon (1e-7) guarding divisions by a norm.</summary>
    protected const double Epsilon = 1e-7;

    /// <summary>The projected value of <paramref name="w"/> (a new tensor; the weight is assigned from it).</summary>
    public abstract Tensor Call(Tensor w);

    /// <summary>Keras' registered snake_case name.</summary>
    public abstract string Name { get; }

    /// <summary>Keras' config dictionary.</summary>
    public abstract Dictionary<string, object?> GetConfig();

    /// <summary>Resolves a registry name (<c>"max_norm"</c>) to a constraint with Keras' defaults.</summary>
    public static implicit operator Constraint(string name) => ConstraintRegistry.Get(name);

    /// <summary>L2 norms of <paramref name="w"/> along <paramref name="axes"/>, kept for broadcasting.</summary>
    protected static Tensor Norms(Tensor w, long[] axes) => w.square().sum(Normalize(axes, w.dim()), keepdim: true).sqrt();

    private static long[] Normalize(long[] axes, long rank) => axes.Select(a => a < 0 ? a + rank : a).ToArray();
}
