using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>A <see cref="Layers.BatchNormalization"/> layer: <c>BatchNormalization()</c>, <c>BatchNormalization(momentum: 0.9)</c>.</summary>
    public static BatchNormalization BatchNormalization(IntTuple? axis = null, double momentum = 0.99, double epsilon = 1e-3, bool center = true,
        bool scale = true, Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null, bool synchronized = false, string? name = null) =>
        new(axis, momentum, epsilon, center, scale, betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer,
            betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint, synchronized, name);

    /// <summary>A <see cref="Layers.LayerNormalization"/> layer: <c>LayerNormalization()</c>, <c>LayerNormalization(axis: new[] { 1, 2, 3 })</c>.</summary>
    public static LayerNormalization LayerNormalization(IntTuple? axis = null, double epsilon = 1e-3, bool center = true, bool scale = true,
        bool rmsScaling = false, Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null, string? name = null) =>
        new(axis, epsilon, center, scale, rmsScaling, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer,
            betaConstraint, gammaConstraint, name);

    /// <summary>A <see cref="Layers.GroupNormalization"/> layer: <c>GroupNormalization(groups: 8)</c>.</summary>
    public static GroupNormalization GroupNormalization(int groups = 32, int axis = -1, double epsilon = 1e-3, bool center = true,
        bool scale = true, Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null, string? name = null) =>
        new(groups, axis, epsilon, center, scale, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer,
            betaConstraint, gammaConstraint, name);

    /// <summary>A <see cref="Layers.RMSNormalization"/> layer (Keras' <c>keras.layers.RMSNormalization</c>): <c>RMSNormalization()</c>,
    /// <c>RMSNormalization(epsilon: 1e-5)</c>.</summary>
    public static RMSNormalization RMSNormalization(IntTuple? axis = null, double epsilon = 1e-6, string? name = null) => new(axis, epsilon, name);

    /// <summary>A <see cref="Layers.UnitNormalization"/> layer.</summary>
    public static UnitNormalization UnitNormalization(IntTuple? axis = null, string? name = null) => new(axis, name);
}
