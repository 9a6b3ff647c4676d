using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>BaseConv</c>, the N-D convolution behind <see cref="Conv1D"/>, <see cref="Conv2D"/> and <see cref="Conv3D"/>:
/// <c>activation(conv(input, kernel) + bias)</c> with the kernel in Keras' layout <c>(k..., input_channels / groups, filters)</c>,
/// permuted per call to TorchSharp's <c>(filters, input_channels / groups, k...)</c>. "same" padding follows
/// TensorFlow exactly: when the total padding is odd, the extra row/column goes at the end.
/// </summary>
public abstract class BaseConv : ConvolutionBase
{
    private Parameter? kernel;
    private readonly WeightSettings kernelSettings;

    private protected BaseConv(int rank, int filters, IntTuple kernelSize, IntTuple? strides, string padding, string dataFormat,
        IntTuple? dilationRate, int groups, ActivationFunction? activation, bool useBias, Initializer? kernelInitializer,
        Initializer? biasInitializer, Regularizer? kernelRegularizer, Regularizer? biasRegularizer,
        Regularizer? activityRegularizer, Constraint? kernelConstraint, Constraint? biasConstraint, Shape? inputShape, string? name)
        : base(rank, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, activityRegularizer, biasConstraint, inputShape, name, allowCausal: rank == 1)
    {
        string owner = GetType().Name;
        if (filters <= 0)
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"{owner}: 'filters' must be > 0, but received {filters}.");
        if (groups <= 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{owner}: 'groups' must be > 0, but received {groups}.");
        if (filters % groups != 0)
            throw new ArgumentException(
                $"{owner}: 'filters' must be divisible by 'groups', but received filters={filters} and groups={groups}.", nameof(groups));
        Filters = filters;
        Groups = groups;
        kernelSettings = new WeightSettings("kernel", kernelInitializer, "glorot_uniform", kernelRegularizer, kernelConstraint);
    }

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }
    /// <summary>Number of channel groups convolved separately.</summary>
    public int Groups { get; }
    /// <summary>Kernel initializer.</summary>
    public Initializer KernelInitializer => kernelSettings.Initializer;
    /// <summary>Penalty on the kernel, or null.</summary>
    public Regularizer? KernelRegularizer => kernelSettings.Regularizer;
    /// <summary>Projection of the kernel after each update, or null.</summary>
    public Constraint? KernelConstraint => kernelSettings.Constraint;
    /// <summary>The kernel, shape <c>(k..., input_channels / groups, filters)</c>; null before building.</summary>
    public Parameter? Kernel => kernel;

    private protected override long OutputChannels(long inputChannels) => Filters;

    private protected override void BuildKernels(long inputChannels)
    {
        if (inputChannels % Groups != 0)
            throw new ArgumentException(
                $"Layer \"{Name}\": the number of input channels must be divisible by groups={Groups}, but the input has {inputChannels} channels.");
        kernel = AddWeight(kernelSettings, [.. KernelSize.Select(k => (long)k), inputChannels / Groups, Filters]);
    }

    private protected override Tensor Convolve(Tensor x, Tensor? bias, out bool biasAdded)
    {
        // (k..., in/g, out) -> (out, in/g, k...)
        var w = kernel!.permute([Rank + 1, Rank, .. Enumerable.Range(0, Rank).Select(i => (long)i)]);
        var padded = ConvUtils.Pad(x, Padding, KernelArray, StrideArray, DilationArray, 0, allowSymmetric: true, out var symmetric);
        biasAdded = true;
        return ConvUtils.Conv(padded, w, bias, StrideArray, symmetric, DilationArray, Groups);
    }

    private protected override WeightSettings[] KernelRoles => [kernelSettings];

    private protected override void WriteLeadingConfig(Dictionary<string, object?> config) => config["filters"] = Filters;

    private protected override void WriteDilationConfig(Dictionary<string, object?> config) => config["groups"] = Groups;
}
