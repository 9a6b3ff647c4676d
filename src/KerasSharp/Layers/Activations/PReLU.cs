using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>PReLU</c> (parametric ReLU): <c>f(x) = x</c> for <c>x &gt;= 0</c>, <c>alpha * x</c> otherwise, with a learned
/// <c>alpha</c> of the sample's shape (axes in <see cref="SharedAxes"/> share one value).
/// </summary>
public class PReLU : Layer
{
    private Parameter? alpha;
    private readonly WeightSettings alphaSettings;

    /// <summary>Creates a PReLU layer.</summary>
    /// <param name="alphaInitializer">Initial alpha (Keras' default <c>zeros</c>).</param>
    /// <param name="alphaRegularizer">Penalty on alpha.</param>
    /// <param name="alphaConstraint">Projection of alpha after each update.</param>
    /// <param name="sharedAxes">1-based axes along which alpha is shared, e.g. <c>(1, 2)</c> for images (one alpha per channel).</param>
    /// <param name="name">Layer name (default <c>p_re_lu</c>).</param>
    public PReLU(Initializer? alphaInitializer = null, Regularizer? alphaRegularizer = null, Constraint? alphaConstraint = null,
        IntTuple? sharedAxes = null, string? name = null) : base(name)
    {
        alphaSettings = new WeightSettings("alpha", alphaInitializer, "zeros", alphaRegularizer, alphaConstraint);
        if (sharedAxes is IntTuple axes && axes.Values.Any(a => a < 1))
            throw new ArgumentOutOfRangeException(nameof(sharedAxes), axes.ToString(), $"PReLU: sharedAxes are 1-based non-batch axes (>= 1), but received {axes}.");
        SharedAxes = sharedAxes?.Values.ToArray();
    }

    /// <summary>Initial alpha.</summary>
    public Initializer AlphaInitializer => alphaSettings.Initializer;
    /// <summary>Penalty on alpha, or null.</summary>
    public Regularizer? AlphaRegularizer => alphaSettings.Regularizer;
    /// <summary>Projection of alpha, or null.</summary>
    public Constraint? AlphaConstraint => alphaSettings.Constraint;
    /// <summary>1-based shared axes, or null.</summary>
    public IReadOnlyList<int>? SharedAxes { get; }
    /// <summary>The learned slopes, shape of a sample with shared axes set to 1; null before building.</summary>
    public Parameter? Alpha => alpha;

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        var param = inputShape[1..].ToList();
        foreach (int a in SharedAxes ?? [])
        {
            if (a >= inputShape.Rank)
                throw new ArgumentException($"Layer \"{Name}\": shared axis {a} is out of range for input shape {inputShape}.");
            param[a - 1] = 1;
        }
        if (param.Any(d => d is null))
            throw new ArgumentException($"Layer \"{Name}\": PReLU needs every non-shared axis known to build alpha, but received input shape {inputShape}.");
        alpha = AddWeight(alphaSettings, new Shape(param.ToArray()));
        var axes = new Dictionary<int, long>();
        for (int i = 1; i < inputShape.Rank; i++)
            if (SharedAxes is not null && !SharedAxes.Contains(i) && inputShape[i] is long d)
                axes[i] = d;
        InputSpec = new InputSpec { Rank = inputShape.Rank, Axes = axes };
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => nn.functional.relu(x) - alpha! * nn.functional.relu(-x);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        WeightSettings.WriteConfig(config, [alphaSettings]);
        config["shared_axes"] = SharedAxes?.ToArray();
        return config;
    }
}
