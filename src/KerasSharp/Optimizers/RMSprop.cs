
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.RMSprop</c>, in Keras' form: <c>v = rho * v + (1 - rho) * g^2</c>;
/// <c>increment = lr * g / sqrt(v + epsilon)</c> (centered: <c>sqrt(v - a^2 + epsilon)</c> with
/// <c>a = rho * a + (1 - rho) * g</c>); with momentum <c>mom = momentum * mom + increment</c>, <c>w -= mom</c>,
/// otherwise <c>w -= increment</c>. The increment is computed as <c>lr * g * rsqrt(v + epsilon)</c> (LibTorch's
/// <c>rsqrt</c> is <c>1 / sqrt</c>), which differs from Keras' <c>lr * g / sqrt(v + epsilon)</c> by rounding only and
/// needs a multiplication instead of a division over every element.
/// </summary>
public class RMSprop : Optimizer
{
    private Tensor[] velocities = [];
    private Tensor[] momentums = [];
    private Tensor[] averageGradients = [];

    /// <summary>RMSprop with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="rho">Discounting factor of the squared-gradient average (<c>rho=0.9</c>).</param>
    /// <param name="momentum">Momentum of the increments; 0 for none (<c>momentum=0.0</c>).</param>
    /// <param name="epsilon">Added to the average inside the square root (<c>epsilon=1e-7</c>).</param>
    /// <param name="centered">Normalise by the estimated variance instead of the second moment (<c>centered=False</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"rmsprop"</c>).</param>
    public RMSprop(LearningRate? learningRate = null, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7,
        bool centered = false, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "rmsprop")
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        Rho = rho;
        Momentum = momentum;
        Epsilon = epsilon;
        Centered = centered;
    }

    /// <summary>Discounting factor of the squared-gradient average.</summary>
    public double Rho { get; }
    /// <summary>Momentum of the increments (0 for none).</summary>
    public double Momentum { get; }
    /// <summary>Numerical-stability constant added inside the square root.</summary>
    public double Epsilon { get; }
    /// <summary>Whether the centered variant is used.</summary>
    public bool Centered { get; }

    /// <summary>Keras' variable order: every <c>velocity</c>, then every <c>momentum</c> (when
    /// <see cref="Momentum"/> &gt; 0), then every <c>average_gradient</c> (when <see cref="Centered"/>).</summary>
    public override IReadOnlyList<Tensor> StateTensors => [.. velocities, .. momentums, .. averageGradients];

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        velocities = OptimizerSlots.Zeros(vars);
        momentums = Momentum > 0 ? OptimizerSlots.Zeros(vars) : [];
        averageGradients = Centered ? OptimizerSlots.Zeros(vars) : [];
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        var velocity = velocities[index];
        velocity.mul_(Constant(Rho)).addcmul_(gradient, gradient, value: Constant(1 - Rho));      // v = rho * v + (1 - rho) * g^2
        using var temporary = Centered
            ? CenteredTemporary(index, velocity, gradient)                                              // v - a^2
            : TemporaryFrom(index, velocity, t => t.add(Constant(Epsilon)), t => t.add_(Constant(Epsilon))); // v + eps
        var scale = temporary.Value;
        if (Centered) scale.add_(Constant(Epsilon));                                                   // + eps
        scale.rsqrt_();                                                                                // 1 / sqrt(.)
        if (Momentum > 0)
        {
            var mom = momentums[index];
            using var lr = learningRate.ToScalar();
            mom.mul_(Constant(Momentum)).addcmul_(gradient, scale, value: lr); // mom = momentum * mom + lr * g / sqrt(.)
            variable.sub_(mom);
        }
        else
        {
            using var step = (-learningRate).ToScalar();
            variable.addcmul_(gradient, scale, value: step);    // w -= lr * g / sqrt(.)
        }
    }

    // Keras' centered form: a = rho * a + (1 - rho) * g, then v - a^2 (the caller adds eps).
    private Temporary CenteredTemporary(int index, Tensor velocity, Tensor gradient)
    {
        var average = averageGradients[index];
        average.mul_(Constant(Rho)).add_(gradient, alpha: Constant(1 - Rho));
        return TemporaryFrom(index, velocity, t => t.addcmul(average, average, value: Constant(-1)),
            t => t.addcmul_(average, average, value: Constant(-1)));
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["rho"] = Rho;
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["centered"] = Centered;
        return config;
    }
}
