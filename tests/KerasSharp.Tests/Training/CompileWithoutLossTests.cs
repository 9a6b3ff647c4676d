using KerasSharp.Tests.TestSupport;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Keras' <c>compile(optimizer)</c> with no loss, for a model whose layers add their own loss terms (<c>add_loss</c>):
/// <c>compute_loss</c> sums those terms, and raises "No loss to compute" when there are none
/// (keras/src/trainers/trainer.py, <c>_compute_loss</c>).
/// </summary>
[Collection(GlobalState.Name)]
public class CompileWithoutLossTests
{
    // An activity penalty as in Keras' add_loss guide: mean(x^2) of what passes through.
    private sealed class ActivityPenalty : Layer
    {
        protected override Tensor Call(Tensor x, bool training)
        {
            AddLoss(x.square().mean());
            return x;
        }
    }

    private static (Model Model, Layer Dense) PenalisedModel()
    {
        Keras.Utils.SetRandomSeed(31);
        var dense = Dense(2, useBias: false);
        var model = Sequential().Add(Input(3)).Add(dense).Add(new ActivityPenalty());
        model.Compile(new SGD(learningRate: 0.1));
        return (model, dense);
    }

    [Fact]
    public void AModelCompiledWithoutALossTrainsOnTheTermsItAdds()
    {
        var (model, dense) = PenalisedModel();
        Assert.True(model.Compiled);
        Assert.Null(model.Loss);
        var x = randn(16, 3);
        // loss = mean((x W)^2) over the one batch of 16 rows
        double expected = x.matmul(dense.Weights[0]).square().mean().item<float>();
        var scores = model.Evaluate(x, null, batchSize: 16, verbose: 0);
        Assert.Equal(["loss"], scores.Keys.ToArray());
        Assert.Equal(expected, scores["loss"], 5);

        var h = model.Fit(x, null, batchSize: 16, epochs: 10, verbose: 0);
        Assert.Equal(expected, h["loss"][0], 5);    // the first epoch's only step runs at the initial weights
        Assert.True(h["loss"][^1] < h["loss"][0] / 2, $"{h["loss"][0]} -> {h["loss"][^1]}");
    }

    [Fact]
    public void NoCompiledLossAndNoAddedTermIsRefusedBeforeTraining()
    {
        Keras.Utils.SetRandomSeed(32);
        var model = Sequential().Add(Input(3)).Add(Dense(1));
        model.Compile("sgd");
        var before = model.GetWeights()[0].clone();
        var ex = Assert.Throws<InvalidOperationException>(() => model.Fit(ones(4, 3), ones(4, 1), verbose: 0));
        Assert.Contains("No loss to compute", ex.Message);
        Assert.Contains("provide a loss argument in Compile()", ex.Message);
        Assert.Equal(before.data<float>().ToArray(), model.GetWeights()[0].data<float>().ToArray());
    }

    [Fact]
    public void AModelCompiledWithoutALossSavesAndLoadsCompiledWithoutOne()
    {
        Keras.Utils.SetRandomSeed(33);
        var model = Sequential().Add(Input(3)).Add(Dense(1));
        model.Compile(new SGD(learningRate: 0.2), metrics: ["mae"]);
        var path = Path.Combine(Path.GetTempPath(), $"no_loss_{Guid.NewGuid():N}.keras");
        try
        {
            model.Save(path);
            var loaded = Keras.Models.LoadModel(path);
            Assert.True(loaded.Compiled);
            Assert.Null(loaded.Loss);
            Assert.Equal(["loss", "mae"], loaded.Metrics.Select(m => m.Name).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
