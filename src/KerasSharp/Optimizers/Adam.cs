
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.Adam</c>, with Keras' "epsilon hat" update:
/// <c>alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)</c>, <c>m += (g - m) * (1 - beta_1)</c>,
/// <c>v += (g^2 - v) * (1 - beta_2)</c>, <c>w -= alpha * m / (sqrt(v) + epsilon)</c>
/// (with <c>amsgrad</c>, <c>v_hat = max(v_hat, v)</c> replaces <c>v</c> in the last step).
/// </summary>
public class Adam : Optimizer
{
    private Tensor[] momentums = [];
    private Tensor[] velocities = [];
    private Tensor[] velocityHats = [];

    /// <summary>Adam with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="beta1">Decay rate of the first-moment estimates (<c>beta_1=0.9</c>).</param>
    /// <param name="beta2">Decay rate of the second-moment estimates (<c>beta_2=0.999</c>).</param>
    /// <param name="epsilon">The "epsilon hat" added to <c>sqrt(v)</c> (<c>epsilon=1e-7</c>).</param>
    /// <param name="amsgrad">Use the AMSGrad variant (<c>amsgrad=False</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"adam"</c>).</param>
    public Adam(LearningRate? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "adam")
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Amsgrad = amsgrad;
    }

    /// <summary>Decay rate of the first-moment estimates (Keras' <c>beta_1</c>).</summary>
    public double Beta1 { get; }
    /// <summary>Decay rate of the second-moment estimates (Keras' <c>beta_2</c>).</summary>
    public double Beta2 { get; }
    /// <summary>Numerical-stability constant added to <c>sqrt(v)</c>.</summary>
    public double Epsilon { get; }
    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool Amsgrad { get; }

    /// <summary>Keras' variable order: momentum and velocity of each variable in turn
    /// (<c>m0, v0, m1, v1, ...</c>), then every <c>velocity_hat</c> when <see cref="Amsgrad"/> is set.</summary>
    public override IReadOnlyList<Tensor> StateTensors
    {
        get
        {
            var all = OptimizerSlots.Interleave(velocityHats.Length, momentums, velocities);
            all.AddRange(velocityHats);
            return all;
        }
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        momentums = OptimizerSlots.Zeros(vars);
        velocities = OptimizerSlots.Zeros(vars);
        velocityHats = Amsgrad ? OptimizerSlots.Zeros(vars) : [];
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        double t = Iterations + 1;
        double alpha = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t));
        var m = momentums[index];
        var v = velocities[index];
        m.mul_(Constant(Beta1)).add_(gradient, alpha: Constant(1 - Beta1));               // m += (g - m) * (1 - beta_1)
        v.mul_(Constant(Beta2)).addcmul_(gradient, gradient, value: Constant(1 - Beta2)); // v += (g^2 - v) * (1 - beta_2)
        if (Amsgrad)
        {
            var vHat = velocityHats[index];
            vHat.copy_(maximum(vHat, v));
            v = vHat;
        }
        using var denominator = TemporaryFrom(index, v, t => t.sqrt(), t => t.sqrt_());
        denominator.Value.add_(Constant(Epsilon));                                         // sqrt(v) + eps
        using var step = (-alpha).ToScalar();
        variable.addcdiv_(m, denominator.Value, value: step);                              // w -= alpha * m / (sqrt(v) + eps)
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        config["epsilon"] = Epsilon;
        config["amsgrad"] = Amsgrad;
        return config;
    }
}
