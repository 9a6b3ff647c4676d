using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

public class ReductionNoneTests
{
    public static IEnumerable<object[]> EveryLossClass() =>
        LossRegistry.Names.Where(n => char.IsUpper(n[0]) && n.Any(char.IsLower)).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(EveryLossClass))]
    public void NullReductionIsKerasNoneAndRoundTrips(string className)
    {
        // Keras 3: reduction=None performs no aggregation, like "none", and get_config keeps None (JSON null).
        var type = LossRegistry.Get(className).GetType();
        var loss = (Loss)Activator.CreateInstance(type, type.GetConstructors().First(c => c.GetParameters().All(p => p.HasDefaultValue))
            .GetParameters().Select(p => p.Name == "reduction" ? null : p.DefaultValue).ToArray())!;
        Assert.Null(loss.Reduction);
        var config = Keras.Saving.Serialize(loss);
        Assert.True(config["config"]!.AsObject().TryGetPropertyValue("reduction", out var r) && r is null, config.ToJsonString());
        Assert.Null(Keras.Saving.Deserialize<Loss>(config).Reduction);
    }

    [Fact]
    public void NullReductionReturnsPerSampleValues()
    {
        // keras.losses.CategoricalCrossentropy docstring, reduction=None: [0.0513, 2.303]
        var loss = new CategoricalCrossentropy(reduction: null);
        TensorAssert.Close([0.0513, 2.303], loss.Compute(T.F([0, 1, 0, 0, 0, 1], 2, 3), T.F([0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f], 2, 3)), 1e-3);
        // weights still apply
        TensorAssert.Close([0.5, 1.0], new MeanSquaredError(reduction: null).Compute(T.F([0, 0], 2, 1), T.F([1, 1], 2, 1), tensor(new[] { 0.5f, 1f })));
        // ignore_class with reduction None: ignored positions give 0
        var scce = new SparseCategoricalCrossentropy(ignoreClass: -1, reduction: null);
        TensorAssert.Close([0.0512933, 0], scce.Compute(tensor(new long[] { 1, -1 }), T.F([0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f], 2, 3)), 1e-6);
        var bad = Assert.Throws<ArgumentException>(() => new Huber(reduction: "auto"));
        Assert.Contains("null", bad.Message);
    }
}
