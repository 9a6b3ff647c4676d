using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>DepthwiseConv2D</c>: each input channel is convolved with its own <c>depthMultiplier</c> filters, giving
/// <c>input_channels * depthMultiplier</c> outputs ordered channel-major (output <c>c * depthMultiplier + m</c>), as
/// TensorFlow. Kernel in Keras' layout <c>(kh, kw, input_channels, depth_multiplier)</c> (weight name <c>kernel</c>).
/// </summary>
public class DepthwiseConv2D : ConvolutionBase
{
    private Parameter? kernel;
    private long inputChannels;

    /// <summary>Creates a DepthwiseConv2D layer.</summary>
    /// <param name="kernelSize">Window size: an int or a tuple of 2 ints (each &gt;= 1).</param>
    /// <param name="strides">Stride: an int or a tuple of 2 ints; null means 1.</param>
    /// <param name="padding">"valid" or "same" (case-insensitive).</param>
    /// <param name="depthMultiplier">Filters per input channel (&gt; 0).</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="dilationRate">Dilation: an int or a tuple of 2 ints; null means 1. Not combinable with strides &gt; 1.</param>
    /// <param name="activation">Activation name or function; null means linear.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="depthwiseInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="depthwiseRegularizer">Penalty on the kernel added to the training loss.</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
    /// <param name="depthwiseConstraint">Projection of the kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name (default <c>depthwise_conv2d</c>, ...).</param>
    public DepthwiseConv2D(IntTuple kernelSize, IntTuple? strides = null, string padding = "valid", int depthMultiplier = 1,
        string dataFormat = "channels_last", IntTuple? dilationRate = null, ActivationFunction? activation = null,
        bool useBias = true, Initializer? depthwiseInitializer = null, Initializer? biasInitializer = null,
        Regularizer? depthwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? biasConstraint = null, Shape? inputShape = null, string? name = null)
        : base(2, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, activityRegularizer, biasConstraint, inputShape, name)
    {
        if (depthMultiplier <= 0)
            throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier,
                $"DepthwiseConv2D: 'depthMultiplier' must be > 0, but received {depthMultiplier}.");
        DepthMultiplier = depthMultiplier;
        DepthwiseInitializer = depthwiseInitializer ?? InitializerRegistry.Get("glorot_uniform");
        DepthwiseRegularizer = depthwiseRegularizer;
        DepthwiseConstraint = depthwiseConstraint;
    }

    /// <summary>Filters per input channel.</summary>
    public int DepthMultiplier { get; }
    /// <summary>Kernel initializer.</summary>
    public Initializer DepthwiseInitializer { get; }
    /// <summary>Penalty on the kernel, or null.</summary>
    public Regularizer? DepthwiseRegularizer { get; }
    /// <summary>Projection of the kernel after each update, or null.</summary>
    public Constraint? DepthwiseConstraint { get; }
    /// <summary>The kernel, shape <c>(kh, kw, input_channels, depth_multiplier)</c>; null before building.</summary>
    public Parameter? Kernel => kernel;

    private protected override long OutputChannels(long inputChannels) => inputChannels * DepthMultiplier;

    private protected override void BuildKernels(long inputChannels)
    {
        this.inputChannels = inputChannels;
        kernel = AddWeight("kernel", [.. KernelSize.Select(k => (long)k), inputChannels, DepthMultiplier], DepthwiseInitializer,
            regularizer: DepthwiseRegularizer, constraint: DepthwiseConstraint);
    }

    private protected override Tensor Convolve(Tensor x, Tensor? bias, out bool biasAdded)
    {
        biasAdded = true;
        var padded = ConvUtils.Pad(x, Padding, KernelArray, StrideArray, DilationArray, 0, allowSymmetric: true, out var symmetric);
        return ConvUtils.Conv(padded, DepthwiseWeight(kernel!, Rank), bias, StrideArray, symmetric, DilationArray, inputChannels);
    }

    /// <summary>Keras' <c>(k..., in, m)</c> depthwise kernel as TorchSharp's grouped weight <c>(in * m, 1, k...)</c> (output <c>c * m + j</c>).</summary>
    internal static Tensor DepthwiseWeight(Tensor kernel, int rank)
    {
        var k = kernel.shape;
        return kernel.reshape([.. k[..rank], k[rank] * k[rank + 1]])
            .permute([rank, .. Enumerable.Range(0, rank).Select(i => (long)i)])
            .unsqueeze(1);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["depth_multiplier"] = DepthMultiplier;
        config["depthwise_initializer"] = KerasConfig.Serialize(DepthwiseInitializer);
        config["depthwise_regularizer"] = KerasConfig.Serialize(DepthwiseRegularizer);
        config["depthwise_constraint"] = KerasConfig.Serialize(DepthwiseConstraint);
        return config;
    }
}
