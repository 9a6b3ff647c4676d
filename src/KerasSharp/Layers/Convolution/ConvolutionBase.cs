using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// What every convolution layer shares (<see cref="BaseConv"/> for Conv1D/2D/3D, <see cref="BaseConvTranspose"/> for
/// Conv1D/2D/3DTranspose, <see cref="BaseDepthwiseConv"/> for DepthwiseConv1D/2D, <see cref="BaseSeparableConv"/> for
/// SeparableConv1D/2D): the spatial arguments (kernel size, strides, padding,
/// data format, dilation), the bias, the activation, and the layout handling. Weights stay in Keras' layouts; each
/// call permutes a channels_last input to TorchSharp's channels_first view, runs one TorchSharp convolution and
/// permutes back (views, no copies when the convolution returns channels_last memory).
/// </summary>
public abstract class ConvolutionBase : Layer
{
    private Parameter? bias;
    private readonly WeightSettings biasSettings;

    private protected ConvolutionBase(int rank, IntTuple kernelSize, IntTuple? strides, string padding, string dataFormat,
        IntTuple? dilationRate, ActivationFunction? activation, bool useBias, Initializer? biasInitializer,
        Regularizer? biasRegularizer, Regularizer? activityRegularizer, Constraint? biasConstraint,
        Shape? inputShape, string? name, bool allowCausal = false)
        : base(name, inputShape: inputShape)
    {
        string owner = GetType().Name;
        Rank = rank;
        KernelSize = ConvUtils.Tuple(kernelSize, 1, rank, nameof(kernelSize), owner);
        Strides = ConvUtils.Tuple(strides, 1, rank, nameof(strides), owner);
        DilationRate = ConvUtils.Tuple(dilationRate, 1, rank, nameof(dilationRate), owner);
        Padding = ConvUtils.Padding(padding, allowCausal, owner);
        DataFormat = ConvUtils.DataFormat(dataFormat, owner);
        if (Strides.Max() > 1 && DilationRate.Max() > 1)
            throw new ArgumentException(
                $"{owner}: strides > 1 is not supported together with dilationRate > 1, but received strides={Fmt(Strides)} and dilationRate={Fmt(DilationRate)}.",
                nameof(dilationRate));
        Activation = activation ?? ActivationRegistry.Get("linear");
        UseBias = useBias;
        biasSettings = new WeightSettings("bias", biasInitializer, "zeros", biasRegularizer, biasConstraint);
        ActivityRegularizer = activityRegularizer;
        InputSpec = new InputSpec { Rank = rank + 2 };
    }

    /// <summary>Number of spatial axes (1, 2 or 3).</summary>
    public int Rank { get; }
    /// <summary>Window size per spatial axis.</summary>
    public IReadOnlyList<int> KernelSize { get; }
    /// <summary>Stride per spatial axis.</summary>
    public IReadOnlyList<int> Strides { get; }
    /// <summary>Dilation per spatial axis.</summary>
    public IReadOnlyList<int> DilationRate { get; }
    /// <summary>"valid", "same" or (Conv1D) "causal".</summary>
    public string Padding { get; }
    /// <summary>"channels_last" (Keras' default) or "channels_first".</summary>
    public string DataFormat { get; }
    /// <summary>The activation applied to the output.</summary>
    public ActivationFunction Activation { get; }
    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }
    /// <summary>Bias initializer.</summary>
    public Initializer BiasInitializer => biasSettings.Initializer;
    /// <summary>Penalty on the bias, or null.</summary>
    public Regularizer? BiasRegularizer => biasSettings.Regularizer;
    /// <summary>Projection of the bias after each update, or null.</summary>
    public Constraint? BiasConstraint => biasSettings.Constraint;
    /// <summary>The bias, shape <c>(output_channels)</c>; null before building or without bias.</summary>
    public Parameter? Bias => bias;

    private protected int[] KernelArray => [.. KernelSize];
    private protected int[] StrideArray => [.. Strides];
    private protected int[] DilationArray => [.. DilationRate];
    private protected bool ChannelsLast => DataFormat == "channels_last";

    /// <summary>Number of output channels for <paramref name="inputChannels"/> input channels.</summary>
    private protected abstract long OutputChannels(long inputChannels);

    /// <summary>Creates the kernel weights (in Keras' order, before the bias).</summary>
    private protected abstract void BuildKernels(long inputChannels);

    /// <summary>
    /// The convolution on a channels_first input, returning channels_first output. <paramref name="bias"/> is the
    /// bias (or null); return true in <paramref name="biasAdded"/> when the op already added it.
    /// </summary>
    private protected abstract Tensor Convolve(Tensor x, Tensor? bias, out bool biasAdded);

    /// <summary>Output length of spatial axis <paramref name="axis"/> (TensorFlow's arithmetic).</summary>
    private protected virtual long? OutputLength(int axis, long? input, Shape inputShape) =>
        ConvUtils.OutputLength(input, KernelSize[axis], Strides[axis], DilationRate[axis], Padding, Name, inputShape);

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        int channelAxis = ChannelsLast ? inputShape.Rank - 1 : 1;
        if (inputShape[channelAxis] is not long channels)
            throw new ArgumentException(
                $"Layer \"{Name}\": the channel axis of the input must be known to build a {GetType().Name} layer, but received input shape {inputShape}.",
                nameof(inputShape));
        ComputeOutputShape(inputShape);  // validates that every output size is positive
        BuildKernels(channels);
        if (UseBias)
            bias = AddWeight(biasSettings, [OutputChannels(channels)]);
        InputSpec = new InputSpec { Rank = Rank + 2, Axes = new Dictionary<int, long> { [ChannelsLast ? -1 : 1] = channels } };
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        var xc = ChannelsLast ? ConvUtils.ToChannelsFirst(x) : x;
        var y = Convolve(xc, bias, out bool biasAdded);
        if (bias is not null && !biasAdded)
            y = y.add(bias.reshape([1, -1, .. Enumerable.Repeat(1L, Rank)]));
        if (ChannelsLast) y = ConvUtils.ToChannelsLast(y);
        return Activation.Apply(y);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank != Rank + 2)
            throw new ArgumentException(
                $"Layer \"{Name}\" expects inputs of rank {Rank + 2}, but received input shape {inputShape}.", nameof(inputShape));
        int first = ChannelsLast ? 1 : 2;
        var spatial = Enumerable.Range(0, Rank).Select(i => OutputLength(i, inputShape[first + i], inputShape)).ToArray();
        long? channels = inputShape[ChannelsLast ? Rank + 1 : 1] is long c ? OutputChannels(c) : null;
        return ChannelsLast ? new Shape([inputShape[0], .. spatial, channels]) : new Shape([inputShape[0], channels, .. spatial]);
    }

    /// <summary>The weight roles written before <c>bias</c>, in Keras' order (<c>kernel</c>; <c>depthwise</c>;
    /// <c>depthwise</c>, <c>pointwise</c>).</summary>
    private protected abstract WeightSettings[] KernelRoles { get; }

    /// <summary>Writes Keras' keys before <c>kernel_size</c> (<c>filters</c>, <c>depth_multiplier</c>).</summary>
    private protected abstract void WriteLeadingConfig(Dictionary<string, object?> config);

    /// <summary>Writes Keras' keys between <c>padding</c> and <c>data_format</c> (the transposes' <c>output_padding</c>).</summary>
    private protected virtual void WritePaddingConfig(Dictionary<string, object?> config) { }

    /// <summary>Writes Keras' keys between <c>dilation_rate</c> and <c>activation</c> (<see cref="BaseConv"/>'s <c>groups</c>).</summary>
    private protected virtual void WriteDilationConfig(Dictionary<string, object?> config) { }

    /// <summary>
    /// The config in Keras' key order, built here for every convolution (the derived classes add their keys where Keras
    /// has them): the leading keys, <c>kernel_size</c>, <c>strides</c>, <c>padding</c>, ..., <c>use_bias</c>, then the
    /// initializers, regularizers (<c>activity_regularizer</c> last) and constraints of the kernel roles and the bias.
    /// </summary>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        WriteLeadingConfig(config);
        config["kernel_size"] = KernelSize.ToArray();
        config["strides"] = Strides.ToArray();
        config["padding"] = Padding;
        WritePaddingConfig(config);
        config["data_format"] = DataFormat;
        config["dilation_rate"] = DilationRate.ToArray();
        WriteDilationConfig(config);
        config["activation"] = Activation.Name;
        config["use_bias"] = UseBias;
        WeightSettings.WriteConfig(config, [.. KernelRoles, biasSettings], WeightSettings.ActivityKey.Always, ActivityRegularizer);
        return config;
    }

    /// <summary>Python tuple text for messages.</summary>
    private protected static string Fmt(IEnumerable<int> values) => $"({string.Join(", ", values)})";
}
