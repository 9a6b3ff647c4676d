using KerasSharp.Tests.TestSupport;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Keras 3's loss tracker: <c>model.metrics</c> starts with a <c>Mean</c> named "loss" once compiled
/// (keras/src/trainers/trainer.py, <c>compile</c> and the <c>metrics</c> property), the default train step updates it
/// with <c>sample_weight=batch_size</c>, and a custom step may update it itself ("customizing what happens in fit").
/// </summary>
[Collection(GlobalState.Name)]
public class LossTrackerTests
{
    private static Model SmallModel(int seed = 5)
    {
        Keras.Utils.SetRandomSeed(seed);
        return Sequential().Add(Input(3)).Add(Dense(2)).Add(Dense(1));
    }

    [Fact]
    public void MetricsIsEmptyBeforeCompileAndListsTheLossTrackerFirstAfter()
    {
        var model = SmallModel();
        Assert.Empty(model.Metrics);
        model.Compile("sgd", "mse", metrics: ["mae"], weightedMetrics: ["mse"]);
        Assert.Equal(["loss", "mae", "mse"], model.Metrics.Select(m => m.Name));
        Assert.IsType<Mean>(model.Metrics[0]);
        var first = model.Metrics[0];
        model.Compile("sgd", "mse");
        Assert.Equal(["loss"], model.Metrics.Select(m => m.Name));
        Assert.NotSame(first, model.Metrics[0]); // Keras makes a new tracker at each compile
    }

    [Fact]
    public void TheTrackerHoldsTheRunningLossThatFitAndEvaluateLog()
    {
        var model = SmallModel();
        model.Compile(new SGD(0.05), "mse");
        var x = randn(50, 3, generator: manual_seed(1));
        var y = randn(50, 1, generator: manual_seed(2));
        // 50 rows in batches of 16: the last batch has 2 rows, so the batch-size weighting matters.
        var history = model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0);
        Assert.Equal(history["loss"][^1], model.Metrics[0].Result(), 12);
        var evaluated = model.Evaluate(x, y, batchSize: 16, verbose: 0);
        Assert.Equal(evaluated["loss"], model.Metrics[0].Result(), 12);
        // Evaluate's loss is the batch-size weighted mean of the batch losses, which here is the full-data mse.
        var mse = (model.Predict(x) - y).square().mean().item<float>();
        Assert.Equal(mse, evaluated["loss"], 5);
        model.ResetMetrics();
        Assert.Equal(0.0, model.Metrics[0].Result());
    }

    [Fact]
    public void UpdatedByHandItIsAKerasMeanWeightedPerSample()
    {
        var model = SmallModel();
        model.Compile("sgd", "mse");
        var tracker = (Mean)model.Metrics[0];
        var reference = new Mean();
        var values = tensor(new float[] { 1, 2, 3, 4, 5, 6 }).reshape(3, 2);
        var weights = tensor(new float[] { 1, 0, 2 });
        foreach (var m in new[] { tracker, reference })
        {
            m.UpdateState(tensor(2.5f));                 // a scalar counts once
            m.UpdateState(values, weights);              // row means 1.5, 3.5, 5.5 weighted 1, 0, 2
            m.UpdateState(tensor(4f), tensor(10f));      // as the default step: sample_weight = batch size
        }
        // (2.5 + 1.5 + 11 + 40) / (1 + 3 + 10) = 55 / 14
        Assert.Equal(55.0 / 14.0, tracker.Result(), 12);
        Assert.Equal(reference.Result(), tracker.Result(), 6);
        var error = Assert.Throws<ArgumentException>(() => tracker.UpdateState(values, ones(4)));
        Assert.Equal("sampleWeight", error.ParamName);
        Assert.Contains("[4]", error.Message);
    }

    // The guide's first custom step: the loss tracker is updated with the loss, the other metrics with y and y_pred.
    private sealed class GuideModel : Model
    {
        private readonly KerasSharp.Layers.Layer dense = Dense(1);

        public override Tensor Call(Tensor x, bool training = false) => dense.Apply(x, training);

        public override IReadOnlyDictionary<string, double>? TrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
        {
            var yPred = Call(x[0], training: true);
            var loss = ComputeLoss(y![0], yPred);
            loss.backward();
            Optimizer!.Apply(TrainableWeights);
            foreach (var metric in Metrics)
            {
                if (metric.Name == "loss") ((Mean)metric).UpdateState(loss.detach());
                else metric.UpdateState(y[0], yPred.detach());
            }
            return Metrics.ToDictionary(m => m.Name, m => m.Result());
        }
    }

    [Fact]
    public void ACustomStepUpdatingTheTrackerLogsLossAndTheCompiledMetrics()
    {
        Keras.Utils.SetRandomSeed(9);
        var model = new GuideModel();
        model.Compile(new SGD(0.01), "mse", metrics: ["mae"]);
        var x = randn(40, 3, generator: manual_seed(3));
        var y = randn(40, 1, generator: manual_seed(4));
        var history = model.Fit(x, y, batchSize: 20, epochs: 3, verbose: 0);
        Assert.Equal(["loss", "mae"], history.Keys.ToArray());
        Assert.Equal(3, history["loss"].Count);
        Assert.True(history["loss"].All(v => v > 0));
        // Reset at every epoch start: each epoch's loss is that epoch's mean, not a mean over all epochs.
        Assert.Equal(history["loss"][^1], model.Metrics[0].Result(), 12);
        Assert.True(history["loss"][^1] < history["loss"][0]);
    }
}
