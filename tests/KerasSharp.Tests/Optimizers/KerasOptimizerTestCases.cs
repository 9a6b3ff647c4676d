using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Optimizers;

/// <summary>The shapes of Keras' own optimizer tests (keras/src/optimizers/*_test.py), shared by the optimizers added with them.</summary>
internal static class KerasOptimizerTestCases
{
    /// <summary>Keras' <c>test_single_step</c>: variable [1, 2, 3, 4], gradient [1, 6, 7, 2], one update.</summary>
    public static void SingleStep(Optimizer optimizer, double[] expected, double tolerance = 1e-4)
    {
        var w = Param32([1f, 2f, 3f, 4f]);
        StepAll(optimizer, [w], [[1f, 6f, 7f, 2f]]);
        TensorAssert.Close(expected, w, tolerance);
    }

    /// <summary>Keras' <c>test_correctness_with_golden</c>: x = ones(10); one update with gradient 0.01 everywhere, then
    /// five with arange(0.1, 1.1, 0.1), checking <paramref name="golden"/>[i] before update i (tolerance 5e-4 as Keras').</summary>
    public static void Golden(Optimizer optimizer, double[][] golden)
    {
        var x = Param32(Enumerable.Repeat(1f, 10).ToArray());
        var grads = Enumerable.Range(1, 10).Select(i => (float)(0.1 * i)).ToArray();
        StepAll(optimizer, [x], [Enumerable.Repeat(0.01f, 10).ToArray()]);
        for (int i = 0; i < golden.Length; i++)
        {
            var expected = golden[i].Length == 1 ? Enumerable.Repeat(golden[i][0], 10).ToArray() : golden[i];
            // Keras' assertAllClose(rtol=5e-4, atol=5e-4): |actual - expected| <= atol + rtol * |expected|.
            var actual = x.to_type(ScalarType.Float64).data<double>().ToArray();
            for (int k = 0; k < 10; k++)
                Assert.True(Math.Abs(actual[k] - expected[k]) <= 5e-4 + 5e-4 * Math.Abs(expected[k]),
                    $"step {i}, element {k}: expected {expected[k]}, got {actual[k]}");
            StepAll(optimizer, [x], [grads]);
        }
    }

    /// <summary>Keras' <c>test_weight_decay</c>: zero gradients, lr 1, weight_decay 0.004; a variable updated by three
    /// optimizers ends at 2 * 0.996^3 = 1.9760959, the excluded ones stay at 2.</summary>
    public static void WeightDecay(Func<Optimizer> create)
    {
        var var1 = Param32([2f], []);
        var excludedByName = new KerasSharp.Layers.Dense(1, useBias: true);
        excludedByName.Apply(zeros(1, 1));
        var bias = excludedByName.Bias!;
        using (no_grad()) bias.fill_(2f);
        var var3 = Param32([2f], []);

        var optimizer1 = create();
        StepAll(optimizer1, [var1], [[0f]]);

        var optimizer2 = create();
        optimizer2.ExcludeFromWeightDecay(varNames: ["bias"]);
        StepAll(optimizer2, [var1, bias], [[0f], [0f]]);

        var optimizer3 = create();
        optimizer3.ExcludeFromWeightDecay(varList: [var3]);
        StepAll(optimizer3, [var1, var3], [[0f], [0f]]);

        TensorAssert.Close(1.9760959, var1, 1e-6);
        TensorAssert.Close(2.0, bias, 1e-6);
        TensorAssert.Close(2.0, var3, 1e-6);
    }

    /// <summary>Keras' <c>test_config</c> (<c>run_class_serialization_test</c>): serialize, rebuild, same config and class.</summary>
    public static void ConfigRoundTrip(Optimizer optimizer)
    {
        var serialized = Keras.Saving.Serialize(optimizer);
        var again = Keras.Saving.Deserialize<Optimizer>(serialized);
        Assert.Equal(optimizer.GetType(), again.GetType());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(serialized, Keras.Saving.Serialize(again)),
            $"{serialized.ToJsonString()} != {Keras.Saving.Serialize(again).ToJsonString()}");
    }
}
