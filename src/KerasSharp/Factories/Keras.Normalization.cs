using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>A <see cref="Layers.BatchNormalization"/> layer: <c>BatchNormalization()</c>, <c>BatchNormalization(momentum: 0.9)</c>.</summary>
    public static BatchNormalization BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true,
        bool scale = true, Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null, bool synchronized = false, string? name = null) =>
        new(axis, momentum, epsilon, center, scale, betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer,
            betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint, synchronized, name);
}
