using System.Text.Json.Nodes;
using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;

namespace KerasSharp.Tests.Losses;

public class DiceTests
{
    // keras/src/losses/losses_test.py DiceTest / TverskyTest inputs: (2, 2, 2, 1) masks
    internal static TorchSharp.torch.Tensor MaskTrue() => T.F([1, 1, 0, 0, 1, 1, 0, 0], 2, 2, 2, 1);
    internal static TorchSharp.torch.Tensor MaskPred() => T.F([0, 1, 0, 1, 0.4f, 0, 0, 0.9f], 2, 2, 2, 1);

    [Fact]
    public void KerasUnitTestGoldenValues()
    {
        // DiceTest.test_correctness: 1 - 2 * 14 / (6 + 12) = -0.5555555
        TensorAssert.Close(-0.55555546, new Dice().Compute(T.F([1, 2, 1, 2], 2, 2), T.F([4, 1, 6, 1], 2, 2)), 1e-6);
        // test_binary_segmentation: 1 - 2 * 2 / (8 + 10) = 0.7777777
        var t = T.F([1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1], 4, 4);
        var p = T.F([0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1], 4, 4);
        TensorAssert.Close(0.77777773, new Dice().Compute(t, p), 1e-6);
        // test_binary_segmentation_with_axis and the docstring: per sample [0.5, 0.75757575]; axis None: 0.6164384
        TensorAssert.Close([0.5, 0.75757575], new Dice(axis: [1, 2, 3], reduction: null).Compute(MaskTrue(), MaskPred()), 1e-6);
        TensorAssert.Close(0.6164384, new Dice().Compute(MaskTrue(), MaskPred()), 1e-6);
    }

    [Fact]
    public void AxisNoneGivesOneValueAndAxesGivePerSampleValues()
    {
        using var whole = new Dice().Call(MaskTrue(), MaskPred());
        Assert.Empty(whole.shape);
        using var perSample = new Dice(axis: [1, 2, 3]).Call(MaskTrue(), MaskPred());
        TensorAssert.HasShape([2], perSample);
        // the mean of the per-sample values
        TensorAssert.Close((0.5 + 0.75757575) / 2, new Dice(axis: [1, 2, 3]).Compute(MaskTrue(), MaskPred()), 1e-6);
        var bad = Assert.Throws<ArgumentException>(() => new Dice(axis: [4]).Call(MaskTrue(), MaskPred()));
        Assert.Contains("axis 4 is out of range", bad.Message);
    }

    [Fact]
    public void RegistryAndConfig()
    {
        Assert.Equal("dice", LossRegistry.Get("dice").Name);
        Assert.IsType<Dice>(LossRegistry.Get("Dice"));
        var config = Keras.Saving.Serialize(new Dice(axis: [1, 2, 3]));
        Assert.Equal("""{"name":"dice","reduction":"sum_over_batch_size","axis":[1,2,3]}""", config["config"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(config, Keras.Saving.Serialize(Keras.Saving.Deserialize<Loss>(config))));
        var plain = Keras.Saving.Serialize(new Dice(name: "mydice"));
        Assert.Equal("""{"name":"mydice","reduction":"sum_over_batch_size","axis":null}""", plain["config"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(plain, Keras.Saving.Serialize(Keras.Saving.Deserialize<Loss>(plain))));
    }
}
