using System.Text.RegularExpressions;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>EinsumDense</c>: <c>output = activation(einsum(equation, input, kernel) + bias)</c>. The equation has the
/// form <c>"ab,bc-&gt;ac"</c> (that one is <c>Dense</c>), <c>"...ab,bc-&gt;...ac"</c> or <c>"ab...,bc-&gt;ac..."</c>; the
/// kernel's shape follows from the equation, the input shape and <c>outputShape</c>, as in Keras.
/// </summary>
public class EinsumDense : Layer
{
    private static readonly Regex Plain = new("^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$");
    private static readonly Regex LeftElided = new(@"^\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)$");
    private static readonly Regex RightElided = new(@"^([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]+)\.\.\.$");

    private readonly string inputSpec, weightSpec, outputSpec;
    private readonly bool leftElided;
    private Parameter? kernel;
    private Parameter? bias;
    private readonly WeightSettings kernelSettings, biasSettings;

    /// <summary>Creates an EinsumDense layer.</summary>
    /// <param name="equation">The einsum equation, e.g. <c>"ab,bc-&gt;ac"</c> or <c>"...x,xy-&gt;...y"</c>.</param>
    /// <param name="outputShape">Output shape without the batch axis and the ellipsis axes (<c>64</c>, or <c>[null, 64]</c>
    /// where an axis is taken from the input).</param>
    /// <param name="activation">Activation name or function; null means linear.</param>
    /// <param name="biasAxes">Output axes (letters of the output part of <paramref name="equation"/>) that get a bias; null for no bias.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="kernelRegularizer">Penalty on the kernel.</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
    /// <param name="kernelConstraint">Projection of the kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="name">Layer name (default <c>einsum_dense</c>).</param>
    public EinsumDense(string equation, Shape outputShape, ActivationFunction? activation = null, string? biasAxes = null,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, string? name = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(equation);
        Equation = equation.Replace(" ", "", StringComparison.Ordinal);
        matmulPlan = EinsumMatmul.For(Equation);
        Match m;
        if ((m = Plain.Match(Equation)).Success) leftElided = false;
        else if ((m = LeftElided.Match(Equation)).Success) leftElided = true;
        else if (!(m = RightElided.Match(Equation)).Success)
            throw new ArgumentException($"EinsumDense: invalid einsum equation '{equation}'. Equations must be in the form " +
                "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....", nameof(equation));
        (inputSpec, weightSpec, outputSpec) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
        foreach (char c in outputSpec)
            if (!inputSpec.Contains(c) && !weightSpec.Contains(c))
                throw new ArgumentException($"EinsumDense: dimension '{c}' was specified in the output '{outputSpec}' but has no " +
                    $"corresponding dim in the input spec '{inputSpec}' or weight spec '{weightSpec}' (equation '{equation}').", nameof(equation));
        foreach (char c in weightSpec)
            if (!inputSpec.Contains(c) && !outputSpec.Contains(c))
                throw new ArgumentException($"EinsumDense: weight dimension '{c}' did not have a match in either the input spec " +
                    $"'{inputSpec}' or the output spec '{outputSpec}' (equation '{equation}'). The weight must be fully specified.", nameof(equation));
        if (biasAxes is not null)
            foreach (char c in biasAxes)
                if (!outputSpec.Contains(c))
                    throw new ArgumentException($"EinsumDense: bias dimension '{c}' was requested in biasAxes '{biasAxes}', but is not part of the output spec '{outputSpec}'.", nameof(biasAxes));
        if (outputShape.Rank == 0)
            throw new ArgumentException("EinsumDense: outputShape needs at least one dimension (e.g. 64 or [null, 64]).", nameof(outputShape));
        PartialOutputShape = outputShape;
        BiasAxes = string.IsNullOrEmpty(biasAxes) ? null : biasAxes;
        Activation = activation ?? ActivationRegistry.Get("linear");
        kernelSettings = new WeightSettings("kernel", kernelInitializer, "glorot_uniform", kernelRegularizer, kernelConstraint);
        biasSettings = new WeightSettings("bias", biasInitializer, "zeros", biasRegularizer, biasConstraint);
        ActivityRegularizer = activityRegularizer;
    }

    /// <summary>The einsum equation.</summary>
    public string Equation { get; }

    // How Call computes the equation when einsum would do one bmm of views (EinsumMatmul), fixed with the equation.
    private readonly EinsumMatmul.Plan? matmulPlan;
    /// <summary>The output shape as given (without batch and ellipsis axes).</summary>
    public Shape PartialOutputShape { get; }
    /// <summary>Output axes with a bias, or null.</summary>
    public string? BiasAxes { get; }
    /// <summary>The activation applied to the output.</summary>
    public ActivationFunction Activation { get; }
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
    /// <summary>The kernel (shape from the equation); null before building.</summary>
    public Parameter? Kernel => kernel;
    /// <summary>The bias; null before building or without <see cref="BiasAxes"/>.</summary>
    public Parameter? Bias => bias;

    /// <summary>Keras' <c>_analyze_einsum_string</c>: kernel shape, bias shape (or null) and full output shape.</summary>
    private (long?[] Kernel, long?[]? Bias, long?[] Output, long?[] Declared) Analyze(Shape inputShape)
    {
        int rank = inputShape.Rank;
        int elided = rank - inputSpec.Length;
        bool hasEllipsis = Equation.Contains("...", StringComparison.Ordinal);
        if (elided < 0 || (!hasEllipsis && elided != 0))
            throw new ArgumentException($"Layer \"{Name}\": equation '{Equation}' needs an input of rank {(hasEllipsis ? $">= {inputSpec.Length}" : inputSpec.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))}, but received input shape {inputShape}.");
        var output = new List<long?>();
        if (leftElided)
        {
            for (int i = 0; i < elided; i++) output.Add(inputShape[i]);
            output.AddRange(PartialOutputShape);
        }
        else
        {
            output.Add(inputShape[0]);
            output.AddRange(PartialOutputShape);
            for (int i = rank - elided; i < rank; i++) output.Add(inputShape[i]);
        }
        int offset = leftElided ? elided : 0;
        int expectedRank = outputSpec.Length + elided;
        if (output.Count != expectedRank)
            throw new ArgumentException($"Layer \"{Name}\": outputShape {PartialOutputShape} does not fit equation '{Equation}' " +
                $"(the output '{outputSpec}' has {outputSpec.Length} axes, batch included).");
        // Keras reports the output shape as declared (a null in outputShape stays unknown, even where the input knows it).
        var declared = output.ToArray();
        int InputAxis(char c) => inputSpec.IndexOf(c) + offset;
        int OutputAxis(char c) => outputSpec.IndexOf(c) + offset;
        foreach (char c in inputSpec)
        {
            if (!outputSpec.Contains(c)) continue;
            long? inDim = inputShape[InputAxis(c)];
            int o = OutputAxis(c);
            if (output[o] is long outDim && inDim is long d && outDim != d)
                throw new ArgumentException($"Layer \"{Name}\": input shape and output shape do not match at shared dimension '{c}'. " +
                    $"Input shape is {d}, and output shape is {outDim} (input {inputShape}, equation '{Equation}').");
            output[o] ??= inDim;
        }
        var kernelShape = weightSpec.Select(c => inputSpec.Contains(c) ? inputShape[InputAxis(c)] : output[OutputAxis(c)]).ToArray();
        long?[]? biasShape = null;
        if (BiasAxes is not null)
        {
            int first = BiasAxes.Min(c => outputSpec.IndexOf(c));
            biasShape = [.. outputSpec[first..].Select(c => BiasAxes.Contains(c) ? output[OutputAxis(c)] : 1),
                .. Enumerable.Repeat((long?)1, leftElided ? 0 : elided)];
        }
        return (kernelShape, biasShape, output.ToArray(), declared);
    }

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        var (kernelShape, biasShape, _, _) = Analyze(inputShape);
        if (kernelShape.Any(d => d is null))
            throw new ArgumentException($"Layer \"{Name}\": the kernel shape {new Shape(kernelShape)} of equation '{Equation}' is not fully known " +
                $"for input shape {inputShape} and outputShape {PartialOutputShape}.");
        kernel = AddWeight(kernelSettings, new Shape(kernelShape));
        if (biasShape is not null)
        {
            if (biasShape.Any(d => d is null))
                throw new ArgumentException($"Layer \"{Name}\": the bias shape {new Shape(biasShape)} for biasAxes '{BiasAxes}' is not fully known for input shape {inputShape}.");
            bias = AddWeight(biasSettings, new Shape(biasShape));
        }
        InputSpec = new InputSpec { Rank = inputShape.Rank };
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        // The equations einsum computes as one bmm of views (MultiHeadAttention's projections among them) call that bmm directly.
        var y = (matmulPlan is { } plan ? EinsumMatmul.TryApply(plan, x, kernel!) : null) ?? einsum(Equation, x, kernel!);
        if (bias is not null) y = y.add_(bias);
        return Activation.Apply(y);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => new(Analyze(inputShape).Declared);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["output_shape"] = PartialOutputShape.ToList();
        config["equation"] = Equation;
        config["activation"] = Activation.Name;
        config["bias_axes"] = BiasAxes;
        WeightSettings.WriteConfig(config, [kernelSettings, biasSettings], WeightSettings.ActivityKey.Always, ActivityRegularizer);
        return config;
    }
}
