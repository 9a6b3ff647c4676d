using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>LSTM</c> layer (Hochreiter 1997): an <see cref="RNN"/> over an <see cref="LSTMCell"/> (gate order
/// <c>i, f, c, o</c>; weights <c>kernel</c> <c>(input_dim, 4 * units)</c>, <c>recurrent_kernel</c> <c>(units, 4 * units)</c>,
/// <c>bias</c> <c>(4 * units)</c>, held by the cell). With <c>returnState</c> the outputs are <c>[output, h, c]</c>.
/// </summary>
public class LSTM : RNN
{
    /// <summary>Creates an LSTM layer with Keras' arguments and defaults.</summary>
    /// <param name="units">Output size (&gt; 0).</param>
    /// <param name="activation">Activation of the candidate and of the cell state (default <c>tanh</c>).</param>
    /// <param name="recurrentActivation">Activation of the gates (default <c>sigmoid</c>).</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="recurrentInitializer">Recurrent kernel initializer (default <c>orthogonal</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="unitForgetBias">Initialise the forget-gate bias to 1.</param>
    /// <param name="kernelRegularizer">Penalty on the kernel.</param>
    /// <param name="recurrentRegularizer">Penalty on the recurrent kernel.</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="activityRegularizer">Penalty on the layer's outputs.</param>
    /// <param name="kernelConstraint">Projection of the kernel after each update.</param>
    /// <param name="recurrentConstraint">Projection of the recurrent kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="dropout">Fraction of the inputs dropped in training, in [0, 1].</param>
    /// <param name="recurrentDropout">Fraction of the recurrent state dropped in training, in [0, 1].</param>
    /// <param name="seed">Accepted for Keras compatibility; randomness follows <see cref="Keras.Utils.SetRandomSeed"/>.</param>
    /// <param name="returnSequences">Return every step's output <c>(batch, timesteps, units)</c>.</param>
    /// <param name="returnState">Also return the final <c>h</c> and <c>c</c>.</param>
    /// <param name="goBackwards">Process the sequence in reverse.</param>
    /// <param name="stateful">Carry the final states of each batch over as the next batch's initial states (needs a fixed batch size; see <see cref="RNN.ResetStates"/>).</param>
    /// <param name="unroll">Accepted for Keras compatibility: the same values either way; as in Keras, true keeps the layer off the fused kernel.</param>
    /// <param name="zeroOutputForMask">Masked steps output zeros instead of the previous output.</param>
    /// <param name="inputShape">Keras 2 style input shape <c>(timesteps, features)</c>, for a first layer.</param>
    /// <param name="name">Layer name (default <c>lstm</c>, <c>lstm_1</c>, ...).</param>
    public LSTM(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        bool unitForgetBias = true,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, Shape? inputShape = null, string? name = null)
        : base(new LSTMCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                unitForgetBias, kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint,
                biasConstraint, dropout, recurrentDropout, seed, name: "lstm_cell"),
            returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, inputShape, name)
    {
    }

    /// <summary>The LSTM cell holding the weights.</summary>
    public new LSTMCell Cell => (LSTMCell)base.Cell;

    internal override RNN Recreate(string name, bool goBackwards)
    {
        var c = Cell;
        return new LSTM(c.Units, c.Activation, c.RecurrentActivation, c.UseBias, c.KernelInitializer, c.RecurrentInitializer,
            c.BiasInitializer, c.UnitForgetBias, c.KernelRegularizer, c.RecurrentRegularizer, c.BiasRegularizer, ActivityRegularizer,
            c.KernelConstraint, c.RecurrentConstraint, c.BiasConstraint, c.Dropout, c.RecurrentDropout, c.Seed,
            ReturnSequences, ReturnState, goBackwards, Stateful, Unroll, ZeroOutputForMask, name: name);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => RecurrentConfig.Flatten(base.GetConfig(), base.Cell, ActivityRegularizer);
}
