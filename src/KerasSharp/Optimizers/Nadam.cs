
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.Nadam</c> (Adam with Nesterov momentum) with Keras' momentum schedule
/// <c>u_t = beta_1 * (1 - 0.5 * 0.96^t)</c> and <c>u_product_t = u_1 * ... * u_t</c>:
/// <c>m += (g - m) * (1 - beta_1)</c>; <c>v += (g^2 - v) * (1 - beta_2)</c>;
/// <c>m_hat = u_{t+1} * m / (1 - u_product_t * u_{t+1}) + (1 - u_t) * g / (1 - u_product_t)</c>;
/// <c>v_hat = v / (1 - beta_2^t)</c>; <c>w -= lr * m_hat / (sqrt(v_hat) + epsilon)</c>.
/// </summary>
public class Nadam : Optimizer
{
    private const double MomentumCacheDecay = 0.96;

    private Tensor[] momentums = [];
    private Tensor[] velocities = [];
    private Tensor? uProductTensor;
    private double uProduct = 1.0;
    private long uProductStep;

    /// <summary>Nadam with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="beta1">Decay rate of the first-moment estimates (<c>beta_1=0.9</c>).</param>
    /// <param name="beta2">Decay rate of the second-moment estimates (<c>beta_2=0.999</c>).</param>
    /// <param name="epsilon">The "epsilon hat" added to <c>sqrt(v_hat)</c> (<c>epsilon=1e-7</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"nadam"</c>).</param>
    public Nadam(LearningRate? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "nadam")
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
    /// <summary>Numerical-stability constant added to <c>sqrt(v_hat)</c>.</summary>
    public double Epsilon { get; }

    /// <summary>Keras' variable order: momentum and velocity of each variable in turn (<c>m0, v0, m1, v1, ...</c>),
    /// then the scalar <c>u_product</c>.</summary>
    public override IReadOnlyList<Tensor> StateTensors
    {
        get
        {
            var all = OptimizerSlots.Interleave(1, momentums, velocities);
            if (uProductTensor is not null) all.Add(uProductTensor);
            return all;
        }
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        momentums = OptimizerSlots.Zeros(vars);
        velocities = OptimizerSlots.Zeros(vars);
        uProductTensor = vars.Count > 0
            ? ones(Array.Empty<long>(), dtype: vars[0].dtype, device: vars[0].device).DetachFromDisposeScope()
            : ones(Array.Empty<long>(), dtype: ScalarType.Float32).DetachFromDisposeScope();
    }

    // u_t = beta_1 * (1 - 0.5 * 0.96^t)
    private double U(double t) => Beta1 * (1.0 - 0.5 * Math.Pow(MomentumCacheDecay, t));

    // u_product after step t (u_1 * ... * u_t), kept on the host: it depends only on the step, so no device read.
    private double UProductAt(long t)
    {
        if (t != uProductStep)
        {
            if (t == uProductStep + 1)
            {
                uProduct *= U(t);
            }
            else
            {
                uProduct = 1.0;
                for (long k = 1; k <= t; k++) uProduct *= U(k);
            }
            uProductStep = t;
            uProductTensor?.fill_(uProduct);
        }
        return uProduct;
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        long step = Iterations + 1;
        double uT = U(step);
        double uT1 = U(step + 1);
        double uProductT = UProductAt(step);
        double uProductT1 = uProductT * uT1;
        double beta2Power = Math.Pow(Beta2, step);

        var m = momentums[index];
        var v = velocities[index];
        m.mul_(Beta1).add_(gradient, alpha: 1 - Beta1);                // m += (g - m) * (1 - beta_1)
        v.mul_(Beta2).addcmul_(gradient, gradient, value: 1 - Beta2);  // v += (g^2 - v) * (1 - beta_2)
        // m_hat = u_{t+1} * m / (1 - u_product_{t+1}) + (1 - u_t) * g / (1 - u_product_t)
        var mHat = m.mul(uT1 / (1 - uProductT1)).add_(gradient, alpha: (1 - uT) / (1 - uProductT));
        // w -= lr * m_hat / (sqrt(v / (1 - beta_2^t)) + eps)
        var denominator = v.div(1 - beta2Power).sqrt_().add_(Epsilon);
        variable.addcdiv_(mHat, denominator, value: -learningRate);
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
