using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;

namespace KerasSharp.Tests.Layers;

/// <summary>
/// <see cref="WeightSettings"/>: one weight role's initializer, regularizer and constraint, its config keys in Keras'
/// grouping, and the weight made from it; and the key order of every layer family that uses it (Keras' order, which a
/// saved config.json keeps).
/// </summary>
public class WeightSettingsTests
{
    private static readonly string[] DenseKeys =
    [
        "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
        "kernel_constraint", "bias_constraint",
    ];

    private static readonly string[] AffineKeys =
    [
        "beta_initializer", "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint",
    ];

    [Fact]
    public void WriteConfigGroupsTheKeysByKindInTheOrderOfTheRoles()
    {
        var kernel = new WeightSettings("kernel", null, "glorot_uniform", new L2(0.5), new NonNeg());
        var recurrent = new WeightSettings("recurrent", new Ones(), "orthogonal", weightName: "recurrent_kernel");
        var config = new Dictionary<string, object?> { ["units"] = 3 };

        WeightSettings.WriteConfig(config, [kernel, recurrent]);

        Assert.Equal(["units", "kernel_initializer", "recurrent_initializer", "kernel_regularizer", "recurrent_regularizer",
            "kernel_constraint", "recurrent_constraint"], config.Keys);
        Assert.Equal("GlorotUniform", ClassName(config["kernel_initializer"]));
        Assert.Equal("Ones", ClassName(config["recurrent_initializer"]));
        Assert.Equal("L2", ClassName(config["kernel_regularizer"]));
        Assert.Equal("NonNeg", ClassName(config["kernel_constraint"]));
        Assert.Null(config["recurrent_regularizer"]);
        Assert.Null(config["recurrent_constraint"]);
    }

    [Fact]
    public void ActivityRegularizerStandsBetweenTheRegularizersAndTheConstraints()
    {
        var bias = new WeightSettings("bias", null, "zeros");

        var always = new Dictionary<string, object?>();
        WeightSettings.WriteConfig(always, [bias], WeightSettings.ActivityKey.Always, null);
        var whenSetUnset = new Dictionary<string, object?>();
        WeightSettings.WriteConfig(whenSetUnset, [bias], WeightSettings.ActivityKey.WhenSet, null);
        var whenSetSet = new Dictionary<string, object?>();
        WeightSettings.WriteConfig(whenSetSet, [bias], WeightSettings.ActivityKey.WhenSet, new L1(0.1));

        Assert.Equal(["bias_initializer", "bias_regularizer", "activity_regularizer", "bias_constraint"], always.Keys);
        Assert.Null(always["activity_regularizer"]);
        Assert.Equal(["bias_initializer", "bias_regularizer", "bias_constraint"], whenSetUnset.Keys);
        Assert.Equal(["bias_initializer", "bias_regularizer", "activity_regularizer", "bias_constraint"], whenSetSet.Keys);
        Assert.Equal("L1", ClassName(whenSetSet["activity_regularizer"]));
    }

    [Fact]
    public void AnInitializerOnlyRoleWritesItsInitializerAlone()
    {
        var gamma = new WeightSettings("gamma", null, "ones");
        var movingMean = new WeightSettings("moving_mean", null, "zeros") { InitializerOnly = true };
        var config = new Dictionary<string, object?>();

        WeightSettings.WriteConfig(config, [gamma, movingMean]);

        Assert.Equal(["gamma_initializer", "moving_mean_initializer", "gamma_regularizer", "gamma_constraint"], config.Keys);
        Assert.Equal("Zeros", ClassName(config["moving_mean_initializer"]));
    }

    [Fact]
    public void TheDefaultInitializerIsKerasNamedOneAndTheWeightNameDefaultsToTheKey()
    {
        var given = new Constant(2.0);
        var bias = new WeightSettings("bias", null, "zeros");
        var alpha = new WeightSettings("alpha", given, "zeros");
        var depthwise = new WeightSettings("depthwise", null, "glorot_uniform", weightName: "depthwise_kernel");

        Assert.IsType<Zeros>(bias.Initializer);
        Assert.Same(given, alpha.Initializer);
        Assert.Equal("bias", bias.WeightName);
        Assert.Equal("depthwise", depthwise.Key);
        Assert.Equal("depthwise_kernel", depthwise.WeightName);
        Assert.Throws<ArgumentException>(() => new WeightSettings("", null, "zeros"));
    }

    [Fact]
    public void MadeByChangesTheInitializerOfTheWeightAndKeepsTheRest()
    {
        var regularizer = new L2(0.1);
        var constraint = new MaxNorm(2.0);
        var bias = new WeightSettings("bias", null, "zeros", regularizer, constraint) { InitializerOnly = false };
        var other = new Ones();

        var made = bias.MadeBy(other);

        Assert.Same(other, made.Initializer);
        Assert.Same(regularizer, made.Regularizer);
        Assert.Same(constraint, made.Constraint);
        Assert.Equal("bias", made.WeightName);
        Assert.IsType<Zeros>(bias.Initializer);
    }

    [Fact]
    public void WeightsCarryTheRegularizerAndConstraintOfTheirRole()
    {
        var depthwiseRegularizer = new L2(0.3);
        var pointwiseConstraint = new NonNeg();
        var separable = new SeparableConv1D(4, 3, depthwiseRegularizer: depthwiseRegularizer, pointwiseConstraint: pointwiseConstraint);
        separable.EnsureBuilt([null, 8, 2]);
        var recurrentConstraint = new UnitNorm();
        var cell = new LSTMCell(3, recurrentConstraint: recurrentConstraint);
        cell.EnsureBuilt([null, 5]);
        var norm = new BatchNormalization(gammaRegularizer: new L1(0.01));
        norm.EnsureBuilt([null, 4]);

        var depthwise = Assert.IsType<LayerVariable>(separable.DepthwiseKernel);
        Assert.Same(depthwiseRegularizer, depthwise.Regularizer);
        Assert.Null(depthwise.Constraint);
        Assert.Same(pointwiseConstraint, Assert.IsType<LayerVariable>(separable.PointwiseKernel).Constraint);
        Assert.Same(recurrentConstraint, Assert.IsType<LayerVariable>(cell.RecurrentKernel).Constraint);
        Assert.Null(Assert.IsType<LayerVariable>(cell.Kernel).Constraint);
        Assert.Same(norm.GammaRegularizer, Assert.IsType<LayerVariable>(norm.Gamma).Regularizer);
        Assert.Equal(2, norm.NonTrainableWeights.Count);
        Assert.All(norm.NonTrainableWeights, w => Assert.Null(((LayerVariable)w).Regularizer));
    }

    [Fact]
    public void LstmBiasIsMadeByTheForgetBiasInitializerWhileItsConfigKeepsTheGivenOne()
    {
        var cell = new LSTMCell(2, biasInitializer: new Zeros(), unitForgetBias: true);
        cell.EnsureBuilt([null, 3]);

        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f, 0f, 0f], cell.Bias!.data<float>().ToArray());
        Assert.Equal("Zeros", ClassName(cell.GetConfig()["bias_initializer"]));
    }

    public static TheoryData<string, Func<Layer>, string[]> Families => new()
    {
        { "Dense", () => new Dense(3, activityRegularizer: new L2(0.1)), DenseKeys },
        { "Dense without activity", () => new Dense(3), [.. DenseKeys.Where(k => k != "activity_regularizer")] },
        { "EinsumDense", () => new EinsumDense("ab,bc->ac", new Shape(4)), DenseKeys },
        { "MultiHeadAttention", () => new MultiHeadAttention(2, 4), DenseKeys },
        { "Embedding", () => new Embedding(10, 3),
            ["embeddings_initializer", "embeddings_regularizer", "activity_regularizer", "embeddings_constraint"] },
        { "PReLU", () => new PReLU(), ["alpha_initializer", "alpha_regularizer", "alpha_constraint"] },
        { "Conv2D", () => new Conv2D(2, 3), DenseKeys },
        { "Conv1DTranspose", () => new Conv1DTranspose(2, 3), DenseKeys },
        { "DepthwiseConv2D", () => new DepthwiseConv2D(3),
            ["depthwise_initializer", "bias_initializer", "depthwise_regularizer", "bias_regularizer", "activity_regularizer",
                "depthwise_constraint", "bias_constraint"] },
        { "SeparableConv2D", () => new SeparableConv2D(2, 3),
            ["depthwise_initializer", "pointwise_initializer", "bias_initializer", "depthwise_regularizer", "pointwise_regularizer",
                "bias_regularizer", "activity_regularizer", "depthwise_constraint", "pointwise_constraint", "bias_constraint"] },
        { "BatchNormalization", () => new BatchNormalization(),
            ["beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
                "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"] },
        { "LayerNormalization", () => new LayerNormalization(), AffineKeys },
        { "GroupNormalization", () => new GroupNormalization(), AffineKeys },
        { "LSTM", () => new LSTM(3),
            ["kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
                "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint"] },
        { "GRUCell", () => new GRUCell(3),
            ["kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
                "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint"] },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void EveryLayerFamilyWritesItsWeightKeysInItsKerasOrder(string family, Func<Layer> create, string[] expected)
    {
        var keys = create().GetConfig().Keys
            .Where(k => k.EndsWith("_initializer", StringComparison.Ordinal) || k.EndsWith("_regularizer", StringComparison.Ordinal)
                || k.EndsWith("_constraint", StringComparison.Ordinal))
            .ToArray();

        Assert.True(expected.SequenceEqual(keys), $"{family}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", keys)}].");
    }

    private static string? ClassName(object? serialized) =>
        Assert.IsType<Dictionary<string, object?>>(serialized)["class_name"] as string;
}
