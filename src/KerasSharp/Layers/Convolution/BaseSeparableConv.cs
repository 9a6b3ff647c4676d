using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>BaseSeparableConv</c>, the N-D depthwise separable convolution behind <see cref="SeparableConv1D"/> and
/// <see cref="SeparableConv2D"/>: a depthwise convolution (each input channel with <c>depthMultiplier</c> filters, with
/// the strides, padding and dilation) followed by a pointwise (size-1) convolution to <c>filters</c> channels, then bias
/// and activation. Weights in Keras' order and layouts: <c>depthwise_kernel (k..., in, depth_multiplier)</c>,
/// <c>pointwise_kernel (1..., in * depth_multiplier, filters)</c>, <c>bias (filters)</c>.
/// </summary>
public abstract class BaseSeparableConv : ConvolutionBase
{
    private Parameter? depthwiseKernel;
    private Parameter? pointwiseKernel;
    private long inputChannels;
    private readonly WeightSettings depthwiseSettings, pointwiseSettings;

    private protected BaseSeparableConv(int rank, int filters, IntTuple kernelSize, IntTuple? strides, string padding,
        string dataFormat, IntTuple? dilationRate, int depthMultiplier, ActivationFunction? activation, bool useBias,
        Initializer? depthwiseInitializer, Initializer? pointwiseInitializer, Initializer? biasInitializer,
        Regularizer? depthwiseRegularizer, Regularizer? pointwiseRegularizer, Regularizer? biasRegularizer,
        Regularizer? activityRegularizer, Constraint? depthwiseConstraint, Constraint? pointwiseConstraint,
        Constraint? biasConstraint, Shape? inputShape, string? name)
        : base(rank, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, activityRegularizer, biasConstraint, inputShape, name)
    {
        string owner = GetType().Name;
        if (depthMultiplier <= 0)
            throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier,
                $"{owner}: 'depthMultiplier' must be > 0, but received {depthMultiplier}.");
        if (filters <= 0)
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"{owner}: 'filters' must be > 0, but received {filters}.");
        Filters = filters;
        DepthMultiplier = depthMultiplier;
        depthwiseSettings = new WeightSettings("depthwise", depthwiseInitializer, "glorot_uniform", depthwiseRegularizer,
            depthwiseConstraint, weightName: "depthwise_kernel");
        pointwiseSettings = new WeightSettings("pointwise", pointwiseInitializer, "glorot_uniform", pointwiseRegularizer,
            pointwiseConstraint, weightName: "pointwise_kernel");
    }

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }
    /// <summary>Depthwise filters per input channel.</summary>
    public int DepthMultiplier { get; }
    /// <summary>Depthwise kernel initializer.</summary>
    public Initializer DepthwiseInitializer => depthwiseSettings.Initializer;
    /// <summary>Pointwise kernel initializer.</summary>
    public Initializer PointwiseInitializer => pointwiseSettings.Initializer;
    /// <summary>Penalty on the depthwise kernel, or null.</summary>
    public Regularizer? DepthwiseRegularizer => depthwiseSettings.Regularizer;
    /// <summary>Penalty on the pointwise kernel, or null.</summary>
    public Regularizer? PointwiseRegularizer => pointwiseSettings.Regularizer;
    /// <summary>Projection of the depthwise kernel after each update, or null.</summary>
    public Constraint? DepthwiseConstraint => depthwiseSettings.Constraint;
    /// <summary>Projection of the pointwise kernel after each update, or null.</summary>
    public Constraint? PointwiseConstraint => pointwiseSettings.Constraint;
    /// <summary>The depthwise kernel, shape <c>(k..., input_channels, depth_multiplier)</c>; null before building.</summary>
    public Parameter? DepthwiseKernel => depthwiseKernel;
    /// <summary>The pointwise kernel, shape <c>(1..., input_channels * depth_multiplier, filters)</c>; null before building.</summary>
    public Parameter? PointwiseKernel => pointwiseKernel;

    private protected override long OutputChannels(long inputChannels) => Filters;

    private protected override void BuildKernels(long inputChannels)
    {
        this.inputChannels = inputChannels;
        depthwiseKernel = AddWeight(depthwiseSettings, [.. KernelSize.Select(k => (long)k), inputChannels, DepthMultiplier]);
        pointwiseKernel = AddWeight(pointwiseSettings, [.. Enumerable.Repeat(1L, Rank), inputChannels * DepthMultiplier, Filters]);
    }

    private protected override Tensor Convolve(Tensor x, Tensor? bias, out bool biasAdded)
    {
        biasAdded = true;
        var padded = ConvUtils.Pad(x, Padding, KernelArray, StrideArray, DilationArray, 0, allowSymmetric: true, out var symmetric);
        var depthwise = ConvUtils.Conv(padded, ConvUtils.DepthwiseWeight(depthwiseKernel!, Rank), null, StrideArray, symmetric,
            DilationArray, inputChannels);
        // (1..., in*m, filters) -> (filters, in*m, 1...)
        var w = pointwiseKernel!.permute([Rank + 1, Rank, .. Enumerable.Range(0, Rank).Select(i => (long)i)]);
        int[] ones = [.. Enumerable.Repeat(1, Rank)];
        return ConvUtils.Conv(depthwise, w, bias, ones, new long[Rank], ones, 1);
    }

    private protected override WeightSettings[] KernelRoles => [depthwiseSettings, pointwiseSettings];

    private protected override void WriteLeadingConfig(Dictionary<string, object?> config)
    {
        config["depth_multiplier"] = DepthMultiplier;
        config["filters"] = Filters;
    }
}
