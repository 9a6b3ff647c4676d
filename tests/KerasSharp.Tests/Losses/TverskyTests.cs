using System.Text.Json.Nodes;
using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;

namespace KerasSharp.Tests.Losses;

public class TverskyTests
{
    [Fact]
    public void DefaultCoefficientsEqualDice()
    {
        // keras/src/losses/losses_test.py TverskyTest: the Dice values at alpha = beta = 0.5
        TensorAssert.Close(-0.55555546, new Tversky().Compute(T.F([1, 2, 1, 2], 2, 2), T.F([4, 1, 6, 1], 2, 2)), 1e-6);
        var t = T.F([1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1], 4, 4);
        var p = T.F([0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1], 4, 4);
        TensorAssert.Close(0.77777773, new Tversky().Compute(t, p), 1e-6);
        TensorAssert.Close([0.5, 0.75757575], new Tversky(axis: [1, 2, 3], reduction: null).Compute(DiceTests.MaskTrue(), DiceTests.MaskPred()), 1e-6);
    }

    [Fact]
    public void AlphaWeighsFalsePositivesAndBetaFalseNegatives()
    {
        // TP = sum(t p), FP = sum((1 - t) p), FN = sum(t (1 - p)), loss = 1 - TP / (TP + 0.2 FP + 0.8 FN + 1e-7).
        // Binary masks: TP = 2, FP = 8, FN = 6 -> 1 - 2 / 8.4 = 0.76190476 (Keras 3.15, before keras-team/keras#23333,
        // swapped the weights and gave 0.7916667).
        var t = T.F([1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1], 4, 4);
        var p = T.F([0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1], 4, 4);
        TensorAssert.Close(0.76190476, new Tversky(alpha: 0.2, beta: 0.8).Compute(t, p), 1e-6);
        // Per sample: sample 1 TP 1, FP 1, FN 1 -> 0.5; sample 2 TP 0.4, FP 0.9, FN 1.6 -> 1 - 0.4 / 1.86 = 0.78494624
        TensorAssert.Close([0.5, 0.78494624],
            new Tversky(alpha: 0.2, beta: 0.8, axis: [1, 2, 3], reduction: "none").Compute(DiceTests.MaskTrue(), DiceTests.MaskPred()), 1e-6);
        // Non-binary values: TP 14, FP -2, FN -8 -> 1 - 14 / 7.2
        TensorAssert.Close(1 - 14 / 7.2, new Tversky(alpha: 0.2, beta: 0.8).Compute(T.F([1, 2, 1, 2], 2, 2), T.F([4, 1, 6, 1], 2, 2)), 1e-6);
    }

    [Fact]
    public void RegistryAndConfig()
    {
        Assert.Equal("tversky", LossRegistry.Get("tversky").Name);
        Assert.IsType<Tversky>(LossRegistry.Get("Tversky"));
        var config = Keras.Saving.Serialize(new Tversky(alpha: 0.3, beta: 0.7, name: "mytversky", axis: [1]));
        Assert.Equal("""{"name":"mytversky","reduction":"sum_over_batch_size","alpha":0.3,"beta":0.7,"axis":[1]}""", config["config"]!.ToJsonString());
        var again = (Tversky)Keras.Saving.Deserialize<Loss>(config);
        Assert.Equal(0.3, again.Alpha);
        Assert.Equal([1], again.Axis!);
        Assert.True(JsonNode.DeepEquals(config, Keras.Saving.Serialize(again)));
    }
}
