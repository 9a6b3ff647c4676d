using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>A <see cref="Layers.Conv1D"/> layer (same parameters as its constructor).</summary>
    public static Conv1D Conv1D(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", IntTuple? dilationRate = null, int groups = 1, ActivationFunction? activation = null,
        bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, Shape? inputShape = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer,
            biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, inputShape, name);

    /// <summary>A <see cref="Layers.Conv2D"/> layer (same parameters as its constructor).</summary>
    public static Conv2D Conv2D(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", IntTuple? dilationRate = null, int groups = 1, ActivationFunction? activation = null,
        bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, Shape? inputShape = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer,
            biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, inputShape, name);

    /// <summary>A <see cref="Layers.Conv3D"/> layer (same parameters as its constructor).</summary>
    public static Conv3D Conv3D(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", IntTuple? dilationRate = null, int groups = 1, ActivationFunction? activation = null,
        bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, Shape? inputShape = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer,
            biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, inputShape, name);

}
