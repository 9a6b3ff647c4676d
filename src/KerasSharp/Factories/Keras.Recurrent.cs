using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>An <see cref="Layers.LSTM"/> layer: <c>LSTM(64, returnSequences: true)</c>.</summary>
    public static LSTM LSTM(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        bool unitForgetBias = true,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, Shape? inputShape = null, string? name = null) =>
        new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, unitForgetBias,
            kernelRegularizer, recurrentRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, recurrentConstraint,
            biasConstraint, dropout, recurrentDropout, seed, returnSequences, returnState, goBackwards, stateful, unroll,
            zeroOutputForMask, inputShape, name);

    /// <summary>A <see cref="Layers.GRU"/> layer: <c>GRU(32)</c>.</summary>
    public static GRU GRU(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool resetAfter = true, bool zeroOutputForMask = false, Shape? inputShape = null, string? name = null) =>
        new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
            kernelRegularizer, recurrentRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, recurrentConstraint,
            biasConstraint, dropout, recurrentDropout, seed, returnSequences, returnState, goBackwards, stateful, unroll,
            resetAfter, zeroOutputForMask, inputShape, name);

    /// <summary>A <see cref="Layers.SimpleRNN"/> layer: <c>SimpleRNN(16)</c>.</summary>
    public static SimpleRNN SimpleRNN(int units, ActivationFunction? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, Shape? inputShape = null, string? name = null) =>
        new(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
            kernelRegularizer, recurrentRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, recurrentConstraint,
            biasConstraint, dropout, recurrentDropout, seed, returnSequences, returnState, goBackwards, stateful, unroll,
            zeroOutputForMask, inputShape, name);

    /// <summary>A generic <see cref="Layers.RNN"/> layer around <paramref name="cell"/>.</summary>
    public static RNN RNN(RecurrentCell cell, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool unroll = false, bool zeroOutputForMask = false, Regularizer? activityRegularizer = null,
        Shape? inputShape = null, string? name = null) =>
        new(cell, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, inputShape, name);

    /// <summary>A <see cref="Layers.Bidirectional"/> wrapper: <c>Bidirectional(LSTM(64))</c>.</summary>
    public static Bidirectional Bidirectional(RNN layer, string? mergeMode = "concat", RNN? backwardLayer = null,
        Shape? inputShape = null, string? name = null) => new(layer, mergeMode, backwardLayer, inputShape, name);

    /// <summary>A <see cref="Layers.TimeDistributed"/> wrapper: <c>TimeDistributed(Dense(8))</c>.</summary>
    public static TimeDistributed TimeDistributed(Layer layer, Shape? inputShape = null, string? name = null) => new(layer, inputShape, name);

    /// <summary>A <see cref="Layers.SimpleRNNCell"/>: one step of SimpleRNN, for <see cref="Layers.RNN"/> (Keras' <c>keras.layers.SimpleRNNCell</c>).</summary>
    public static SimpleRNNCell SimpleRNNCell(int units, ActivationFunction? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null, string? name = null) =>
        new(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, kernelRegularizer, recurrentRegularizer,
            biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, dropout, recurrentDropout, seed, name);

    /// <summary>An <see cref="Layers.LSTMCell"/>: one step of LSTM, for <see cref="Layers.RNN"/> (Keras' <c>keras.layers.LSTMCell</c>).</summary>
    public static LSTMCell LSTMCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        bool unitForgetBias = true,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null, string? name = null) =>
        new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, unitForgetBias,
            kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, dropout,
            recurrentDropout, seed, name);

    /// <summary>A <see cref="Layers.GRUCell"/>: one step of GRU, for <see cref="Layers.RNN"/> (Keras' <c>keras.layers.GRUCell</c>).</summary>
    public static GRUCell GRUCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, bool resetAfter = true, int? seed = null, string? name = null) =>
        new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, kernelRegularizer,
            recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, dropout, recurrentDropout,
            resetAfter, seed, name);
}
