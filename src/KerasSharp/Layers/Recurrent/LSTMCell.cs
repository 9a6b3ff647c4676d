using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>LSTMCell</c>. With <c>z = x @ kernel + h_prev @ recurrent_kernel + bias</c> split in Keras' gate order
/// <c>[i, f, c, o]</c>: <c>i = σ(z_i)</c>, <c>f = σ(z_f)</c>, <c>c = f * c_prev + i * tanh(z_c)</c>, <c>o = σ(z_o)</c>,
/// <c>h = o * tanh(c)</c> (σ the recurrent activation, tanh the activation). Weights: <c>kernel</c>
/// <c>(input_dim, 4 * units)</c>, <c>recurrent_kernel</c> <c>(units, 4 * units)</c>, <c>bias</c> <c>(4 * units)</c>;
/// states <c>[h, c]</c>.
/// </summary>
public class LSTMCell : RecurrentCell
{
    /// <summary>Creates an LSTM cell (Keras' arguments and defaults).</summary>
    /// <param name="units">Output size (&gt; 0).</param>
    /// <param name="activation">Activation of the candidate and of the cell state (default <c>tanh</c>).</param>
    /// <param name="recurrentActivation">Activation of the gates (default <c>sigmoid</c>).</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="recurrentInitializer">Recurrent kernel initializer (default <c>orthogonal</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="unitForgetBias">Initialise the forget-gate bias to 1 (the other gates use <paramref name="biasInitializer"/>).</param>
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
    public LSTMCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        bool unitForgetBias = true,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null, string? name = null)
        : base(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
            kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint,
            dropout, recurrentDropout, seed, name)
    {
        RecurrentActivation = recurrentActivation ?? ActivationRegistry.Get("sigmoid");
        UnitForgetBias = unitForgetBias;
    }

    /// <summary>Activation of the gates (default <c>sigmoid</c>).</summary>
    public ActivationFunction RecurrentActivation { get; }

    /// <summary>Whether the forget-gate bias starts at 1.</summary>
    public bool UnitForgetBias { get; }

    private protected override int Gates => 4;

    /// <inheritdoc />
    public override int StateCount => 2;

    private protected override Initializer EffectiveBiasInitializer =>
        UnitForgetBias ? new ForgetBiasInitializer(BiasInitializer, Units) : BiasInitializer;

    /// <inheritdoc />
    protected internal override (Tensor Output, Tensor[] States) Step(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMask)
    {
        var h = recurrentMask is null ? states[0] : states[0] * recurrentMask;
        var z = projected + h.matmul(RecurrentKernel!);
        var gates = z.chunk(4, -1);
        var i = RecurrentActivation.Apply(gates[0]);
        var f = RecurrentActivation.Apply(gates[1]);
        var c = f * states[1] + i * Activation.Apply(gates[2]);
        var o = RecurrentActivation.Apply(gates[3]);
        var hNew = o * Activation.Apply(c);
        return (hNew, [hNew, c]);
    }

    /// <summary>Keras' LSTMCell writes <c>unit_forget_bias</c> after <c>use_bias</c>; its LSTM layer, after the initializers.</summary>
    private protected override void AddOwnConfig(Dictionary<string, object?> config, ConfigSlot slot, bool ofLayer)
    {
        if (slot == ConfigSlot.AfterActivation) config["recurrent_activation"] = RecurrentActivation.Name;
        if (slot == (ofLayer ? ConfigSlot.AfterInitializers : ConfigSlot.AfterUseBias)) config["unit_forget_bias"] = UnitForgetBias;
    }

    /// <summary>Keras' unit-forget-bias initializer: <c>[init(units), ones(units), init(2 * units)]</c>.</summary>
    private sealed class ForgetBiasInitializer(Initializer inner, int units) : Initializer
    {
        public override string Name => inner.Name;

        public override Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
            cat([inner.Call([units], dtype, device), ones([units], dtype, device), inner.Call([2L * units], dtype, device)]);

        public override Dictionary<string, object?> GetConfig() => inner.GetConfig();
    }
}
