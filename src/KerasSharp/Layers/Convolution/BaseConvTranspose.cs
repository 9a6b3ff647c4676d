using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>BaseConvTranspose</c>, the N-D transposed convolution ("deconvolution") behind <see cref="Conv1DTranspose"/>,
/// <see cref="Conv2DTranspose"/> and <see cref="Conv3DTranspose"/>: the gradient of a convolution with respect to its
/// input, used to upsample. Kernel in Keras' layout <c>(k..., filters, input_channels)</c>, permuted per call to
/// TorchSharp's <c>(input_channels, filters, k...)</c>. Output size per axis as Keras (TensorFlow): "valid"
/// <c>(n - 1) * s + k_eff + output_padding</c> (default output padding <c>max(k_eff, s) - k_eff</c>), "same" <c>n * s</c>
/// (or <c>(n - 1) * s + k_eff % 2 + output_padding</c> when given), cropped from the full transposed output as Keras 3
/// does (its JAX/NumPy padding rule, which is TensorFlow's convolution gradient wherever TensorFlow accepts the
/// shapes): an odd crop removes the extra cell at the end; cells past the full output are zeros before the bias.
/// </summary>
public abstract class BaseConvTranspose : ConvolutionBase
{
    private Parameter? kernel;
    private readonly WeightSettings kernelSettings;
    private readonly int[]? outputPadding;

    private protected BaseConvTranspose(int rank, int filters, IntTuple kernelSize, IntTuple? strides, string padding,
        IntTuple? outputPadding, string dataFormat, IntTuple? dilationRate, ActivationFunction? activation, bool useBias,
        Initializer? kernelInitializer, Initializer? biasInitializer, Regularizer? kernelRegularizer, Regularizer? biasRegularizer,
        Regularizer? activityRegularizer, Constraint? kernelConstraint, Constraint? biasConstraint, Shape? inputShape, string? name)
        : base(rank, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, activityRegularizer, biasConstraint, inputShape, name)
    {
        string owner = GetType().Name;
        if (filters <= 0)
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"{owner}: 'filters' must be > 0, but received {filters}.");
        if (outputPadding is IntTuple op)
        {
            this.outputPadding = op.Expand(rank, nameof(outputPadding), owner, min: 0);
            for (int i = 0; i < rank; i++)
                if (this.outputPadding[i] >= Strides[i])
                    throw new ArgumentException(
                        $"{owner}: 'outputPadding' must be < 'strides' on every axis, but received outputPadding={Fmt(this.outputPadding)} and strides={Fmt(Strides)}.",
                        nameof(outputPadding));
        }
        Filters = filters;
        kernelSettings = new WeightSettings("kernel", kernelInitializer, "glorot_uniform", kernelRegularizer, kernelConstraint);
    }

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }
    /// <summary>Extra cells at the end of each spatial axis, or null (derived from the padding).</summary>
    public IReadOnlyList<int>? OutputPadding => outputPadding;
    /// <summary>Kernel initializer.</summary>
    public Initializer KernelInitializer => kernelSettings.Initializer;
    /// <summary>Penalty on the kernel, or null.</summary>
    public Regularizer? KernelRegularizer => kernelSettings.Regularizer;
    /// <summary>Projection of the kernel after each update, or null.</summary>
    public Constraint? KernelConstraint => kernelSettings.Constraint;
    /// <summary>The kernel, shape <c>(k..., filters, input_channels)</c>; null before building.</summary>
    public Parameter? Kernel => kernel;

    private protected override long OutputChannels(long inputChannels) => Filters;

    private protected override void BuildKernels(long inputChannels) =>
        kernel = AddWeight(kernelSettings, [.. KernelSize.Select(k => (long)k), Filters, inputChannels]);

    private protected override long? OutputLength(int axis, long? input, Shape inputShape)
    {
        if (input is not long n) return null;
        long k = ConvUtils.Effective(KernelSize[axis], DilationRate[axis]);
        int s = Strides[axis];
        return Padding == "valid"
            ? (n - 1) * s + k + (outputPadding?[axis] ?? Math.Max(k, s) - k)
            : outputPadding is null ? n * s : (n - 1) * s + k % 2 + outputPadding[axis];
    }

    private protected override Tensor Convolve(Tensor x, Tensor? bias, out bool biasAdded)
    {
        biasAdded = false;
        // (k..., out, in) -> (in, out, k...)
        var w = kernel!.permute([Rank + 1, Rank, .. Enumerable.Range(0, Rank).Select(i => (long)i)]);
        var full = ConvUtils.ConvTranspose(x, w, StrideArray, DilationArray);
        // Crop (or extend with zeros) each spatial axis to Keras' output size, starting where TensorFlow does.
        var y = full;
        var extend = new long[2 * Rank];
        var start = new long[Rank];
        var size = new long[Rank];
        for (int i = 0; i < Rank; i++)
        {
            long n = x.shape[2 + i];
            long outSize = OutputLength(i, n, Shape.Of(x))!.Value;
            long k = ConvUtils.Effective(KernelSize[i], DilationRate[i]);
            long total = Padding == "same" ? Math.Max((n - 1) * Strides[i] + k - outSize, 0) : 0;
            start[i] = total / 2;
            size[i] = outSize;
            long missing = start[i] + outSize - full.shape[2 + i];
            if (missing > 0) extend[2 * (Rank - 1 - i) + 1] = missing;
        }
        if (extend.Any(e => e > 0)) y = F.pad(y, extend);
        for (int i = 0; i < Rank; i++)
            if (start[i] != 0 || size[i] != y.shape[2 + i]) y = y.narrow(2 + i, start[i], size[i]);
        return y;
    }

    private protected override WeightSettings[] KernelRoles => [kernelSettings];

    private protected override void WriteLeadingConfig(Dictionary<string, object?> config) => config["filters"] = Filters;

    private protected override void WritePaddingConfig(Dictionary<string, object?> config) =>
        config["output_padding"] = outputPadding?.ToArray();
}
