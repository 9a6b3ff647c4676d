using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

[Collection(GlobalState.Name)]

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

    [Fact]
    public void ModelCompiledWithNewLossAndActivationsSavesAndReloads()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kerassharp-losses-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Keras.Utils.SetRandomSeed(3);
            var model = new Sequential([new Input([5]), new Dense(6, activation: "celu"), new Dense(6, activation: "squareplus"),
                new Dense(3, activation: "sparsemax")]);
            model.Compile(new Adam(), new CategoricalFocalCrossentropy(alpha: new[] { 0.2, 0.3, 0.5 }, gamma: 1.5, labelSmoothing: 0.05));
            using var x = randn(4, 5, generator: new Generator(1));
            using var y = nn.functional.one_hot(tensor(new long[] { 0, 2, 1, 2 }), 3).to_type(ScalarType.Float32);
            var path = Path.Combine(dir, "m.keras");
            model.Save(path);

            var loaded = Keras.Models.LoadModel(path);
            var focal = Assert.IsType<CategoricalFocalCrossentropy>(loaded.Loss);
            Assert.Equal([0.2, 0.3, 0.5], focal.Alpha);
            Assert.Equal(1.5, focal.Gamma);
            Assert.Equal(["celu", "squareplus", "sparsemax"], loaded.Layers.OfType<Dense>().Select(d => d.Activation.Name));
            TensorAssert.Close(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), 0);
            Assert.Equal(model.Evaluate(x, y, verbose: 0)["loss"], loaded.Evaluate(x, y, verbose: 0)["loss"], 12);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
