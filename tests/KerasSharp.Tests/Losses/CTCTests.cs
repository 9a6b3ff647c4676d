using System.Text.Json.Nodes;
using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

public class CTCTests
{
    [Fact]
    public void KerasUnitTestGoldenValue()
    {
        // keras/src/losses/losses_test.py CTCTest.test_correctness: logits (arange(24).reshape(2, 4, 3) - 12) / 100
        using var logits = (arange(24, dtype: ScalarType.Float32).reshape(2, 4, 3) - 12) / 100;
        using var yTrue = tensor(new long[] { 1, 2, 1, 0, 1, 2, 0, 2 }).reshape(2, 4);
        TensorAssert.Close(2.448645, new CTC().Compute(yTrue, logits), 1e-5);
    }

    [Fact]
    public void SingleStepMatchesTheClosedForm()
    {
        // One time step and the label [1]: the only alignment emits class 1, so the loss is -log_softmax(logits)[1].
        using var logits = tensor(new float[] { 0.5f, 2f, -1f }).reshape(1, 1, 3);
        using var yTrue = tensor(new int[] { 1, 0 }).reshape(1, 2);
        double lse = Math.Log(Math.Exp(0.5) + Math.Exp(2) + Math.Exp(-1));
        TensorAssert.Close([lse - 2], new CTC(reduction: null).Compute(yTrue, logits), 1e-6);
        // Two steps, label [1]: alignments (1, 1), (1, blank), (blank, 1) with uniform logits: -log(3 / 9)
        using var uniform = zeros(1, 2, 3);
        TensorAssert.Close([Math.Log(3)], new CTC(reduction: "none").Compute(yTrue, uniform), 1e-6);
    }

    [Fact]
    public void ShapesAreCheckedAsInKeras()
    {
        var targets = Assert.Throws<ArgumentException>(() => new CTC().Call(tensor(new long[] { 1, 2 }), zeros(1, 2, 3)));
        Assert.Contains("`(batch_size, max_length)`", targets.Message);
        var logits = Assert.Throws<ArgumentException>(() => new CTC().Call(tensor(new long[] { 1, 2 }).reshape(1, 2), zeros(1, 3)));
        Assert.Contains("`(batch_size, max_length, num_classes)`", logits.Message);
    }

    [Fact]
    public void RegistryAndConfig()
    {
        Assert.Equal("ctc", LossRegistry.Get("ctc").Name);
        Assert.IsType<CTC>(LossRegistry.Get("CTC"));
        var config = Keras.Saving.Serialize(new CTC(name: "myctc"));
        Assert.Equal("CTC", (string?)config["class_name"]);
        Assert.Equal("""{"name":"myctc","reduction":"sum_over_batch_size"}""", config["config"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(config, Keras.Saving.Serialize(Keras.Saving.Deserialize<Loss>(config))));
    }
}
