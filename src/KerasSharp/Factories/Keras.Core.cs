using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>An <see cref="Layers.EinsumDense"/> layer: <c>EinsumDense("ab,bc-&gt;ac", 64, biasAxes: "c")</c>.</summary>
    public static EinsumDense EinsumDense(string equation, Shape outputShape, ActivationFunction? activation = null, string? biasAxes = null,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, string? name = null) =>
        new(equation, outputShape, activation, biasAxes, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer,
            activityRegularizer, kernelConstraint, biasConstraint, name);

    /// <summary>A <see cref="Layers.Lambda"/> layer: <c>Lambda(t =&gt; t.tanh())</c>.</summary>
    public static Lambda Lambda(Func<Tensor, Tensor> function, Shape? outputShape = null, string? name = null) => new(function, outputShape, name);

    /// <summary>An <see cref="Layers.Identity"/> layer.</summary>
    public static Layers.Identity Identity(string? name = null) => new(name);

    /// <summary>A <see cref="Layers.Masking"/> layer.</summary>
    public static Masking Masking(double maskValue = 0.0, string? name = null) => new(maskValue, name);

    /// <summary>A <see cref="Layers.TorchModuleLayer"/>: a TorchSharp module used as a layer (Keras' <c>TorchModuleWrapper</c>).</summary>
    public static TorchModuleLayer TorchModuleLayer(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> module, string? name = null) =>
        new(module, name);
}
