using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>SeparableConv2D</c>: a depthwise convolution (each input channel with <c>depthMultiplier</c> filters,
/// with the strides, padding and dilation) followed by a 1x1 pointwise convolution to <c>filters</c> channels, then
/// bias and activation. Weights in Keras' order and layouts: <c>depthwise_kernel (kh, kw, in, depth_multiplier)</c>,
/// <c>pointwise_kernel (1, 1, in * depth_multiplier, filters)</c>, <c>bias (filters)</c>.
/// </summary>
public class SeparableConv2D : ConvolutionBase
{
    private Parameter? depthwiseKernel;
    private Parameter? pointwiseKernel;
    private long inputChannels;

    /// <summary>Creates a SeparableConv2D layer.</summary>
    /// <param name="filters">Number of output channels (&gt; 0).</param>
    /// <param name="kernelSize">Depthwise window size: an int or a tuple of 2 ints (each &gt;= 1).</param>
    /// <param name="strides">Stride: an int or a tuple of 2 ints; null means 1.</param>
    /// <param name="padding">"valid" or "same" (case-insensitive).</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="dilationRate">Dilation: an int or a tuple of 2 ints; null means 1. Not combinable with strides &gt; 1.</param>
    /// <param name="depthMultiplier">Depthwise filters per input channel (&gt; 0).</param>
    /// <param name="activation">Activation name or function; null means linear.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="depthwiseInitializer">Depthwise kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="pointwiseInitializer">Pointwise kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="depthwiseRegularizer">Penalty on the depthwise kernel.</param>
    /// <param name="pointwiseRegularizer">Penalty on the pointwise kernel.</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
    /// <param name="depthwiseConstraint">Projection of the depthwise kernel after each update.</param>
    /// <param name="pointwiseConstraint">Projection of the pointwise kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name (default <c>separable_conv2d</c>, ...).</param>
    public SeparableConv2D(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", IntTuple? dilationRate = null, int depthMultiplier = 1,
        ActivationFunction? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
        Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, Regularizer? depthwiseRegularizer = null,
        Regularizer? pointwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? pointwiseConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null)
        : base(2, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, activityRegularizer, biasConstraint, inputShape, name)
    {
        if (depthMultiplier <= 0)
            throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier,
                $"SeparableConv2D: 'depthMultiplier' must be > 0, but received {depthMultiplier}.");
        if (filters <= 0)
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"SeparableConv2D: 'filters' must be > 0, but received {filters}.");
        Filters = filters;
        DepthMultiplier = depthMultiplier;
        DepthwiseInitializer = depthwiseInitializer ?? InitializerRegistry.Get("glorot_uniform");
        PointwiseInitializer = pointwiseInitializer ?? InitializerRegistry.Get("glorot_uniform");
        DepthwiseRegularizer = depthwiseRegularizer;
        PointwiseRegularizer = pointwiseRegularizer;
        DepthwiseConstraint = depthwiseConstraint;
        PointwiseConstraint = pointwiseConstraint;
    }

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }
    /// <summary>Depthwise filters per input channel.</summary>
    public int DepthMultiplier { get; }
    /// <summary>Depthwise kernel initializer.</summary>
    public Initializer DepthwiseInitializer { get; }
    /// <summary>Pointwise kernel initializer.</summary>
    public Initializer PointwiseInitializer { get; }
    /// <summary>Penalty on the depthwise kernel, or null.</summary>
    public Regularizer? DepthwiseRegularizer { get; }
    /// <summary>Penalty on the pointwise kernel, or null.</summary>
    public Regularizer? PointwiseRegularizer { get; }
    /// <summary>Projection of the depthwise kernel after each update, or null.</summary>
    public Constraint? DepthwiseConstraint { get; }
    /// <summary>Projection of the pointwise kernel after each update, or null.</summary>
    public Constraint? PointwiseConstraint { get; }
    /// <summary>The depthwise kernel, shape <c>(kh, kw, input_channels, depth_multiplier)</c>; null before building.</summary>
    public Parameter? DepthwiseKernel => depthwiseKernel;
    /// <summary>The pointwise kernel, shape <c>(1, 1, input_channels * depth_multiplier, filters)</c>; null before building.</summary>
    public Parameter? PointwiseKernel => pointwiseKernel;

    private protected override long OutputChannels(long inputChannels) => Filters;

    private protected override void BuildKernels(long inputChannels)
    {
        this.inputChannels = inputChannels;
        depthwiseKernel = AddWeight("depthwise_kernel", [.. KernelSize.Select(k => (long)k), inputChannels, DepthMultiplier],
            DepthwiseInitializer, regularizer: DepthwiseRegularizer, constraint: DepthwiseConstraint);
        pointwiseKernel = AddWeight("pointwise_kernel", [.. Enumerable.Repeat(1L, Rank), inputChannels * DepthMultiplier, Filters],
            PointwiseInitializer, regularizer: PointwiseRegularizer, constraint: PointwiseConstraint);
    }

    private protected override Tensor Convolve(Tensor x, Tensor? bias, out bool biasAdded)
    {
        biasAdded = true;
        var padded = ConvUtils.Pad(x, Padding, KernelArray, StrideArray, DilationArray, 0, allowSymmetric: true, out var symmetric);
        var depthwise = ConvUtils.Conv(padded, DepthwiseConv2D.DepthwiseWeight(depthwiseKernel!, Rank), null, StrideArray, symmetric,
            DilationArray, inputChannels);
        // (1, 1, in*m, filters) -> (filters, in*m, 1, 1)
        var w = pointwiseKernel!.permute([Rank + 1, Rank, .. Enumerable.Range(0, Rank).Select(i => (long)i)]);
        int[] ones = [.. Enumerable.Repeat(1, Rank)];
        return ConvUtils.Conv(depthwise, w, bias, ones, new long[Rank], ones, 1);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["depth_multiplier"] = DepthMultiplier;
        config["depthwise_initializer"] = KerasConfig.Serialize(DepthwiseInitializer);
        config["pointwise_initializer"] = KerasConfig.Serialize(PointwiseInitializer);
        config["depthwise_regularizer"] = KerasConfig.Serialize(DepthwiseRegularizer);
        config["pointwise_regularizer"] = KerasConfig.Serialize(PointwiseRegularizer);
        config["depthwise_constraint"] = KerasConfig.Serialize(DepthwiseConstraint);
        config["pointwise_constraint"] = KerasConfig.Serialize(PointwiseConstraint);
        return config;
    }
}
