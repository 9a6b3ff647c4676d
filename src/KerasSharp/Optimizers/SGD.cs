
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

    /// <summary>SGD with a fixed learning rate (Keras' defaults).</summary>
    /// <param name="learningRate">The learning rate (Keras: <c>learning_rate=0.01</c>).</param>
    /// <param name="momentum">Momentum in [0, 1]; 0 is plain gradient descent (<c>momentum=0.0</c>).</param>
    /// <param name="nesterov">Use Nesterov momentum (<c>nesterov=False</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="name">The optimizer's name (<c>"SGD"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="momentum"/> is outside [0, 1].</exception>
    public SGD(double learningRate = 0.01, double momentum = 0.0, bool nesterov = false, double? weightDecay = null,
        double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "SGD")
        : this(learningRate, null, momentum, nesterov, weightDecay, clipnorm, clipvalue, globalClipnorm, name)
    {
    }

    /// <summary>SGD with a learning-rate schedule evaluated every step.</summary>
    /// <param name="learningRate">The schedule giving the learning rate of each step.</param>
    /// <param name="momentum">Momentum in [0, 1]; 0 is plain gradient descent (<c>momentum=0.0</c>).</param>
    /// <param name="nesterov">Use Nesterov momentum (<c>nesterov=False</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="name">The optimizer's name (<c>"SGD"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="momentum"/> is outside [0, 1].</exception>
    public SGD(LearningRateSchedule learningRate, double momentum = 0.0, bool nesterov = false,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        string name = "SGD")
        : this(0.01, learningRate ?? throw new ArgumentNullException(nameof(learningRate)), momentum, nesterov,
            weightDecay, clipnorm, clipvalue, globalClipnorm, name)
    {
    }

    private SGD(double learningRate, LearningRateSchedule? schedule, double momentum, bool nesterov,
        double? weightDecay, double? clipnorm, double? clipvalue, double? globalClipnorm, string name)
        : base(learningRate, schedule, name, weightDecay, clipnorm, clipvalue, globalClipnorm)
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
        momentums = Momentum != 0 ? vars.Select(v => zeros_like(v).DetachFromDisposeScope()).ToArray() : [];
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
