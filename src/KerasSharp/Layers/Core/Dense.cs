using KerasSharp.Activations;
using KerasSharp.Initializers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Dense</c>: <c>output = activation(dot(input, kernel) + bias)</c>, with the kernel in Keras' layout
/// <c>(input_dim, units)</c>. Defaults as Keras: no activation (linear), bias on, <c>glorot_uniform</c> kernel,
/// <c>zeros</c> bias. Inputs of rank &gt; 2 are contracted on their last axis.
/// </summary>
public class Dense : Layer
{
    private Parameter? kernel;
    private Parameter? bias;

    /// <summary>Creates a Dense layer.</summary>
    /// <param name="units">Output size (&gt; 0).</param>
    /// <param name="activation">Activation name or function; null means linear.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name (default <c>dense</c>, <c>dense_1</c>, ...).</param>
    public Dense(int units, ActivationFunction? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Shape? inputShape = null, string? name = null)
        : base(name, inputShape: inputShape)
    {
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), units, $"Dense: units must be > 0, but received {units}.");
        Units = units;
        Activation = activation ?? ActivationRegistry.Get("linear");
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? InitializerRegistry.Get("glorot_uniform");
        BiasInitializer = biasInitializer ?? InitializerRegistry.Get("zeros");
        InputSpec = new InputSpec { MinRank = 2 };
    }

    /// <summary>Output size.</summary>
    public int Units { get; }
    /// <summary>The activation applied to the output.</summary>
    public ActivationFunction Activation { get; }
    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }
    /// <summary>Kernel initializer.</summary>
    public Initializer KernelInitializer { get; }
    /// <summary>Bias initializer.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>The kernel, shape <c>(input_dim, units)</c>; null before building.</summary>
    public Parameter? Kernel => kernel;
    /// <summary>The bias, shape <c>(units)</c>; null before building or when <see cref="UseBias"/> is false.</summary>
    public Parameter? Bias => bias;

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        if (inputShape[^1] is not long inputDim)
            throw new ArgumentException($"Layer \"{Name}\": the last axis of the input must be known to build a Dense layer, but received input shape {inputShape}.");
        kernel = AddWeight("kernel", [inputDim, Units], KernelInitializer);
        if (UseBias)
            bias = AddWeight("bias", [Units], BiasInitializer);
        InputSpec = new InputSpec { MinRank = 2, Axes = new Dictionary<int, long> { [-1] = inputDim } };
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        Tensor y = x.dim() == 2
            ? (bias is null ? x.mm(kernel!) : addmm(bias, x, kernel!, 1, 1))
            : (bias is null ? x.matmul(kernel!) : x.matmul(kernel!).add_(bias));
        return Activation.Apply(y);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.WithLast(Units);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        config["activation"] = Activation.Name;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = new Dictionary<string, object?> { ["class_name"] = KernelInitializer.GetType().Name, ["config"] = KernelInitializer.GetConfig() };
        config["bias_initializer"] = new Dictionary<string, object?> { ["class_name"] = BiasInitializer.GetType().Name, ["config"] = BiasInitializer.GetConfig() };
        config["kernel_regularizer"] = null;
        config["bias_regularizer"] = null;
        config["kernel_constraint"] = null;
        config["bias_constraint"] = null;
        return config;
    }
}
