using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.Ftrl</c> ("Follow The Regularized Leader", McMahan et al., 2013), in Keras' form, with
/// <c>p = -learning_rate_power</c> and <c>l2 = l2_regularization_strength + beta / (2 * lr)</c>:
/// <c>g' = g + 2 * l2_shrinkage_regularization_strength * w</c>; <c>n' = n + g^2</c>;
/// <c>z += g' - (n'^p - n^p) / lr * w</c>; <c>w = (clip(z, -l1, l1) - z) / (n'^p / lr + 2 * l2)</c>; <c>n = n'</c>.
/// Two slots per variable, interleaved as Keras builds them: <c>accumulator</c> (starting at
/// <c>initial_accumulator_value</c>) and <c>linear</c>.
/// </summary>
public class Ftrl : Optimizer
{
    private Tensor[] accumulators = [];
    private Tensor[] linears = [];

    /// <summary>Ftrl with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="learningRatePower">How the rate decreases with the accumulated squared gradients; &lt;= 0, 0 for a
    /// fixed rate (<c>learning_rate_power=-0.5</c>).</param>
    /// <param name="initialAccumulatorValue">Starting value of the accumulators, &gt;= 0 (<c>initial_accumulator_value=0.1</c>).</param>
    /// <param name="l1RegularizationStrength">L1 regularization, &gt;= 0 (<c>l1_regularization_strength=0.0</c>).</param>
    /// <param name="l2RegularizationStrength">Stabilizing L2 regularization, &gt;= 0 (<c>l2_regularization_strength=0.0</c>).</param>
    /// <param name="l2ShrinkageRegularizationStrength">Magnitude (shrinkage) L2 penalty added to the gradient, &gt;= 0
    /// (<c>l2_shrinkage_regularization_strength=0.0</c>).</param>
    /// <param name="beta">The paper's beta (<c>beta=0.0</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"ftrl"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRatePower"/> is positive, or
    /// <paramref name="initialAccumulatorValue"/> or a regularization strength is negative.</exception>
    public Ftrl(LearningRate? learningRate = null, double learningRatePower = -0.5, double initialAccumulatorValue = 0.1,
        double l1RegularizationStrength = 0.0, double l2RegularizationStrength = 0.0,
        double l2ShrinkageRegularizationStrength = 0.0, double beta = 0.0, double? weightDecay = null,
        double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "ftrl")
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        Internal.Guard.NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        if (!(learningRatePower <= 0))
            throw new ArgumentOutOfRangeException(nameof(learningRatePower), learningRatePower,
                $"learningRatePower must be <= 0, but received {Internal.Guard.Fmt(learningRatePower)}.");
        Internal.Guard.NonNegative(l1RegularizationStrength, nameof(l1RegularizationStrength));
        Internal.Guard.NonNegative(l2RegularizationStrength, nameof(l2RegularizationStrength));
        Internal.Guard.NonNegative(l2ShrinkageRegularizationStrength, nameof(l2ShrinkageRegularizationStrength));
        LearningRatePower = learningRatePower;
        InitialAccumulatorValue = initialAccumulatorValue;
        L1RegularizationStrength = l1RegularizationStrength;
        L2RegularizationStrength = l2RegularizationStrength;
        L2ShrinkageRegularizationStrength = l2ShrinkageRegularizationStrength;
        Beta = beta;
    }

    /// <summary>Power of the accumulated squared gradients in the per-element rate (Keras' <c>learning_rate_power</c>).</summary>
    public double LearningRatePower { get; }
    /// <summary>Starting value of every accumulator.</summary>
    public double InitialAccumulatorValue { get; }
    /// <summary>L1 regularization strength.</summary>
    public double L1RegularizationStrength { get; }
    /// <summary>Stabilizing L2 regularization strength.</summary>
    public double L2RegularizationStrength { get; }
    /// <summary>Shrinkage L2 regularization strength.</summary>
    public double L2ShrinkageRegularizationStrength { get; }
    /// <summary>The paper's beta.</summary>
    public double Beta { get; }

    /// <summary>Keras' variable order: <c>accumulator</c> and <c>linear</c> of each variable in turn (<c>n0, z0, n1, z1, ...</c>).</summary>
    public override IReadOnlyList<Tensor> StateTensors => OptimizerSlots.Interleave(0, accumulators, linears);

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        accumulators = OptimizerSlots.Filled(vars, InitialAccumulatorValue);
        linears = OptimizerSlots.Zeros(vars);
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        var accumulator = accumulators[index];
        var linear = linears[index];
        double power = -LearningRatePower;
        double l2 = L2RegularizationStrength + Beta / (2.0 * learningRate);
        var gradToUse = gradient.add(variable, alpha: 2 * L2ShrinkageRegularizationStrength); // g + 2 * l2_shrinkage * w
        var newAccumulator = accumulator.add(gradient.square());                             // n' = n + g^2
        var newPower = newAccumulator.pow(power);
        // z += g' - (n'^p - n^p) / lr * w
        linear.add_(gradToUse.sub_(newPower.sub(accumulator.pow(power)).div_(learningRate).mul_(variable)));
        var quadratic = newPower.div(learningRate).add_(2 * l2);                            // n'^p / lr + 2 * l2
        var clipped = linear.clamp(-L1RegularizationStrength, L1RegularizationStrength);
        variable.copy_(clipped.sub_(linear).div_(quadratic));                                // w = (clip(z) - z) / quadratic
        accumulator.copy_(newAccumulator);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["learning_rate_power"] = LearningRatePower;
        config["initial_accumulator_value"] = InitialAccumulatorValue;
        config["l1_regularization_strength"] = L1RegularizationStrength;
        config["l2_regularization_strength"] = L2RegularizationStrength;
        config["l2_shrinkage_regularization_strength"] = L2ShrinkageRegularizationStrength;
        config["beta"] = Beta;
        return config;
    }
}
