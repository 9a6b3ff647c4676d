using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>An <see cref="Layers.Embedding"/> layer: <c>Embedding(10000, 64, maskZero: true)</c>.</summary>
    public static Embedding Embedding(int inputDim, int outputDim, Initializer? embeddingsInitializer = null,
        Regularizer? embeddingsRegularizer = null, Regularizer? activityRegularizer = null, Constraint? embeddingsConstraint = null,
        bool maskZero = false, Shape? inputShape = null, string? name = null) =>
        new(inputDim, outputDim, embeddingsInitializer, embeddingsRegularizer, activityRegularizer, embeddingsConstraint,
            maskZero, inputShape, name);
}
