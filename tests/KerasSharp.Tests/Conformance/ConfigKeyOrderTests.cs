using KerasSharp.Initializers;
using KerasSharp.Layers;

namespace KerasSharp.Tests.Conformance;

/// <summary>
/// The whole key order of the configs whose order Keras' <c>get_config</c> fixes and the corpus covers only in part
/// (standalone cells, the transposed, depthwise and separable convolutions, the random initializers): each list is
/// Keras 3.5.0's, read from its <c>get_config</c>, so that a file KerasSharp writes has the JSON Keras would write.
/// </summary>
public class ConfigKeyOrderTests
{
    private static readonly string[] Base = ["name", "trainable", "dtype"];
    private static readonly string[] Spatial = ["kernel_size", "strides", "padding", "data_format", "dilation_rate"];
    private static readonly string[] RecurrentWeights =
    [
        "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
        "bias_regularizer",
    ];
    private static readonly string[] RecurrentConstraints = ["kernel_constraint", "recurrent_constraint", "bias_constraint"];

    public static TheoryData<string, Func<Dictionary<string, object?>>, string[]> Configs => new()
    {
        { "Conv2D", () => new Conv2D(2, 3).GetConfig(),
            [.. Base, "filters", .. Spatial, "groups", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"] },
        { "Conv2DTranspose", () => new Conv2DTranspose(2, 3).GetConfig(),
            [.. Base, "filters", "kernel_size", "strides", "padding", "output_padding", "data_format", "dilation_rate",
                "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "bias_constraint"] },
        { "DepthwiseConv1D", () => new DepthwiseConv1D(3).GetConfig(),
            [.. Base, "depth_multiplier", .. Spatial, "activation", "use_bias", "depthwise_initializer", "bias_initializer",
                "depthwise_regularizer", "bias_regularizer", "activity_regularizer", "depthwise_constraint", "bias_constraint"] },
        { "SeparableConv1D", () => new SeparableConv1D(4, 3).GetConfig(),
            [.. Base, "depth_multiplier", "filters", .. Spatial, "activation", "use_bias", "depthwise_initializer",
                "pointwise_initializer", "bias_initializer", "depthwise_regularizer", "pointwise_regularizer", "bias_regularizer",
                "activity_regularizer", "depthwise_constraint", "pointwise_constraint", "bias_constraint"] },
        { "LSTMCell", () => new LSTMCell(3).GetConfig(),
            [.. Base, "units", "activation", "recurrent_activation", "use_bias", "unit_forget_bias", .. RecurrentWeights,
                .. RecurrentConstraints, "dropout", "recurrent_dropout", "seed"] },
        { "GRUCell", () => new GRUCell(3).GetConfig(),
            [.. Base, "units", "activation", "recurrent_activation", "use_bias", .. RecurrentWeights, .. RecurrentConstraints,
                "dropout", "recurrent_dropout", "reset_after", "seed"] },
        { "SimpleRNNCell", () => new SimpleRNNCell(3, seed: 7).GetConfig(),
            [.. Base, "units", "activation", "use_bias", .. RecurrentWeights, .. RecurrentConstraints, "dropout",
                "recurrent_dropout", "seed"] },
        { "LSTM", () => new LSTM(3).GetConfig(),
            [.. Base, "return_sequences", "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask", "units",
                "activation", "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
                "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
                .. RecurrentConstraints, "dropout", "recurrent_dropout", "seed"] },
        { "ELU", () => new ELU(0.5).GetConfig(), ["name", "alpha", "trainable", "dtype"] },
        { "RandomNormal", () => new RandomNormal(seed: 1).GetConfig(), ["mean", "stddev", "seed"] },
        { "TruncatedNormal", () => new TruncatedNormal(seed: 1).GetConfig(), ["mean", "stddev", "seed"] },
        { "RandomUniform", () => new RandomUniform(seed: 1).GetConfig(), ["minval", "maxval", "seed"] },
        { "VarianceScaling", () => new VarianceScaling(seed: 1).GetConfig(), ["scale", "mode", "distribution", "seed"] },
        { "Orthogonal", () => new Orthogonal(seed: 1).GetConfig(), ["gain", "seed"] },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void WholeConfigIsInKerasKeyOrder(string owner, Func<Dictionary<string, object?>> config, string[] expected)
    {
        var keys = config().Keys.ToArray();

        Assert.True(expected.SequenceEqual(keys), $"{owner}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", keys)}].");
    }
}
