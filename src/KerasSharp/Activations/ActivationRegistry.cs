using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Activations;

/// <summary>
/// Keras' <c>keras.activations.get</c>: resolves a activation name to a new <see cref="ActivationFunction"/>.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// </summary>
public static class ActivationRegistry
{
    // Keras' activations.get: the function names of keras.activations (case-sensitive), plus the aliases
    // swish -> silu and hard_swish -> hard_silu. An alias resolves to the canonical name, as Keras' serialize gives.
    // Element-wise functions made only of exactly rounded selections/clamps are row-wise (see ActivationFunction.RowWise).
    private static readonly Registry<ActivationFunction> Table = new Registry<ActivationFunction>("activation", StringComparer.Ordinal)
        .Add(() => ActivationFunction.OfBuiltIn("linear", ActivationFunctions.Linear, rowWise: true), "linear")
        .Add(() => ActivationFunction.OfBuiltIn("relu", x => ActivationFunctions.Relu(x), x => x.relu_(), rowWise: true), "relu")
        .Add(() => ActivationFunction.OfBuiltIn("leaky_relu", x => ActivationFunctions.LeakyRelu(x), rowWise: true), "leaky_relu")
        .Add(() => ActivationFunction.OfBuiltIn("relu6", ActivationFunctions.Relu6, rowWise: true), "relu6")
        .Add(() => ActivationFunction.OfBuiltIn("sigmoid", ActivationFunctions.Sigmoid), "sigmoid")
        .Add(() => ActivationFunction.OfBuiltIn("tanh", ActivationFunctions.Tanh), "tanh")
        .Add(() => ActivationFunction.OfBuiltIn("softmax", x => ActivationFunctions.Softmax(x), rowWise: true), "softmax")
        .Add(() => ActivationFunction.OfBuiltIn("log_softmax", x => ActivationFunctions.LogSoftmax(x), rowWise: true), "log_softmax")
        .Add(() => ActivationFunction.OfBuiltIn("elu", x => ActivationFunctions.Elu(x)), "elu")
        .Add(() => ActivationFunction.OfBuiltIn("selu", ActivationFunctions.Selu), "selu")
        .Add(() => ActivationFunction.OfBuiltIn("gelu", x => ActivationFunctions.Gelu(x)), "gelu")
        .Add(() => ActivationFunction.OfBuiltIn("silu", ActivationFunctions.Silu), "silu", "swish")
        .Add(() => ActivationFunction.OfBuiltIn("softplus", ActivationFunctions.Softplus), "softplus")
        .Add(() => ActivationFunction.OfBuiltIn("softsign", ActivationFunctions.Softsign), "softsign")
        .Add(() => ActivationFunction.OfBuiltIn("hard_sigmoid", ActivationFunctions.HardSigmoid), "hard_sigmoid")
        .Add(() => ActivationFunction.OfBuiltIn("hard_silu", ActivationFunctions.HardSilu), "hard_silu", "hard_swish")
        .Add(() => ActivationFunction.OfBuiltIn("exponential", ActivationFunctions.Exponential), "exponential")
        .Add(() => ActivationFunction.OfBuiltIn("mish", ActivationFunctions.Mish), "mish")
        .Add(() => ActivationFunction.OfBuiltIn("crelu", x => ActivationFunctions.CRelu(x), rowWise: true), "crelu")
        .Add(() => ActivationFunction.OfBuiltIn("celu", x => ActivationFunctions.Celu(x)), "celu")
        .Add(() => ActivationFunction.OfBuiltIn("glu", x => ActivationFunctions.Glu(x)), "glu")
        .Add(() => ActivationFunction.OfBuiltIn("hard_tanh", ActivationFunctions.HardTanh, rowWise: true), "hard_tanh")
        .Add(() => ActivationFunction.OfBuiltIn("hard_shrink", x => ActivationFunctions.HardShrink(x), rowWise: true), "hard_shrink")
        .Add(() => ActivationFunction.OfBuiltIn("soft_shrink", x => ActivationFunctions.SoftShrink(x), rowWise: true), "soft_shrink")
        .Add(() => ActivationFunction.OfBuiltIn("tanh_shrink", ActivationFunctions.TanhShrink), "tanh_shrink")
        .Add(() => ActivationFunction.OfBuiltIn("threshold", ThresholdWithoutArguments), "threshold")
        .Add(() => ActivationFunction.OfBuiltIn("squareplus", x => ActivationFunctions.Squareplus(x)), "squareplus")
        .Add(() => ActivationFunction.OfBuiltIn("sparse_plus", ActivationFunctions.SparsePlus), "sparse_plus")
        .Add(() => ActivationFunction.OfBuiltIn("sparse_sigmoid", ActivationFunctions.SparseSigmoid), "sparse_sigmoid")
        .Add(() => ActivationFunction.OfBuiltIn("sparsemax", x => ActivationFunctions.Sparsemax(x)), "sparsemax")
        .Add(() => ActivationFunction.OfBuiltIn("log_sigmoid", ActivationFunctions.LogSigmoid), "log_sigmoid");

    // Keras' keras.activations.threshold(x, threshold, default_value) has no defaults: activations.get("threshold")
    // returns it, and calling it with x alone fails (a TypeError naming the two missing arguments).
    private static Tensor ThresholdWithoutArguments(Tensor x) =>
        throw new ArgumentException(
            "The activation \"threshold\" needs the arguments threshold and default_value, which have no defaults in Keras " +
            "(keras.activations.threshold(x, threshold, default_value)), so it cannot be applied by name. Pass a function instead, " +
            "e.g. activation: x => ActivationFunctions.Threshold(x, 0.1, 0.0).", "threshold");

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="ActivationFunction"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static ActivationFunction Get(string name) => Table.Get(name, nameof(name));
}
