using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Dense</c>: <c>output = activation(dot(input, kernel) + bias)</c>, with the kernel in Keras' layout
/// <c>(input_dim, units)</c>. Defaults as Keras: no activation (linear), bias on, <c>glorot_uniform</c> kernel,
/// <c>zeros</c> bias. Inputs of rank &gt; 2 are contracted on their last axis.
/// </summary>
public class Dense : Layer, IRowWiseInference
{
    private Parameter? kernel;
    private Parameter? bias;
    private readonly WeightSettings kernelSettings, biasSettings;

    /// <summary>Creates a Dense layer.</summary>
    /// <param name="units">Output size (&gt; 0).</param>
    /// <param name="activation">Activation name or function; null means linear.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="kernelRegularizer">Penalty on the kernel added to the training loss (<c>"l2"</c>, <c>new L2(1e-4)</c>).</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
    /// <param name="kernelConstraint">Projection of the kernel after each update (<c>new MaxNorm(3)</c>).</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name (default <c>dense</c>, <c>dense_1</c>, ...).</param>
    public Dense(int units, ActivationFunction? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null)
        : base(name, inputShape: inputShape)
    {
        ActivityRegularizer = activityRegularizer;
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), units, $"Dense: units must be > 0, but received {units}.");
        Units = units;
        Activation = activation ?? ActivationRegistry.Get("linear");
        UseBias = useBias;
        kernelSettings = new WeightSettings("kernel", kernelInitializer, "glorot_uniform", kernelRegularizer, kernelConstraint);
        biasSettings = new WeightSettings("bias", biasInitializer, "zeros", biasRegularizer, biasConstraint);
        InputSpec = new InputSpec { MinRank = 2 };
    }

    /// <summary>Output size.</summary>
    public int Units { get; }
    /// <summary>The activation applied to the output.</summary>
    public ActivationFunction Activation { get; }
    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }
    /// <summary>Kernel initializer.</summary>
    public Initializer KernelInitializer => kernelSettings.Initializer;
    /// <summary>Bias initializer.</summary>
    public Initializer BiasInitializer => biasSettings.Initializer;

    /// <summary>Penalty on the kernel, or null.</summary>
    public Regularizer? KernelRegularizer => kernelSettings.Regularizer;
    /// <summary>Penalty on the bias, or null.</summary>
    public Regularizer? BiasRegularizer => biasSettings.Regularizer;
    /// <summary>Projection of the kernel after each update, or null.</summary>
    public Constraint? KernelConstraint => kernelSettings.Constraint;
    /// <summary>Projection of the bias after each update, or null.</summary>
    public Constraint? BiasConstraint => biasSettings.Constraint;

    /// <summary>The kernel, shape <c>(input_dim, units)</c>; null before building.</summary>
    public Parameter? Kernel => kernel;
    /// <summary>The bias, shape <c>(units)</c>; null before building or when <see cref="UseBias"/> is false.</summary>
    public Parameter? Bias => bias;

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        if (inputShape[^1] is not long inputDim)
            throw new ArgumentException($"Layer \"{Name}\": the last axis of the input must be known to build a Dense layer, but received input shape {inputShape}.");
        kernel = AddWeight(kernelSettings, [inputDim, Units]);
        if (UseBias)
            bias = AddWeight(biasSettings, [Units]);
        InputSpec = new InputSpec { MinRank = 2, Axes = new Dictionary<int, long> { [-1] = inputDim } };
    }

    // Row by row, and MKL's product gives a row the same bits whatever the number of rows (checked for 2 rows and more
    // in InferenceMergingTests); the few-unit form is chosen by the rows of the user's batch (FrozenWeights.BatchRows).
    bool IRowWiseInference.RowWiseInInference => IsExactly<Dense>() && Activation.RowWise;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) =>
        // The product is a new tensor that its own gradient does not read: the activation may overwrite it.
        Activation.ApplyToFresh(DenseKernel.Product(x, InputShapeOf(x), kernel!, bias));

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.WithLast(Units);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        config["activation"] = Activation.Name;
        config["use_bias"] = UseBias;
        // Keras' Dense.get_config has no activity_regularizer; one that is set is written so that it survives a reload.
        WeightSettings.WriteConfig(config, [kernelSettings, biasSettings], WeightSettings.ActivityKey.WhenSet, ActivityRegularizer);
        return config;
    }
}
