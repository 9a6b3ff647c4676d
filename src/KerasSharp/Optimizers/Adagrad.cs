
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.Adagrad</c>, in Keras' form: <c>acc += g^2</c>,
/// <c>w -= lr * g / sqrt(acc + epsilon)</c>, with every accumulator starting at
/// <c>initial_accumulator_value</c>.
/// </summary>
public class Adagrad : Optimizer
{
    private Tensor[] accumulators = [];

    /// <summary>Adagrad with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="initialAccumulatorValue">Starting value of the accumulators, &gt;= 0 (<c>initial_accumulator_value=0.1</c>).</param>
    /// <param name="epsilon">Added to the accumulator inside the square root (<c>epsilon=1e-7</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"adagrad"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialAccumulatorValue"/> is negative.</exception>
    public Adagrad(LearningRate? learningRate = null, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "adagrad")
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        Internal.Guard.NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    /// <summary>Starting value of every accumulator.</summary>
    public double InitialAccumulatorValue { get; }
    /// <summary>Numerical-stability constant added inside the square root.</summary>
    public double Epsilon { get; }

    /// <summary>Keras' variable order: one <c>accumulator</c> per variable.</summary>
    public override IReadOnlyList<Tensor> StateTensors => accumulators;

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        accumulators = OptimizerSlots.Filled(vars, InitialAccumulatorValue);
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        var accumulator = accumulators[index];
        accumulator.addcmul_(gradient, gradient, value: 1);                                       // acc += g^2
        variable.addcdiv_(gradient, accumulator.add(Epsilon).sqrt_(), value: -learningRate); // w -= lr * g / sqrt(acc + eps)
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["initial_accumulator_value"] = InitialAccumulatorValue;
        config["epsilon"] = Epsilon;
        return config;
    }
}
