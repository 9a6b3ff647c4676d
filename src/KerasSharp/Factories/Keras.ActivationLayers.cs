using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>A <see cref="Layers.ReLU"/> layer.</summary>
    public static ReLU ReLU(double? maxValue = null, double negativeSlope = 0.0, double threshold = 0.0, string? name = null) =>
        new(maxValue, negativeSlope, threshold, name);

    /// <summary>A <see cref="Layers.LeakyReLU"/> layer.</summary>
    public static LeakyReLU LeakyReLU(double negativeSlope = 0.3, string? name = null) => new(negativeSlope, name);

    /// <summary>A <see cref="Layers.PReLU"/> layer.</summary>
    public static PReLU PReLU(Initializer? alphaInitializer = null, Regularizer? alphaRegularizer = null, Constraint? alphaConstraint = null,
        IntTuple? sharedAxes = null, string? name = null) => new(alphaInitializer, alphaRegularizer, alphaConstraint, sharedAxes, name);

    /// <summary>An <see cref="Layers.ELU"/> layer.</summary>
    public static ELU ELU(double alpha = 1.0, string? name = null) => new(alpha, name);

    /// <summary>A <see cref="Layers.Softmax"/> layer.</summary>
    public static Softmax Softmax(int axis = -1, string? name = null) => new(axis, name);
}
