using KerasSharp.Initializers;
using KerasSharp.Internal;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>RMSNormalization</c> (keras/src/layers/normalization/rms_normalization.py, Zhang and Sennrich 2019):
/// <c>x * rsqrt(mean(square(x)) + epsilon) * scale</c>, the mean taken over <see cref="Axis"/> (the last axis by
/// default) for each sample; <c>x</c> is not centred and there is no offset. One weight, <c>scale</c> (initialised to
/// ones), spanning the normalised axes. Same behaviour in training and inference.
/// </summary>
public sealed class RMSNormalization : Layer
{
    private Parameter? scale;
    private long[] axes = [];
    private long[] scaleBroadcast = [];

    /// <summary>Creates an RMSNormalization layer.</summary>
    /// <param name="axis">Axis or axes to normalise over (Keras' default -1, the last).</param>
    /// <param name="epsilon">Added to the mean square before the square root (Keras' default 1e-6).</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or not finite.</exception>
    public RMSNormalization(IntTuple? axis = null, double epsilon = 1e-6, string? name = null) : base(name)
    {
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"RMSNormalization: 'epsilon' must be a finite number >= 0, but received {Guard.Fmt(epsilon)}.");
        Axis = axis is IntTuple t && t.Count > 0 ? t : -1;
        Epsilon = epsilon;
    }

    /// <summary>The normalised axis or axes as given.</summary>
    public IntTuple Axis { get; }

    /// <summary>Added to the mean square for stability.</summary>
    public double Epsilon { get; }

    /// <summary>The learned scale (Keras' <c>scale</c> weight); null before building.</summary>
    public Parameter? Scale => scale;

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        int rank = inputShape.Rank;
        var resolved = new SortedSet<long>();
        foreach (int a in Axis.Values)
        {
            int p = a < 0 ? a + rank : a;
            if (p < 0 || p >= rank)
                throw new ArgumentException($"Axis {a} is out of bounds for input shape {inputShape}. Received: axis={Axis}", nameof(inputShape));
            if (inputShape[p] is null)
                throw new ArgumentException($"Layer \"{Name}\": axis {a} of the input must have a known size, but received input shape {inputShape}.", nameof(inputShape));
            resolved.Add(p);
        }
        axes = [.. resolved];
        scaleBroadcast = Enumerable.Repeat(1L, rank).ToArray();
        foreach (var p in axes) scaleBroadcast[p] = inputShape[(int)p]!.Value;
        scale = AddWeight("scale", Shape.FromDims(axes.Select(p => inputShape[(int)p]!.Value).ToArray()), InitializerRegistry.Get("ones"));
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        var inverseRms = (x.square().mean(axes, keepdim: true) + Epsilon).rsqrt();
        return x * inverseRms * scale!.reshape(scaleBroadcast);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        foreach (int a in Axis.Values)
            if (a >= inputShape.Rank || a < -inputShape.Rank)
                throw new ArgumentException($"Axis {a} is out of bounds for input shape {inputShape}. Received: axis={Axis}", nameof(inputShape));
        return inputShape;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        // Keras' build replaces self.axis by the sorted list of axes, so a built layer writes [-1] where an unbuilt
        // one writes -1.
        config["axis"] = Built ? Axis.Values.Order().ToList() : Axis.Count == 1 ? Axis.Values[0] : Axis.Values.ToList();
        config["epsilon"] = Epsilon;
        return config;
    }
}
