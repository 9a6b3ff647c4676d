using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.Lion</c> (Chen et al., 2023): the update is the sign of an interpolation between the
/// momentum and the gradient, <c>w -= lr * sign(beta_1 * m + (1 - beta_1) * g)</c>, then
/// <c>m = beta_2 * m + (1 - beta_2) * g</c>. One slot per variable (<c>momentum</c>).
/// </summary>
public class Lion : Optimizer
{
    private Tensor[] momentums = [];

    /// <summary>Lion with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="beta1">Weight of the momentum in the signed update, in (0, 1] (<c>beta_1=0.9</c>).</param>
    /// <param name="beta2">Decay rate of the momentum (<c>beta_2=0.99</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"lion"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta1"/> is not in (0, 1].</exception>
    public Lion(LearningRate? learningRate = null, double beta1 = 0.9, double beta2 = 0.99, double? weightDecay = null,
        double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "lion")
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        if (!(beta1 > 0 && beta1 <= 1))
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1,
                $"beta1 must be in the (0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta1={Internal.Guard.Fmt(beta1)}.");
        Beta1 = beta1;
        Beta2 = beta2;
    }

    /// <summary>Weight of the momentum in the signed update (Keras' <c>beta_1</c>).</summary>
    public double Beta1 { get; }
    /// <summary>Decay rate of the momentum (Keras' <c>beta_2</c>).</summary>
    public double Beta2 { get; }

    /// <summary>Keras' variable order: one <c>momentum</c> per variable.</summary>
    public override IReadOnlyList<Tensor> StateTensors => momentums;

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        momentums = OptimizerSlots.Zeros(vars);
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        var m = momentums[index];
        // c = sign(m * beta_1 + g * (1 - beta_1)); w -= lr * c (Keras' torch Lion: foreach mul, add, sign)
        using var c = m.mul(Constant(Beta1));
        c.add_(gradient, alpha: Constant(1 - Beta1)).sign_().mul_(learningRate);
        variable.sub_(c);
        m.mul_(Constant(Beta2)).add_(gradient, alpha: Constant(1 - Beta2)); // m = m * beta_2 + g * (1 - beta_2)
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        return config;
    }
}
