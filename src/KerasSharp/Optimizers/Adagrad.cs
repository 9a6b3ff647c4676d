
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

    /// <summary>Adagrad with a fixed learning rate (Keras' defaults).</summary>
    /// <param name="learningRate">The learning rate (Keras: <c>learning_rate=0.001</c>).</param>
    /// <param name="initialAccumulatorValue">Starting value of the accumulators, &gt;= 0 (<c>initial_accumulator_value=0.1</c>).</param>
    /// <param name="epsilon">Added to the accumulator inside the square root (<c>epsilon=1e-7</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="name">The optimizer's name (<c>"adagrad"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialAccumulatorValue"/> is negative.</exception>
    public Adagrad(double learningRate = 0.001, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        string name = "adagrad")
        : this(learningRate, null, initialAccumulatorValue, epsilon, weightDecay, clipnorm, clipvalue, globalClipnorm, name)
    {
    }

    /// <summary>Adagrad with a learning-rate schedule evaluated every step.</summary>
    /// <param name="learningRate">The schedule giving the learning rate of each step.</param>
    /// <param name="initialAccumulatorValue">Starting value of the accumulators, &gt;= 0 (<c>initial_accumulator_value=0.1</c>).</param>
    /// <param name="epsilon">Added to the accumulator inside the square root (<c>epsilon=1e-7</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="name">The optimizer's name (<c>"adagrad"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialAccumulatorValue"/> is negative.</exception>
    public Adagrad(LearningRateSchedule learningRate, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        string name = "adagrad")
        : this(0.001, learningRate ?? throw new ArgumentNullException(nameof(learningRate)), initialAccumulatorValue,
            epsilon, weightDecay, clipnorm, clipvalue, globalClipnorm, name)
    {
    }

    private Adagrad(double learningRate, LearningRateSchedule? schedule, double initialAccumulatorValue,
        double epsilon, double? weightDecay, double? clipnorm, double? clipvalue, double? globalClipnorm, string name)
        : base(learningRate, schedule, name, weightDecay, clipnorm, clipvalue, globalClipnorm)
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
        accumulators = vars.Select(v => full_like(v, InitialAccumulatorValue).DetachFromDisposeScope()).ToArray();
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
