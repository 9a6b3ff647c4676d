using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Conv2DTranspose</c> (transposed convolution, "deconvolution"): the gradient of a Conv2D with respect to
/// its input, used to upsample. Kernel in Keras' layout <c>(kh, kw, filters, input_channels)</c>. Output size per axis
/// as Keras (TensorFlow): "valid" <c>(n - 1) * s + k + output_padding</c> (default output padding
/// <c>max(k, s) - k</c>), "same" <c>n * s</c> (or <c>(n - 1) * s + k % 2 + output_padding</c> when given), with
/// TensorFlow's cropping (an odd crop removes the extra cell at the end).
/// </summary>
public class Conv2DTranspose : ConvolutionBase
{
    private Parameter? kernel;
    private readonly int[]? outputPadding;

    /// <summary>Creates a Conv2DTranspose layer.</summary>
    /// <param name="filters">Number of output channels (&gt; 0).</param>
    /// <param name="kernelSize">Window size: an int or a tuple of 2 ints (each &gt;= 1).</param>
    /// <param name="strides">Stride (the upsampling factor): an int or a tuple of 2 ints; null means 1.</param>
    /// <param name="padding">"valid" or "same" (case-insensitive).</param>
    /// <param name="outputPadding">Extra cells added at the end of each spatial axis (each &gt;= 0 and &lt; the stride); null lets the size follow from the padding.</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="dilationRate">Dilation: an int or a tuple of 2 ints; null means 1. Not combinable with strides &gt; 1.</param>
    /// <param name="activation">Activation name or function; null means linear.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="kernelRegularizer">Penalty on the kernel added to the training loss.</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
    /// <param name="kernelConstraint">Projection of the kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name (default <c>conv2d_transpose</c>, ...).</param>
    public Conv2DTranspose(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        IntTuple? outputPadding = null, string dataFormat = "channels_last", IntTuple? dilationRate = null,
        ActivationFunction? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null, Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null, Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null)
        : base(2, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, activityRegularizer, biasConstraint, inputShape, name)
    {
        if (filters <= 0)
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"Conv2DTranspose: 'filters' must be > 0, but received {filters}.");
        if (outputPadding is IntTuple op)
        {
            this.outputPadding = op.Expand(2, nameof(outputPadding), "Conv2DTranspose", min: 0);
            for (int i = 0; i < 2; i++)
                if (this.outputPadding[i] >= Strides[i])
                    throw new ArgumentException(
                        $"Conv2DTranspose: 'outputPadding' must be < 'strides' on every axis, but received outputPadding={Fmt(this.outputPadding)} and strides={Fmt(Strides)}.",
                        nameof(outputPadding));
        }
        Filters = filters;
        KernelInitializer = kernelInitializer ?? InitializerRegistry.Get("glorot_uniform");
        KernelRegularizer = kernelRegularizer;
        KernelConstraint = kernelConstraint;
    }

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }
    /// <summary>Extra cells at the end of each spatial axis, or null (derived from the padding).</summary>
    public IReadOnlyList<int>? OutputPadding => outputPadding;
    /// <summary>Kernel initializer.</summary>
    public Initializer KernelInitializer { get; }
    /// <summary>Penalty on the kernel, or null.</summary>
    public Regularizer? KernelRegularizer { get; }
    /// <summary>Projection of the kernel after each update, or null.</summary>
    public Constraint? KernelConstraint { get; }
    /// <summary>The kernel, shape <c>(kh, kw, filters, input_channels)</c>; null before building.</summary>
    public Parameter? Kernel => kernel;

    private protected override long OutputChannels(long inputChannels) => Filters;

    private protected override void BuildKernels(long inputChannels) =>
        kernel = AddWeight("kernel", [.. KernelSize.Select(k => (long)k), Filters, inputChannels], KernelInitializer,
            regularizer: KernelRegularizer, constraint: KernelConstraint);

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
        // (kh, kw, out, in) -> (in, out, kh, kw)
        var w = kernel!.permute(3, 2, 0, 1);
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

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["output_padding"] = outputPadding?.ToArray();
        config["kernel_initializer"] = KerasConfig.Serialize(KernelInitializer);
        config["kernel_regularizer"] = KerasConfig.Serialize(KernelRegularizer);
        config["kernel_constraint"] = KerasConfig.Serialize(KernelConstraint);
        return config;
    }
}
