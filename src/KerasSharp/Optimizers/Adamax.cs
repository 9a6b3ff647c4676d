
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.Adamax</c> (Adam with the infinity norm), in Keras' form:
/// <c>m += (g - m) * (1 - beta_1)</c>; <c>u = max(beta_2 * u, |g|)</c>;
/// <c>w -= lr * m / ((1 - beta_1^t) * (u + epsilon))</c>.
/// </summary>
public class Adamax : Optimizer
{
    private Tensor[] momentums = [];
    private Tensor[] norms = [];

    /// <summary>Adamax with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="beta1">Decay rate of the first-moment estimates (<c>beta_1=0.9</c>).</param>
    /// <param name="beta2">Decay rate of the weighted infinity norm (<c>beta_2=0.999</c>).</param>
    /// <param name="epsilon">Added to the norm (<c>epsilon=1e-7</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"adamax"</c>).</param>
    public Adamax(LearningRate? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "adamax")
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay rate of the first-moment estimates (Keras' <c>beta_1</c>).</summary>
    public double Beta1 { get; }
    /// <summary>Decay rate of the exponentially weighted infinity norm (Keras' <c>beta_2</c>).</summary>
    public double Beta2 { get; }
    /// <summary>Numerical-stability constant added to the norm.</summary>
    public double Epsilon { get; }

    /// <summary>Keras' variable order: <c>momentum</c> and <c>norm</c> of each variable in turn
    /// (<c>m0, u0, m1, u1, ...</c>).</summary>
    public override IReadOnlyList<Tensor> StateTensors => OptimizerSlots.Interleave(0, momentums, norms);

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        momentums = OptimizerSlots.Zeros(vars);
        norms = OptimizerSlots.Zeros(vars);
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        double t = Iterations + 1;
        double beta1Power = Math.Pow(Beta1, t);
        var m = momentums[index];
        var u = norms[index];
        m.mul_(Beta1).add_(gradient, alpha: 1 - Beta1);          // m += (g - m) * (1 - beta_1)
        u.copy_(maximum(u.mul_(Beta2), gradient.abs()));         // u = max(beta_2 * u, |g|)
        // w -= lr * m / ((1 - beta_1^t) * (u + eps))
        variable.addcdiv_(m, u.add(Epsilon), value: -learningRate / (1 - beta1Power));
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
