using KerasSharp.Tests.TestSupport;
using KerasSharp.Losses;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Keras' <c>compile(loss=[None, "mse"])</c> (keras/src/trainers/compile_utils.py, <c>CompileLoss</c>): an output with a
/// None loss is skipped, needs no targets ("loss partially defined over y_pred": y may list only the outputs with a
/// loss), and gets no <c>&lt;output&gt;_loss</c> log; those logs exist only when more than one output has a loss.
/// </summary>
[Collection(GlobalState.Name)]
public class OutputWithoutLossTests
{
    // Two outputs on separate heads: "a" (trained by nothing when it has no loss) and "b".
    private static (Model Model, Tensor X, Tensor YA, Tensor YB, Tensor YC) ThreeHeads(int heads = 2)
    {
        Keras.Utils.SetRandomSeed(12);
        var x = Input(4, name: "x");
        var trunk = Dense(8, activation: "tanh", name: "trunk").Apply(x);
        var outputs = new[] { "a", "b", "c" }.Take(heads).Select(n => Dense(1, name: n).Apply(trunk)).ToArray();
        var model = new Model(x, outputs);
        var data = randn(64, 4, generator: manual_seed(3));
        return (model, data, data.sum(1, keepdim: true), data[.., 0..1] * 2, data[.., 1..2]);
    }

    [Fact]
    public void AnOutputWithoutALossIsNotTrainedAndNeedsNoTargets()
    {
        var (model, x, _, yb, _) = ThreeHeads();
        model.Compile(new SGD(0.05), [null, "mse"]);
        Assert.Null(model.OutputLosses[0]);
        var headA = model.GetLayer("a").GetWeights();
        // y lists only the output with a loss.
        var history = model.Fit(x, new[] { yb }, batchSize: 16, epochs: 3, verbose: 0);
        Assert.Equal(["loss"], history.Keys.ToArray()); // one loss: no per-output logs, as in Keras
        Assert.True(history["loss"][^1] < history["loss"][0]);
        var after = model.GetLayer("a").GetWeights();
        for (int i = 0; i < headA.Count; i++) Assert.True(headA[i].eq(after[i]).all().item<bool>());
        // The loss is output b's mse alone.
        var evaluated = model.Evaluate(x, new[] { yb }, batchSize: 64, verbose: 0);
        var predicted = model.PredictAll(x, verbose: 0);
        Assert.Equal((predicted[1] - yb).square().mean().item<float>(), evaluated["loss"], 5);
        // null in its place, or a dictionary without its key, work the same.
        Assert.Equal(evaluated["loss"], model.Evaluate(x, new Tensor?[] { null, yb }, batchSize: 64, verbose: 0)["loss"], 10);
        Assert.Equal(evaluated["loss"], model.Evaluate(x, new Dictionary<string, Tensor> { ["b"] = yb }, batchSize: 64, verbose: 0)["loss"], 10);
    }

    [Fact]
    public void PerOutputLossesAreLoggedForTheOutputsThatHaveOne()
    {
        var (model, x, ya, yb, yc) = ThreeHeads(3);
        model.Compile(new SGD(0.05), [null, "mse", "mae"], lossWeights: [1.0, 1.0, 0.5]);
        var history = model.Fit(x, new[] { yb, yc }, batchSize: 32, epochs: 2, verbose: 0);
        Assert.Equal(["loss", "b_loss", "c_loss"], history.Keys.ToArray());
        Assert.Equal(history["b_loss"][^1] + 0.5 * history["c_loss"][^1], history["loss"][^1], 4);
        // All three targets given: the one without a loss is ignored.
        var all = model.Evaluate(x, new[] { ya, yb, yc }, verbose: 0);
        var two = model.Evaluate(x, new[] { yb, yc }, verbose: 0);
        Assert.Equal(two["loss"], all["loss"], 10);
    }

    [Fact]
    public void AnOutputWithMetricsButNoLossStillNeedsTargets()
    {
        var (model, x, ya, yb, _) = ThreeHeads();
        model.Compile(new SGD(0.05), [null, "mse"], metrics: [["mae"], []]);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, new[] { yb }, verbose: 0));
        Assert.Contains("must have 2 entries", error.Message);
        var nullEntry = Assert.Throws<ArgumentNullException>(() => model.Fit(x, new Tensor?[] { null, yb }, verbose: 0));
        Assert.Contains("output 'a' has metrics, which need targets", nullEntry.Message);
        var history = model.Fit(x, new[] { ya, yb }, epochs: 1, verbose: 0);
        Assert.Equal(["loss", "a_mae"], history.Keys.ToArray());
    }

    [Fact]
    public void OnlyNullLossesMeanNoLossAndTheCompileConfigKeepsTheNulls()
    {
        var (model, x, _, yb, _) = ThreeHeads();
        model.Compile("sgd", new Loss?[] { null, null });
        Assert.Empty(model.OutputLosses);
        model.Compile(new SGD(0.05), [null, "mse"]);
        var path = Path.Combine(Path.GetTempPath(), $"no-loss-output-{Guid.NewGuid():N}.keras");
        try
        {
            model.Save(path);
            var loaded = Keras.Models.LoadModel(path);
            Assert.Null(loaded.OutputLosses[0]);
            Assert.IsType<MeanSquaredError>(loaded.OutputLosses[1]);
            Assert.Equal(model.Evaluate(x, new[] { yb }, verbose: 0)["loss"], loaded.Evaluate(x, new[] { yb }, verbose: 0)["loss"], 6);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
