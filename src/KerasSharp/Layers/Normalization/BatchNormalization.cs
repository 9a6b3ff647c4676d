using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>BatchNormalization</c>. In training (inside Fit, or <c>Apply(x, training: true)</c>) it normalises with the
/// batch's mean and biased variance over every axis except <see cref="Axis"/>, and updates the moving statistics in place:
/// <c>moving = moving * momentum + batch * (1 - momentum)</c>. In inference it uses the moving statistics:
/// <c>gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta</c>. As in Keras 3, a layer with
/// <see cref="Layer.Trainable"/> set to false always runs in inference mode (frozen statistics).
/// Weights, in Keras' order: <c>gamma</c>, <c>beta</c> (trainable), <c>moving_mean</c>, <c>moving_variance</c> (non-trainable).
/// </summary>
public class BatchNormalization : Layer
{
    private Parameter? gamma, beta, movingMean, movingVariance;
    private readonly WeightSettings betaSettings, gammaSettings, movingMeanSettings, movingVarianceSettings;
    private int axis;

    /// <summary>Creates a BatchNormalization layer.</summary>
    /// <param name="axis">The features axis (default -1, the last; use 1 after a <c>channels_first</c> convolution). A list
    /// of exactly one axis (<c>[3]</c>, as tf.keras configs write it) is accepted too.</param>
    /// <param name="momentum">Momentum of the moving averages (Keras' convention: weight of the old value).</param>
    /// <param name="epsilon">Added to the variance before the square root.</param>
    /// <param name="center">Whether to add the learned offset <c>beta</c>.</param>
    /// <param name="scale">Whether to multiply by the learned scale <c>gamma</c>.</param>
    /// <param name="betaInitializer">Initializer of <c>beta</c> (default <c>zeros</c>).</param>
    /// <param name="gammaInitializer">Initializer of <c>gamma</c> (default <c>ones</c>).</param>
    /// <param name="movingMeanInitializer">Initializer of the moving mean (default <c>zeros</c>).</param>
    /// <param name="movingVarianceInitializer">Initializer of the moving variance (default <c>ones</c>).</param>
    /// <param name="betaRegularizer">Penalty on <c>beta</c>.</param>
    /// <param name="gammaRegularizer">Penalty on <c>gamma</c>.</param>
    /// <param name="betaConstraint">Projection of <c>beta</c> after each update.</param>
    /// <param name="gammaConstraint">Projection of <c>gamma</c> after each update.</param>
    /// <param name="synchronized">Keras' cross-replica statistics (TensorFlow backend only); must be false.</param>
    /// <param name="name">Layer name.</param>
    public BatchNormalization(IntTuple? axis = null, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        bool synchronized = false, string? name = null)
        : base(name)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"BatchNormalization: 'momentum' must be in [0, 1], but received {Guard.Fmt(momentum)}.");
        if (!(epsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"BatchNormalization: 'epsilon' must be > 0, but received {Guard.Fmt(epsilon)}.");
        if (synchronized)
            throw new ArgumentException("BatchNormalization: 'synchronized=true' is only supported with Keras' TensorFlow backend; received synchronized=true.", nameof(synchronized));
        Axis = axis is IntTuple t ? SingleAxis(t) : -1;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        betaSettings = new WeightSettings("beta", betaInitializer, "zeros", betaRegularizer, betaConstraint);
        gammaSettings = new WeightSettings("gamma", gammaInitializer, "ones", gammaRegularizer, gammaConstraint);
        movingMeanSettings = new WeightSettings("moving_mean", movingMeanInitializer, "zeros") { InitializerOnly = true };
        movingVarianceSettings = new WeightSettings("moving_variance", movingVarianceInitializer, "ones") { InitializerOnly = true };
    }

    // Keras 3 takes one features axis (an int); tf.keras wrote it as a one-element list.
    private static int SingleAxis(IntTuple axis) => axis.Count == 1
        ? axis.Values[0]
        : throw new ArgumentException($"BatchNormalization: 'axis' must be one integer (or a list of one), but received {axis}.", nameof(axis));

    /// <summary>The features axis as given (negative counts from the end).</summary>
    public int Axis { get; }
    /// <summary>Momentum of the moving averages.</summary>
    public double Momentum { get; }
    /// <summary>Added to the variance for stability.</summary>
    public double Epsilon { get; }
    /// <summary>Whether <c>beta</c> is used.</summary>
    public bool Center { get; }
    /// <summary>Whether <c>gamma</c> is used.</summary>
    public bool Scale { get; }
    /// <summary>Initializer of <c>beta</c>.</summary>
    public Initializer BetaInitializer => betaSettings.Initializer;
    /// <summary>Initializer of <c>gamma</c>.</summary>
    public Initializer GammaInitializer => gammaSettings.Initializer;
    /// <summary>Initializer of the moving mean.</summary>
    public Initializer MovingMeanInitializer => movingMeanSettings.Initializer;
    /// <summary>Initializer of the moving variance.</summary>
    public Initializer MovingVarianceInitializer => movingVarianceSettings.Initializer;
    /// <summary>Penalty on <c>beta</c>, or null.</summary>
    public Regularizer? BetaRegularizer => betaSettings.Regularizer;
    /// <summary>Penalty on <c>gamma</c>, or null.</summary>
    public Regularizer? GammaRegularizer => gammaSettings.Regularizer;
    /// <summary>Projection of <c>beta</c>, or null.</summary>
    public Constraint? BetaConstraint => betaSettings.Constraint;
    /// <summary>Projection of <c>gamma</c>, or null.</summary>
    public Constraint? GammaConstraint => gammaSettings.Constraint;

    /// <summary>The learned scale, shape <c>(features)</c>; null before building or when <see cref="Scale"/> is false.</summary>
    public Parameter? Gamma => gamma;
    /// <summary>The learned offset; null before building or when <see cref="Center"/> is false.</summary>
    public Parameter? Beta => beta;
    /// <summary>The moving mean (non-trainable); null before building.</summary>
    public Parameter? MovingMean => movingMean;
    /// <summary>The moving variance (non-trainable); null before building.</summary>
    public Parameter? MovingVariance => movingVariance;

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        int rank = inputShape.Rank;
        int a = Axis < 0 ? Axis + rank : Axis;
        if (a < 0 || a >= rank)
            throw new ArgumentException($"Layer \"{Name}\": axis {Axis} is out of range for input shape {inputShape} (rank {rank}).");
        if (inputShape[a] is not long dim)
            throw new ArgumentException($"Layer \"{Name}\": axis {Axis} of the input must have a known size, but received input shape {inputShape}.");
        axis = a;
        if (Scale)
            gamma = AddWeight(gammaSettings, [dim]);
        if (Center)
            beta = AddWeight(betaSettings, [dim]);
        movingMean = AddWeight(movingMeanSettings, [dim], trainable: false);
        movingVariance = AddWeight(movingVarianceSettings, [dim], trainable: false);
        InputSpec = new InputSpec { Rank = rank, Axes = new Dictionary<int, long> { [Axis] = dim } };
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        int rank = (int)x.dim();
        var broadcast = Enumerable.Repeat(1L, rank).ToArray();
        broadcast[axis] = x.shape[axis];
        Tensor mean, variance;
        if (training && Trainable)
        {
            var reduce = Enumerable.Range(0, rank).Where(d => d != axis).Select(d => (long)d).ToArray();
            mean = x.mean(reduce, keepdim: true);
            variance = (x - mean).square().mean(reduce, keepdim: true);
            using (no_grad())
            {
                movingMean!.mul_(Momentum).add_(mean.detach().reshape(-1), alpha: 1 - Momentum);
                movingVariance!.mul_(Momentum).add_(variance.detach().reshape(-1), alpha: 1 - Momentum);
            }
        }
        else
        {
            mean = movingMean!.view(broadcast);
            variance = movingVariance!.view(broadcast);
        }
        var inv = (variance + Epsilon).rsqrt();
        if (gamma is not null) inv = inv * gamma.view(broadcast);
        var y = (x - mean) * inv;
        return beta is null ? y : y + beta.view(broadcast);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        WeightSettings.WriteConfig(config, [betaSettings, gammaSettings, movingMeanSettings, movingVarianceSettings]);
        config["synchronized"] = false;
        return config;
    }
}
