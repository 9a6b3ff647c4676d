using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GroupNormalization</c>: splits the channels (<see cref="Axis"/>, the last by default) into
/// <see cref="Groups"/> groups and normalises each sample's group over the group's channels and every other non-batch
/// axis, then applies per-channel <c>gamma</c> and <c>beta</c>. <c>groups: -1</c> means one group per channel
/// (instance normalisation); 1 is close to LayerNormalization over all axes.
/// </summary>
public class GroupNormalization : Layer
{
    private Parameter? gamma, beta;
    private readonly WeightSettings betaSettings, gammaSettings;
    private int axis;
    private int groups;

    /// <summary>Creates a GroupNormalization layer.</summary>
    /// <param name="groups">Number of groups (default 32; -1 for one per channel); must divide the channel count.</param>
    /// <param name="axis">The channel axis (default -1).</param>
    /// <param name="epsilon">Added to the variance before the square root.</param>
    /// <param name="center">Whether to add the learned offset <c>beta</c>.</param>
    /// <param name="scale">Whether to multiply by the learned scale <c>gamma</c>.</param>
    /// <param name="betaInitializer">Initializer of <c>beta</c> (default <c>zeros</c>).</param>
    /// <param name="gammaInitializer">Initializer of <c>gamma</c> (default <c>ones</c>).</param>
    /// <param name="betaRegularizer">Penalty on <c>beta</c>.</param>
    /// <param name="gammaRegularizer">Penalty on <c>gamma</c>.</param>
    /// <param name="betaConstraint">Projection of <c>beta</c> after each update.</param>
    /// <param name="gammaConstraint">Projection of <c>gamma</c> after each update.</param>
    /// <param name="name">Layer name.</param>
    public GroupNormalization(int groups = 32, int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null, string? name = null)
        : base(name)
    {
        if (groups == 0 || groups < -1)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"GroupNormalization: 'groups' must be >= 1 or -1, but received {groups}.");
        if (!(epsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"GroupNormalization: 'epsilon' must be > 0, but received {Guard.Fmt(epsilon)}.");
        Groups = groups;
        Axis = axis;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        betaSettings = new WeightSettings("beta", betaInitializer, "zeros", betaRegularizer, betaConstraint);
        gammaSettings = new WeightSettings("gamma", gammaInitializer, "ones", gammaRegularizer, gammaConstraint);
    }

    /// <summary>Number of groups as given (-1: one per channel).</summary>
    public int Groups { get; }
    /// <summary>The channel axis as given.</summary>
    public int Axis { get; }
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
    /// <summary>Penalty on <c>beta</c>, or null.</summary>
    public Regularizer? BetaRegularizer => betaSettings.Regularizer;
    /// <summary>Penalty on <c>gamma</c>, or null.</summary>
    public Regularizer? GammaRegularizer => gammaSettings.Regularizer;
    /// <summary>Projection of <c>beta</c>, or null.</summary>
    public Constraint? BetaConstraint => betaSettings.Constraint;
    /// <summary>Projection of <c>gamma</c>, or null.</summary>
    public Constraint? GammaConstraint => gammaSettings.Constraint;

    /// <summary>The learned per-channel scale; null before building or when unused.</summary>
    public Parameter? Gamma => gamma;
    /// <summary>The learned per-channel offset; null before building or when unused.</summary>
    public Parameter? Beta => beta;

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        int rank = inputShape.Rank;
        int a = Axis < 0 ? Axis + rank : Axis;
        if (a < 1 || a >= rank)
            throw new ArgumentException($"Layer \"{Name}\": axis {Axis} is out of bounds (or the batch axis) for input shape {inputShape}.");
        if (inputShape[a] is not long dim)
            throw new ArgumentException($"Layer \"{Name}\": axis {Axis} of the input should have a defined dimension, but the layer received an input with shape {inputShape}.");
        int g = Groups == -1 ? (int)dim : Groups;
        if (dim < g)
            throw new ArgumentException($"Layer \"{Name}\": number of groups ({g}) cannot be more than the number of channels ({dim}).");
        if (dim % g != 0)
            throw new ArgumentException($"Layer \"{Name}\": the number of channels ({dim}) must be a multiple of the number of groups ({g}).");
        axis = a;
        groups = g;
        InputSpec = new InputSpec { Rank = rank, Axes = new Dictionary<int, long> { [Axis] = dim } };
        if (Scale)
            gamma = AddWeight(gammaSettings, [dim]);
        if (Center)
            beta = AddWeight(betaSettings, [dim]);
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        var shape = x.shape;
        long perGroup = shape[axis] / groups;
        // (..., groups, channels / groups, ...): the group axis sits at `axis`.
        long[] grouped = [.. shape[..axis], groups, perGroup, .. shape[(axis + 1)..]];
        var xg = x.reshape(grouped);
        var reduce = Enumerable.Range(1, grouped.Length - 1).Where(d => d != axis).Select(d => (long)d).ToArray();
        var mean = xg.mean(reduce, keepdim: true);
        var variance = (xg - mean).square().mean(reduce, keepdim: true);
        var inv = (variance + Epsilon).rsqrt();
        var broadcast = Enumerable.Repeat(1L, grouped.Length).ToArray();
        broadcast[axis] = groups;
        broadcast[axis + 1] = perGroup;
        if (gamma is not null) inv = inv * gamma.reshape(broadcast);
        var y = (xg - mean) * inv;
        if (beta is not null) y = y + beta.reshape(broadcast);
        return y.reshape(shape);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["groups"] = Groups;
        config["axis"] = Axis;
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        WeightSettings.WriteConfig(config, [betaSettings, gammaSettings]);
        return config;
    }
}
