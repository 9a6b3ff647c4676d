using System.Text.Json.Nodes;
using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

public class CategoricalFocalCrossentropyTests
{
    private static Tensor YTrue() => T.F([0, 1, 0, 0, 0, 1], 2, 3);
    private static Tensor YPred() => T.F([0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f], 2, 3);

    [Fact]
    public void KerasDocExampleForEveryReduction()
    {
        // keras.losses.CategoricalFocalCrossentropy docstring: 0.23315276, sample_weight [0.3, 0.7] -> 0.1632, sum 0.46631,
        // None -> [3.2058331e-05, 4.6627346e-01]
        TensorAssert.Close(0.23315276, new CategoricalFocalCrossentropy().Compute(YTrue(), YPred()), 1e-6);
        TensorAssert.Close(0.1632, new CategoricalFocalCrossentropy().Compute(YTrue(), YPred(), tensor(new[] { 0.3f, 0.7f })), 1e-4);
        TensorAssert.Close(0.46631, new CategoricalFocalCrossentropy(reduction: "sum").Compute(YTrue(), YPred()), 1e-5);
        TensorAssert.Close([3.2058331e-05, 4.6627346e-01], new CategoricalFocalCrossentropy(reduction: null).Compute(YTrue(), YPred()), 1e-7);
    }

    [Fact]
    public void KerasUnitTestGoldenValues()
    {
        // keras/src/losses/losses_test.py CategoricalFocalCrossentropyTest
        var yTrue = T.F([1, 0, 0, 0, 1, 0, 0, 0, 1], 3, 3);
        var yPred = T.F([0.9f, 0.05f, 0.05f, 0.5f, 0.89f, 0.6f, 0.05f, 0.01f, 0.94f], 3, 3);
        var logits = T.F([8, 1, 1, 0, 9, 1, 2, 3, 5], 3, 3);
        TensorAssert.Close(0.02059, new CategoricalFocalCrossentropy().Compute(yTrue, yPred), 1e-3);
        TensorAssert.Close(0.000345, new CategoricalFocalCrossentropy(fromLogits: true).Compute(yTrue, logits), 1e-4);
        TensorAssert.Close(0.047368, new CategoricalFocalCrossentropy().Compute(yTrue, yPred, tensor(2.3f)), 1e-3);
        TensorAssert.Close(0.06987, new CategoricalFocalCrossentropy().Compute(yTrue, yPred, T.F([1.2f, 3.4f, 5.6f], 3, 1)), 1e-3);
        TensorAssert.Close(0.001933, new CategoricalFocalCrossentropy(fromLogits: true).Compute(yTrue, logits, T.F([1.2f, 3.4f, 5.6f], 3, 1)), 1e-4);
        TensorAssert.Close([1.5096224e-09, 2.4136547e-11, 1.0360638e-03],
            new CategoricalFocalCrossentropy(fromLogits: true, reduction: null).Compute(yTrue, logits), 1e-8);
        TensorAssert.Close(0.06685,
            new CategoricalFocalCrossentropy(fromLogits: true, labelSmoothing: 0.1).Compute(T.F([1, 0, 0], 1, 3), T.F([4.9f, -0.5f, 2.05f], 1, 3)), 1e-3);
    }

    [Fact]
    public void FunctionFormDocExample()
    {
        // keras.losses.categorical_focal_crossentropy docstring: [2.63401289e-04, 6.75912094e-01]
        var loss = LossRegistry.Get("categorical_focal_crossentropy");
        Assert.Equal("categorical_focal_crossentropy", loss.Name);
        TensorAssert.Close([2.63401289e-04, 6.75912094e-01],
            loss.Call(YTrue(), T.F([0.05f, 0.9f, 0.05f, 0.1f, 0.85f, 0.05f], 2, 3)), 1e-7);
    }

    [Fact]
    public void PerClassAlphaWeighsEachClass()
    {
        // sample 2 of the doc example: only class 2 has a label; -ln(0.1) * 0.9^2 * alpha_2 = 1.86509386 * alpha_2
        var loss = new CategoricalFocalCrossentropy(alpha: new[] { 1.0, 1.0, 0.5 }, reduction: "none");
        TensorAssert.Close([3.2058331e-05 * 4, 1.86509386 * 0.5], loss.Compute(YTrue(), YPred()), 1e-6);
        var wrongCount = Assert.Throws<ArgumentException>(() => new CategoricalFocalCrossentropy(alpha: new[] { 1.0, 2.0 }).Call(YTrue(), YPred()));
        Assert.Contains("alpha has 2 values", wrongCount.Message);
        Assert.Throws<ArgumentException>(() => new CategoricalFocalCrossentropy(alpha: Array.Empty<double>()));
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        Assert.Equal("labelSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalFocalCrossentropy(labelSmoothing: 1.5)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalFocalCrossentropy(gamma: -1)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentException>(() => new CategoricalFocalCrossentropy(reduction: "avg")).ParamName);
        var shape = Assert.Throws<ArgumentException>(() => new CategoricalFocalCrossentropy().Call(tensor(new long[] { 1, 2 }), YPred()));
        Assert.Contains("one-hot", shape.Message);
    }

    [Fact]
    public void ConfigHasKerasKeysAndRoundTrips()
    {
        var loss = new CategoricalFocalCrossentropy(alpha: 0.5, gamma: 3, fromLogits: true, labelSmoothing: 0.1, reduction: "sum");
        var config = Keras.Saving.Serialize(loss);
        Assert.Equal("CategoricalFocalCrossentropy", (string?)config["class_name"]);
        Assert.Equal(
            """{"name":"categorical_focal_crossentropy","reduction":"sum","from_logits":true,"label_smoothing":0.1,"axis":-1,"alpha":0.5,"gamma":3}""",
            config["config"]!.ToJsonString());
        var again = Keras.Saving.Deserialize<Loss>(config);
        Assert.True(JsonNode.DeepEquals(config, Keras.Saving.Serialize(again)));

        var perClass = Keras.Saving.Serialize(new CategoricalFocalCrossentropy(alpha: new[] { 0.25, 0.75 }));
        Assert.Equal("[0.25,0.75]", perClass["config"]!["alpha"]!.ToJsonString());
        var rebuilt = (CategoricalFocalCrossentropy)Keras.Saving.Deserialize<Loss>(perClass);
        Assert.Equal([0.25, 0.75], rebuilt.Alpha);
    }
}
