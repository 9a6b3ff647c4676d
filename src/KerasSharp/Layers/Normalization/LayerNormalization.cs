using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>LayerNormalization</c>: normalises each sample over <see cref="Axis"/> (the last axis by default) with
/// its own mean and biased variance, <c>gamma * (x - mean) / sqrt(var + epsilon) + beta</c>, with <c>gamma</c> and
/// <c>beta</c> spanning the normalised axes. With <c>rmsScaling</c> it computes what Keras 3 computes,
/// <c>x * rsqrt(var(x) + epsilon) * gamma</c>: <c>var</c> is the mean-centred (biased) variance over the normalised
/// axes, but <c>x</c> itself is not centred and there is no <c>beta</c>. Same behaviour in training and inference.
/// </summary>
public class LayerNormalization : Layer
{
    private Parameter? gamma, beta;
    private readonly WeightSettings betaSettings, gammaSettings;
    private long[] axes = [];
    private long[] paramBroadcast = [];

    /// <summary>Creates a LayerNormalization layer.</summary>
    /// <param name="axis">Axis or axes to normalise over (default -1, the last); e.g. <c>new[] { 1, 2, 3 }</c> for whole images.</param>
    /// <param name="epsilon">Added to the variance before the square root.</param>
    /// <param name="center">Whether to add the learned offset <c>beta</c>.</param>
    /// <param name="scale">Whether to multiply by the learned scale <c>gamma</c>.</param>
    /// <param name="rmsScaling">Keras' RMS scaling: <c>x * rsqrt(var(x) + epsilon) * gamma</c>, x not centred (ignores
    /// <paramref name="center"/> and <paramref name="scale"/>; keeps <c>gamma</c>, no <c>beta</c>).</param>
    /// <param name="betaInitializer">Initializer of <c>beta</c> (default <c>zeros</c>).</param>
    /// <param name="gammaInitializer">Initializer of <c>gamma</c> (default <c>ones</c>).</param>
    /// <param name="betaRegularizer">Penalty on <c>beta</c>.</param>
    /// <param name="gammaRegularizer">Penalty on <c>gamma</c>.</param>
    /// <param name="betaConstraint">Projection of <c>beta</c> after each update.</param>
    /// <param name="gammaConstraint">Projection of <c>gamma</c> after each update.</param>
    /// <param name="name">Layer name.</param>
    public LayerNormalization(IntTuple? axis = null, double epsilon = 1e-3, bool center = true, bool scale = true, bool rmsScaling = false,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null, string? name = null)
        : base(name)
    {
        if (!(epsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"LayerNormalization: 'epsilon' must be > 0, but received {Guard.Fmt(epsilon)}.");
        Axis = axis is IntTuple t && t.Count > 0 ? t : -1;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        betaSettings = new WeightSettings("beta", betaInitializer, "zeros", betaRegularizer, betaConstraint);
        gammaSettings = new WeightSettings("gamma", gammaInitializer, "ones", gammaRegularizer, gammaConstraint);
        RmsScaling = rmsScaling;
    }

    /// <summary>The normalised axis or axes as given.</summary>
    public IntTuple Axis { get; }
    /// <summary>Added to the variance for stability.</summary>
    public double Epsilon { get; }
    /// <summary>Whether <c>beta</c> is used.</summary>
    public bool Center { get; }
    /// <summary>Whether <c>gamma</c> is used.</summary>
    public bool Scale { get; }
    /// <summary>Whether RMS scaling replaces mean/variance normalisation.</summary>
    public bool RmsScaling { get; }
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

    /// <summary>The learned scale; null before building or when unused.</summary>
    public Parameter? Gamma => gamma;
    /// <summary>The learned offset; null before building or when unused.</summary>
    public Parameter? Beta => beta;

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        int rank = inputShape.Rank;
        var resolved = new List<long>();
        var shape = new List<long>();
        foreach (int a in Axis.Values)
        {
            int p = a < 0 ? a + rank : a;
            if (p < 0 || p >= rank)
                throw new ArgumentException($"Layer \"{Name}\": axis {a} is out of bounds for input shape {inputShape}.");
            if (inputShape[p] is not long d)
                throw new ArgumentException($"Layer \"{Name}\": axis {a} of the input must have a known size, but received input shape {inputShape}.");
            resolved.Add(p);
            shape.Add(d);
        }
        axes = [.. resolved];
        paramBroadcast = Enumerable.Repeat(1L, rank).ToArray();
        foreach (var p in axes) paramBroadcast[p] = inputShape[(int)p]!.Value;
        if (Scale || RmsScaling)
            gamma = AddWeight(gammaSettings, Shape.FromDims(shape));
        if (Center && !RmsScaling)
            beta = AddWeight(betaSettings, Shape.FromDims(shape));
    }

    /// <summary>
    /// Whether calls may run on LibTorch's fused <c>layer_norm</c> where Keras' torch path does (see
    /// <see cref="FusedLayerNormalization"/>; within 1e-6 of the op-by-op formula; <c>KERASSHARP_FUSED_LAYER_NORM=0</c>
    /// turns it off).
    /// </summary>
    internal bool FusedKernelAllowed { get; set; } = FusedLayerNormalization.EnabledByEnvironment;

    /// <summary>Whether the latest call ran on the fused kernel.</summary>
    internal bool LastCallFused { get; private set; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        LastCallFused = FusedKernelAllowed && FusedLayerNormalization.Applies(RmsScaling, axes, (int)x.dim(), x.dtype,
            (gamma ?? beta)?.dtype ?? x.dtype);
        if (LastCallFused) return FusedLayerNormalization.Normalize(x, axes.Length, gamma, beta, Epsilon);
        if (RmsScaling)
        {
            // Keras: ops.var (centred) for the scale, applied to the uncentred input.
            var centred = x - x.mean(axes, keepdim: true);
            var inverse = (centred.square().mean(axes, keepdim: true) + Epsilon).rsqrt();
            return x * inverse * gamma!.reshape(paramBroadcast);
        }
        var mean = x.mean(axes, keepdim: true);
        var variance = (x - mean).square().mean(axes, keepdim: true);
        var inv = (variance + Epsilon).rsqrt();
        if (gamma is not null) inv = inv * gamma.reshape(paramBroadcast);
        var y = (x - mean) * inv;
        return beta is null ? y : y + beta.reshape(paramBroadcast);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis.Values.ToList();   // Keras writes the axes as a list, also a single one ([-1])
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["rms_scaling"] = RmsScaling;
        WeightSettings.WriteConfig(config, [betaSettings, gammaSettings]);
        return config;
    }
}
