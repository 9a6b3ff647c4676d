using KerasSharp.Internal;

namespace KerasSharp.Activations;

/// <summary>
/// Keras' <c>keras.activations.get</c>: resolves a activation name to a new <see cref="ActivationFunction"/>.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// </summary>
public static class ActivationRegistry
{
    // Keras' activations.get: the function names of keras.activations (case-sensitive), plus the aliases
    // swish -> silu and hard_swish -> hard_silu. An alias resolves to the canonical name, as Keras' serialize gives.
    private static readonly Registry<ActivationFunction> Table = new Registry<ActivationFunction>("activation", StringComparer.Ordinal)
        .Add(() => new ActivationFunction("linear", ActivationFunctions.Linear), "linear")
        .Add(() => new ActivationFunction("relu", x => ActivationFunctions.Relu(x), x => x.relu_()), "relu")
        .Add(() => new ActivationFunction("leaky_relu", x => ActivationFunctions.LeakyRelu(x)), "leaky_relu")
        .Add(() => new ActivationFunction("relu6", ActivationFunctions.Relu6), "relu6")
        .Add(() => new ActivationFunction("sigmoid", ActivationFunctions.Sigmoid), "sigmoid")
        .Add(() => new ActivationFunction("tanh", ActivationFunctions.Tanh), "tanh")
        .Add(() => new ActivationFunction("softmax", x => ActivationFunctions.Softmax(x)), "softmax")
        .Add(() => new ActivationFunction("log_softmax", x => ActivationFunctions.LogSoftmax(x)), "log_softmax")
        .Add(() => new ActivationFunction("elu", x => ActivationFunctions.Elu(x)), "elu")
        .Add(() => new ActivationFunction("selu", ActivationFunctions.Selu), "selu")
        .Add(() => new ActivationFunction("gelu", x => ActivationFunctions.Gelu(x)), "gelu")
        .Add(() => new ActivationFunction("silu", ActivationFunctions.Silu), "silu", "swish")
        .Add(() => new ActivationFunction("softplus", ActivationFunctions.Softplus), "softplus")
        .Add(() => new ActivationFunction("softsign", ActivationFunctions.Softsign), "softsign")
        .Add(() => new ActivationFunction("hard_sigmoid", ActivationFunctions.HardSigmoid), "hard_sigmoid")
        .Add(() => new ActivationFunction("hard_silu", ActivationFunctions.HardSilu), "hard_silu", "hard_swish")
        .Add(() => new ActivationFunction("exponential", ActivationFunctions.Exponential), "exponential")
        .Add(() => new ActivationFunction("mish", ActivationFunctions.Mish), "mish")
        .Add(() => new ActivationFunction("crelu", x => ActivationFunctions.CRelu(x)), "crelu");

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="ActivationFunction"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static ActivationFunction Get(string name) => Table.Get(name, nameof(name));
}
