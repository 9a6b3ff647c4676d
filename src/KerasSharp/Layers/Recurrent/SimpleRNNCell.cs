using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>SimpleRNNCell</c>: one step <c>h = activation(x @ kernel + bias + h_prev @ recurrent_kernel)</c>, with
/// <c>kernel</c> <c>(input_dim, units)</c>, <c>recurrent_kernel</c> <c>(units, units)</c>, <c>bias</c> <c>(units)</c>.
/// </summary>
public class SimpleRNNCell : RecurrentCell
{
    /// <summary>Creates a SimpleRNN cell (Keras' arguments and defaults).</summary>
    /// <param name="units">Output size (&gt; 0).</param>
    /// <param name="activation">Activation (default <c>tanh</c>).</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="recurrentInitializer">Recurrent kernel initializer (default <c>orthogonal</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="kernelRegularizer">Penalty on the kernel.</param>
    /// <param name="recurrentRegularizer">Penalty on the recurrent kernel.</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="kernelConstraint">Projection of the kernel after each update.</param>
    /// <param name="recurrentConstraint">Projection of the recurrent kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="dropout">Fraction of the inputs dropped in training, in [0, 1].</param>
    /// <param name="recurrentDropout">Fraction of the recurrent state dropped in training, in [0, 1].</param>
    /// <param name="seed">Accepted for Keras compatibility.</param>
    /// <param name="name">Layer name.</param>
    public SimpleRNNCell(int units, ActivationFunction? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null, string? name = null)
        : base(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
            kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint,
            dropout, recurrentDropout, seed, name)
    {
    }

    private protected override int Gates => 1;

    /// <inheritdoc />
    public override int StateCount => 1;

    /// <inheritdoc />
    protected internal override (Tensor Output, Tensor[] States) Step(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMask)
    {
        var h = recurrentMask is null ? states[0] : states[0] * recurrentMask;
        var output = Activation.Apply(projected + h.matmul(RecurrentKernel!));
        return (output, [output]);
    }
}
