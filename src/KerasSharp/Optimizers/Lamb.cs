using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.Lamb</c> (Yang et al.): Adam's bias-corrected step scaled per variable by the trust
/// ratio <c>||w|| / ||update||</c> (1 when either norm is 0):
/// <c>m += (g - m) * (1 - beta_1)</c>; <c>v += (g^2 - v) * (1 - beta_2)</c>;
/// <c>update = (m / (1 - beta_1^t)) / (sqrt(v / (1 - beta_2^t)) + epsilon)</c>; <c>w -= ratio * lr * update</c>.
/// Two slots per variable, interleaved as Keras builds them (<c>momentum</c>, <c>velocity</c>).
/// </summary>
public class Lamb : Optimizer
{
    private Tensor[] momentums = [];
    private Tensor[] velocities = [];

    /// <summary>Lamb with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="beta1">Decay rate of the first-moment estimates (<c>beta_1=0.9</c>).</param>
    /// <param name="beta2">Decay rate of the second-moment estimates (<c>beta_2=0.999</c>).</param>
    /// <param name="epsilon">Added to the corrected <c>sqrt(v)</c> (<c>epsilon=1e-7</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (Keras names an unnamed Lamb <c>"lamb"</c>).</param>
    public Lamb(LearningRate? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "lamb")
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay rate of the first-moment estimates (Keras' <c>beta_1</c>).</summary>
    public double Beta1 { get; }
    /// <summary>Decay rate of the second-moment estimates (Keras' <c>beta_2</c>).</summary>
    public double Beta2 { get; }
    /// <summary>Numerical-stability constant added to the corrected <c>sqrt(v)</c>.</summary>
    public double Epsilon { get; }

    /// <summary>Keras' variable order: momentum and velocity of each variable in turn (<c>m0, v0, m1, v1, ...</c>).</summary>
    public override IReadOnlyList<Tensor> StateTensors => OptimizerSlots.Interleave(0, momentums, velocities);

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        momentums = OptimizerSlots.Zeros(vars);
        velocities = OptimizerSlots.Zeros(vars);
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        double t = Iterations + 1;
        double beta1Power = Math.Pow(Beta1, t);
        double beta2Power = Math.Pow(Beta2, t);
        var m = momentums[index];
        var v = velocities[index];
        m.add_(gradient.sub(m).mul_(1 - Beta1));                       // m += (g - m) * (1 - beta_1)
        v.add_(gradient.square().sub_(v).mul_(1 - Beta2));            // v += (g^2 - v) * (1 - beta_2)
        var mHat = m.div(1.0 - beta1Power);
        var vSqrt = v.div(1.0 - beta2Power).sqrt_().add_(Epsilon);
        var update = mHat.div_(vSqrt);
        var wNorm = variable.square().sum().sqrt_();
        var gNorm = update.square().sum().sqrt_();
        // ratio = ||w|| / ||update|| when both are > 0, else 1
        var one = ones_like(wNorm);
        var ratio = where(wNorm > 0, where(gNorm > 0, wNorm / gNorm, one), one);
        variable.sub_(update.mul_(ratio.mul_(learningRate)));
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        config["epsilon"] = Epsilon;
        return config;
    }
}
