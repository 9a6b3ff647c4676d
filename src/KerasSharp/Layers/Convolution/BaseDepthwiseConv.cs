using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>BaseDepthwiseConv</c>, the N-D depthwise convolution behind <see cref="DepthwiseConv1D"/> and
/// <see cref="DepthwiseConv2D"/>: each input channel is convolved with its own <c>depthMultiplier</c> filters, giving
/// <c>input_channels * depthMultiplier</c> outputs ordered channel-major (output <c>c * depthMultiplier + m</c>), as
/// TensorFlow. Kernel in Keras' layout <c>(k..., input_channels, depth_multiplier)</c> (weight name <c>kernel</c>),
/// run as one grouped TorchSharp convolution; "same" padding as <see cref="BaseConv"/> (TensorFlow's, the odd cell at the end).
/// </summary>
public abstract class BaseDepthwiseConv : ConvolutionBase
{
    private Parameter? kernel;
    private readonly WeightSettings depthwiseSettings;
    private long inputChannels;

    private protected BaseDepthwiseConv(int rank, IntTuple kernelSize, IntTuple? strides, string padding, int depthMultiplier,
        string dataFormat, IntTuple? dilationRate, ActivationFunction? activation, bool useBias, Initializer? depthwiseInitializer,
        Initializer? biasInitializer, Regularizer? depthwiseRegularizer, Regularizer? biasRegularizer, Regularizer? activityRegularizer,
        Constraint? depthwiseConstraint, Constraint? biasConstraint, Shape? inputShape, string? name)
        : base(rank, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, activityRegularizer, biasConstraint, inputShape, name)
    {
        if (depthMultiplier <= 0)
            throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier,
                $"{GetType().Name}: 'depthMultiplier' must be > 0, but received {depthMultiplier}.");
        DepthMultiplier = depthMultiplier;
        depthwiseSettings = new WeightSettings("depthwise", depthwiseInitializer, "glorot_uniform", depthwiseRegularizer,
            depthwiseConstraint, weightName: "kernel");
    }

    /// <summary>Filters per input channel.</summary>
    public int DepthMultiplier { get; }
    /// <summary>Kernel initializer.</summary>
    public Initializer DepthwiseInitializer => depthwiseSettings.Initializer;
    /// <summary>Penalty on the kernel, or null.</summary>
    public Regularizer? DepthwiseRegularizer => depthwiseSettings.Regularizer;
    /// <summary>Projection of the kernel after each update, or null.</summary>
    public Constraint? DepthwiseConstraint => depthwiseSettings.Constraint;
    /// <summary>The kernel, shape <c>(k..., input_channels, depth_multiplier)</c>; null before building.</summary>
    public Parameter? Kernel => kernel;

    private protected override long OutputChannels(long inputChannels) => inputChannels * DepthMultiplier;

    private protected override void BuildKernels(long inputChannels)
    {
        this.inputChannels = inputChannels;
        kernel = AddWeight(depthwiseSettings, [.. KernelSize.Select(k => (long)k), inputChannels, DepthMultiplier]);
    }

    private protected override Tensor Convolve(Tensor x, Tensor? bias, out bool biasAdded)
    {
        biasAdded = true;
        var padded = ConvUtils.Pad(x, Padding, KernelArray, StrideArray, DilationArray, 0, allowSymmetric: true, out var symmetric);
        return ConvUtils.Conv(padded, ConvUtils.DepthwiseWeight(kernel!, Rank), bias, StrideArray, symmetric, DilationArray, inputChannels);
    }

    private protected override WeightSettings[] KernelRoles => [depthwiseSettings];

    private protected override void WriteLeadingConfig(Dictionary<string, object?> config) =>
        config["depth_multiplier"] = DepthMultiplier;
}
