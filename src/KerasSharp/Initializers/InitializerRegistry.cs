using KerasSharp.Internal;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras' <c>keras.initializers.get</c>: resolves a initializer name to a new <see cref="Initializer"/>.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// </summary>
public static class InitializerRegistry
{
    // Keras' initializers.get: each class name and its snake_case form (case-sensitive), plus Keras' aliases
    // (uniform, normal, one, zero, OrthogonalInitializer, IdentityInitializer).
    private static readonly Registry<Initializer> Table = new Registry<Initializer>("initializer", StringComparer.Ordinal)
        .Add(() => new GlorotUniform(), "glorot_uniform", "GlorotUniform")
        .Add(() => new GlorotNormal(), "glorot_normal", "GlorotNormal")
        .Add(() => new HeUniform(), "he_uniform", "HeUniform")
        .Add(() => new HeNormal(), "he_normal", "HeNormal")
        .Add(() => new LecunUniform(), "lecun_uniform", "LecunUniform")
        .Add(() => new LecunNormal(), "lecun_normal", "LecunNormal")
        .Add(() => new VarianceScaling(), "variance_scaling", "VarianceScaling")
        .Add(() => new RandomUniform(), "random_uniform", "RandomUniform", "uniform")
        .Add(() => new RandomNormal(), "random_normal", "RandomNormal", "normal")
        .Add(() => new TruncatedNormal(), "truncated_normal", "TruncatedNormal")
        .Add(() => new Zeros(), "zeros", "Zeros", "zero")
        .Add(() => new Ones(), "ones", "Ones", "one")
        .Add(() => new Constant(), "constant", "Constant")
        .Add(() => new Orthogonal(), "orthogonal", "Orthogonal", "OrthogonalInitializer")
        .Add(() => new Identity(), "identity", "Identity", "IdentityInitializer");

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="Initializer"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Initializer Get(string name) => Table.Get(name, nameof(name));
}
