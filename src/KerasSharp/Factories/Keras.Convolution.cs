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

    /// <summary>A <see cref="Layers.Conv1DTranspose"/> layer (same parameters as its constructor).</summary>
    public static Conv1DTranspose Conv1DTranspose(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        IntTuple? outputPadding = null, string dataFormat = "channels_last", IntTuple? dilationRate = null,
        ActivationFunction? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null, Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null, Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias, kernelInitializer,
            biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, inputShape, name);

    /// <summary>A <see cref="Layers.Conv2DTranspose"/> layer (same parameters as its constructor).</summary>
    public static Conv2DTranspose Conv2DTranspose(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        IntTuple? outputPadding = null, string dataFormat = "channels_last", IntTuple? dilationRate = null,
        ActivationFunction? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null, Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null, Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias, kernelInitializer,
            biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, inputShape, name);

    /// <summary>A <see cref="Layers.Conv3DTranspose"/> layer (same parameters as its constructor).</summary>
    public static Conv3DTranspose Conv3DTranspose(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        IntTuple? outputPadding = null, string dataFormat = "channels_last", IntTuple? dilationRate = null,
        ActivationFunction? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null, Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null, Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias, kernelInitializer,
            biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, inputShape, name);

    /// <summary>A <see cref="Layers.DepthwiseConv1D"/> layer (same parameters as its constructor).</summary>
    public static DepthwiseConv1D DepthwiseConv1D(IntTuple kernelSize, IntTuple? strides = null, string padding = "valid", int depthMultiplier = 1,
        string dataFormat = "channels_last", IntTuple? dilationRate = null, ActivationFunction? activation = null,
        bool useBias = true, Initializer? depthwiseInitializer = null, Initializer? biasInitializer = null,
        Regularizer? depthwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? biasConstraint = null, Shape? inputShape = null, string? name = null) =>
        new(kernelSize, strides, padding, depthMultiplier, dataFormat, dilationRate, activation, useBias, depthwiseInitializer,
            biasInitializer, depthwiseRegularizer, biasRegularizer, activityRegularizer, depthwiseConstraint, biasConstraint, inputShape, name);

    /// <summary>A <see cref="Layers.DepthwiseConv2D"/> layer (same parameters as its constructor).</summary>
    public static DepthwiseConv2D DepthwiseConv2D(IntTuple kernelSize, IntTuple? strides = null, string padding = "valid", int depthMultiplier = 1,
        string dataFormat = "channels_last", IntTuple? dilationRate = null, ActivationFunction? activation = null,
        bool useBias = true, Initializer? depthwiseInitializer = null, Initializer? biasInitializer = null,
        Regularizer? depthwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? biasConstraint = null, Shape? inputShape = null, string? name = null) =>
        new(kernelSize, strides, padding, depthMultiplier, dataFormat, dilationRate, activation, useBias, depthwiseInitializer,
            biasInitializer, depthwiseRegularizer, biasRegularizer, activityRegularizer, depthwiseConstraint, biasConstraint, inputShape, name);

    /// <summary>A <see cref="Layers.SeparableConv1D"/> layer (same parameters as its constructor).</summary>
    public static SeparableConv1D SeparableConv1D(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", IntTuple? dilationRate = null, int depthMultiplier = 1,
        ActivationFunction? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
        Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, Regularizer? depthwiseRegularizer = null,
        Regularizer? pointwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? pointwiseConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias,
            depthwiseInitializer, pointwiseInitializer, biasInitializer, depthwiseRegularizer, pointwiseRegularizer, biasRegularizer,
            activityRegularizer, depthwiseConstraint, pointwiseConstraint, biasConstraint, inputShape, name);

    /// <summary>A <see cref="Layers.SeparableConv2D"/> layer (same parameters as its constructor).</summary>
    public static SeparableConv2D SeparableConv2D(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", IntTuple? dilationRate = null, int depthMultiplier = 1,
        ActivationFunction? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
        Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, Regularizer? depthwiseRegularizer = null,
        Regularizer? pointwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? pointwiseConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias,
            depthwiseInitializer, pointwiseInitializer, biasInitializer, depthwiseRegularizer, pointwiseRegularizer, biasRegularizer,
            activityRegularizer, depthwiseConstraint, pointwiseConstraint, biasConstraint, inputShape, name);
}
