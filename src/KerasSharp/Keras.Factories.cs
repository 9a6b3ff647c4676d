using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Layers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>An empty <see cref="KerasSharp.Sequential"/> model (add layers with <c>.Add</c>).</summary>
    public static Sequential Sequential(string? name = null) => new(name: name);

    /// <summary>A <see cref="KerasSharp.Sequential"/> model of <paramref name="layers"/>.</summary>
    public static Sequential Sequential(IEnumerable<Layer> layers, string? name = null) => new(layers, name);

    /// <summary>An input declaration of <paramref name="shape"/> without the batch axis (Keras' <c>keras.Input</c>).</summary>
    public static Input Input(Shape shape, int? batchSize = null, string? name = null, string dtype = "float32") => new(shape, batchSize, name, dtype);

    /// <summary>A <see cref="Layers.Dense"/> layer: <c>Dense(64, "relu")</c>.</summary>
    public static Dense Dense(int units, ActivationFunction? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, Shape? inputShape = null, string? name = null) =>
        new(units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer,
            activityRegularizer, kernelConstraint, biasConstraint, inputShape, name);

    /// <summary>An <see cref="Layers.Activation"/> layer.</summary>
    public static Activation Activation(ActivationFunction activation, string? name = null) => new(activation, name);

    /// <summary>A <see cref="Layers.Dropout"/> layer.</summary>
    public static Dropout Dropout(double rate, Shape? noiseShape = null, int? seed = null, string? name = null) => new(rate, noiseShape, seed, name);

    /// <summary>A <see cref="Layers.Flatten"/> layer.</summary>
    public static Flatten Flatten(string dataFormat = "channels_last", string? name = null) => new(dataFormat, name);

    /// <summary>Resets default layer-name counters (Keras' <c>keras.backend.clear_session</c> for names).</summary>
    public static void ClearSession() => Internal.UniqueNames.Reset();
}
