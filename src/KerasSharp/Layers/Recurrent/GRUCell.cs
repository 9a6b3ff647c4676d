using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GRUCell</c>, gate order <c>[z, r, h]</c>. With <c>x_z, x_r, x_h = x @ kernel + b_in</c>:
/// <c>reset_after=True</c> (default): <c>m = h_prev @ recurrent_kernel + b_rec</c>, <c>z = σ(x_z + m_z)</c>,
/// <c>r = σ(x_r + m_r)</c>, <c>hh = tanh(x_h + r * m_h)</c>; <c>reset_after=False</c>:
/// <c>hh = tanh(x_h + (r * h_prev) @ recurrent_kernel_h)</c>. Then <c>h = z * h_prev + (1 - z) * hh</c>. Weights:
/// <c>kernel</c> <c>(input_dim, 3 * units)</c>, <c>recurrent_kernel</c> <c>(units, 3 * units)</c>, <c>bias</c>
/// <c>(2, 3 * units)</c> (input and recurrent biases) with <c>reset_after</c>, else <c>(3 * units)</c>.
/// </summary>
public class GRUCell : RecurrentCell
{
    /// <summary>Creates a GRU cell (Keras' arguments and defaults).</summary>
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
    /// <param name="kernelConstraint">Projection of the kernel after each update.</param>
    /// <param name="recurrentConstraint">Projection of the recurrent kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="dropout">Fraction of the inputs dropped in training, in [0, 1].</param>
    /// <param name="recurrentDropout">Fraction of the recurrent state dropped (in the recurrent product) in training, in [0, 1].</param>
    /// <param name="resetAfter">Apply the reset gate after the recurrent product (Keras' default, cuDNN-compatible).</param>
    /// <param name="seed">Accepted for Keras compatibility.</param>
    /// <param name="name">Layer name.</param>
    public GRUCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, bool resetAfter = true, int? seed = null, string? name = null)
        : base(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
            kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint,
            dropout, recurrentDropout, seed, name)
    {
        RecurrentActivation = recurrentActivation ?? ActivationRegistry.Get("sigmoid");
        ResetAfter = resetAfter;
    }

    /// <summary>Activation of the gates (default <c>sigmoid</c>).</summary>
    public ActivationFunction RecurrentActivation { get; }

    /// <summary>Whether the reset gate is applied after the recurrent product.</summary>
    public bool ResetAfter { get; }

    private protected override int Gates => 3;

    /// <inheritdoc />
    public override int StateCount => 1;

    private protected override Shape BiasShape => ResetAfter ? new Shape(2, 3 * Units) : new Shape((long?)(3 * Units));

    private protected override Tensor? InputBias => Bias is null ? null : ResetAfter ? Bias[0] : Bias;

    /// <inheritdoc />
    protected internal override (Tensor Output, Tensor[] States) Step(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMask)
    {
        var hPrev = states[0];
        var h = recurrentMask is null ? hPrev : hPrev * recurrentMask;
        var x = projected.chunk(3, -1);
        var rk = RecurrentKernel!;
        Tensor z, hh;
        if (ResetAfter)
        {
            var inner = h.matmul(rk);
            if (Bias is not null) inner = inner + Bias[1];
            var m = inner.chunk(3, -1);
            z = RecurrentActivation.Apply(x[0] + m[0]);
            var r = RecurrentActivation.Apply(x[1] + m[1]);
            hh = Activation.Apply(x[2] + r * m[2]);
        }
        else
        {
            var m = h.matmul(rk.narrow(1, 0, 2 * Units)).chunk(2, -1);
            z = RecurrentActivation.Apply(x[0] + m[0]);
            var r = RecurrentActivation.Apply(x[1] + m[1]);
            hh = Activation.Apply(x[2] + (r * h).matmul(rk.narrow(1, 2 * Units, Units)));
        }
        var hNew = z * hPrev + (1 - z) * hh;
        return (hNew, [hNew]);
    }

    private protected override void AddOwnConfig(Dictionary<string, object?> config, ConfigSlot slot, bool ofLayer)
    {
        if (slot == ConfigSlot.AfterActivation) config["recurrent_activation"] = RecurrentActivation.Name;
        if (slot == ConfigSlot.AfterDropout) config["reset_after"] = ResetAfter;
    }
}
