
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.Adadelta</c>, in Keras' form with <c>rms(x) = sqrt(x + epsilon)</c>:
/// <c>acc_g = rho * acc_g + (1 - rho) * g^2</c>; <c>delta = -rms(acc_d) * g / rms(acc_g)</c>;
/// <c>acc_d = rho * acc_d + (1 - rho) * delta^2</c>; <c>w += lr * delta</c>.
/// </summary>
public class Adadelta : Optimizer
{
    private Tensor[] accumulatedGrads = [];
    private Tensor[] accumulatedDeltaVars = [];

    /// <summary>Adadelta with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>; 1.0 matches the paper).</param>
    /// <param name="rho">The decay rate (<c>rho=0.95</c>).</param>
    /// <param name="epsilon">Added inside every square root (<c>epsilon=1e-7</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"adadelta"</c>).</param>
    public Adadelta(LearningRate? learningRate = null, double rho = 0.95, double epsilon = 1e-7, double? weightDecay = null,
        double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "adadelta")
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        Rho = rho;
        Epsilon = epsilon;
    }

    /// <summary>The decay rate of both running averages.</summary>
    public double Rho { get; }
    /// <summary>Numerical-stability constant added inside every square root.</summary>
    public double Epsilon { get; }

    /// <summary>Keras' variable order: <c>accumulated_grad</c> and <c>accumulated_delta_var</c> of each variable
    /// in turn (<c>g0, d0, g1, d1, ...</c>).</summary>
    public override IReadOnlyList<Tensor> StateTensors => OptimizerSlots.Interleave(0, accumulatedGrads, accumulatedDeltaVars);

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        accumulatedGrads = OptimizerSlots.Zeros(vars);
        accumulatedDeltaVars = OptimizerSlots.Zeros(vars);
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        var accGrad = accumulatedGrads[index];
        var accDelta = accumulatedDeltaVars[index];
        accGrad.mul_(Rho).addcmul_(gradient, gradient, value: 1 - Rho);   // acc_g = rho * acc_g + (1 - rho) * g^2
        // step = -delta = rms(acc_d) * g / rms(acc_g)
        var step = accDelta.add(Epsilon).sqrt_().mul_(gradient).div_(accGrad.add(Epsilon).sqrt_());
        accDelta.mul_(Rho).addcmul_(step, step, value: 1 - Rho);           // acc_d = rho * acc_d + (1 - rho) * delta^2
        variable.add_(step, alpha: -learningRate);                          // w += lr * delta
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["rho"] = Rho;
        config["epsilon"] = Epsilon;
        return config;
    }
}
