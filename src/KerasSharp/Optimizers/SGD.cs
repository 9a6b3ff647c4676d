
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.SGD</c>: gradient descent, optionally with (Nesterov) momentum, in Keras' form:
/// without momentum <c>w -= lr * g</c>; with momentum <c>velocity = momentum * velocity - lr * g</c>, then
/// <c>w += velocity</c>, or with Nesterov <c>w += momentum * velocity - lr * g</c>.
/// </summary>
public class SGD : Optimizer
{
    private Tensor[] momentums = [];

    /// <summary>SGD with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.01</c>).</param>
    /// <param name="momentum">Momentum in [0, 1]; 0 is plain gradient descent (<c>momentum=0.0</c>).</param>
    /// <param name="nesterov">Use Nesterov momentum (<c>nesterov=False</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"SGD"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="momentum"/> is outside [0, 1].</exception>
    public SGD(LearningRate? learningRate = null, double momentum = 0.0, bool nesterov = false, double? weightDecay = null,
        double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "SGD")
        : base(learningRate ?? 0.01, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        Internal.Guard.InRange(momentum, 0, 1, nameof(momentum));
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>The momentum factor (0 for plain gradient descent).</summary>
    public double Momentum { get; }
    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>Keras' variable order: one <c>momentum</c> per variable, only when <see cref="Momentum"/> is not 0.</summary>
    public override IReadOnlyList<Tensor> StateTensors => momentums;

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        momentums = Momentum != 0 ? OptimizerSlots.Zeros(vars) : [];
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        if (Momentum == 0)
        {
            variable.add_(gradient, alpha: -learningRate);                 // w -= lr * g
            return;
        }
        var m = momentums[index];
        m.mul_(Momentum).add_(gradient, alpha: -learningRate);            // m = momentum * m - lr * g
        if (Nesterov)
            variable.add_(m, alpha: Momentum).add_(gradient, alpha: -learningRate); // w += momentum * m - lr * g
        else
            variable.add_(m);                                              // w += m
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["momentum"] = Momentum;
        config["nesterov"] = Nesterov;
        return config;
    }
}
