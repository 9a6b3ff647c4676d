using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GRU</c> layer (Cho et al. 2014): an <see cref="RNN"/> over a <see cref="GRUCell"/> (gate order
/// <c>z, r, h</c>; weights <c>kernel</c> <c>(input_dim, 3 * units)</c>, <c>recurrent_kernel</c> <c>(units, 3 * units)</c>,
/// <c>bias</c> <c>(2, 3 * units)</c> with the default <c>resetAfter</c>, held by the cell). With <c>returnState</c> the
/// outputs are <c>[output, h]</c>.
/// </summary>
public class GRU : RNN
{
    /// <summary>Creates a GRU layer with Keras' arguments and defaults.</summary>
    /// <param name="units">Output size (&gt; 0).</param>
    /// <param name="activation">Activation of the candidate (default <c>tanh</c>).</param>
    /// <param name="recurrentActivation">Activation of the gates (default <c>sigmoid</c>).</param>
    /// <param name="useBias">Whether to add biases.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="recurrentInitializer">Recurrent kernel initializer (default <c>orthogonal</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
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
    /// <param name="returnState">Also return the final <c>h</c>.</param>
    /// <param name="goBackwards">Process the sequence in reverse.</param>
    /// <param name="stateful">Carry the final states of each batch over as the next batch's initial states (needs a fixed batch size; see <see cref="RNN.ResetStates"/>).</param>
    /// <param name="unroll">Accepted for Keras compatibility: the same values either way; as in Keras, true keeps the layer off the fused kernel.</param>
    /// <param name="resetAfter">Apply the reset gate after the recurrent product (Keras' default).</param>
    /// <param name="zeroOutputForMask">Masked steps output zeros instead of the previous output.</param>
    /// <param name="inputShape">Keras 2 style input shape <c>(timesteps, features)</c>, for a first layer.</param>
    /// <param name="name">Layer name (default <c>gru</c>, <c>gru_1</c>, ...).</param>
    public GRU(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool resetAfter = true, bool zeroOutputForMask = false, Shape? inputShape = null, string? name = null)
        : base(new GRUCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint,
                biasConstraint, dropout, recurrentDropout, resetAfter, seed, name: "gru_cell"),
            returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, inputShape, name)
    {
    }

    /// <summary>The GRU cell holding the weights.</summary>
    public new GRUCell Cell => (GRUCell)base.Cell;

    internal override RNN Recreate(string name, bool goBackwards)
    {
        var c = Cell;
        return new GRU(c.Units, c.Activation, c.RecurrentActivation, c.UseBias, c.KernelInitializer, c.RecurrentInitializer,
            c.BiasInitializer, c.KernelRegularizer, c.RecurrentRegularizer, c.BiasRegularizer, ActivityRegularizer,
            c.KernelConstraint, c.RecurrentConstraint, c.BiasConstraint, c.Dropout, c.RecurrentDropout, c.Seed,
            ReturnSequences, ReturnState, goBackwards, Stateful, Unroll, c.ResetAfter, ZeroOutputForMask, name: name);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => RecurrentConfig.Flatten(base.GetConfig(), base.Cell, ActivityRegularizer);
}
