using KerasSharp.Callbacks;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class EarlyStoppingTests
{
    private static History FitScripted(EarlyStopping es, string key, double[] script, Model? model = null, int epochs = 10,
        params Callback[] extra)
    {
        var (x, y) = SampleData(8);
        var (xv, yv) = SampleData(4);
        model ??= TinyModel();
        return model.Fit(x, y, batchSize: 4, epochs: epochs, verbose: 0, validationData: (xv, yv),
            callbacks: [Script(key, script), es, .. extra]);
    }

    [Fact]
    public void StopsWhenPatienceRunsOut()
    {
        // val_loss 1.0, 0.8 (best), 0.9 (wait 1), 0.85 (wait 2 >= patience 2): stop after epoch 3.
        var es = new EarlyStopping(patience: 2);
        var h = FitScripted(es, "val_loss", [1.0, 0.8, 0.9, 0.85, 0.95, 0.7, 0.6, 0.5, 0.4, 0.3]);
        Assert.Equal([0, 1, 2, 3], h.Epochs);
        Assert.Equal(3, es.StoppedEpoch);
        Assert.Equal(1, es.BestEpoch);
        Assert.Equal(0.8, es.Best);
        Assert.Equal("val_loss", h.Monitor);
        Assert.Equal(1, h.BestEpoch);
    }

    [Fact]
    public void PatienceZeroStopsAtFirstEpochWithoutImprovement()
    {
        var es = new EarlyStopping(patience: 0);
        var h = FitScripted(es, "val_loss", [3, 2, 1, 1.5, 0.5, 0.1, 0.1, 0.1, 0.1, 0.1]);
        Assert.Equal(4, h.Epochs.Count); // epoch 3 (1.5 > best 1) stops
    }

    [Fact]
    public void MinDeltaSmallerImprovementsDoNotCount()
    {
        // 0.95 improves on 1.0 by 0.05 < minDelta 0.1: no improvement, wait 1 >= patience 1: stop after epoch 1.
        var es = new EarlyStopping(monitor: "loss", minDelta: 0.1, patience: 1);
        var h = FitScripted(es, "loss", [1.0, 0.95, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1, 0.1, 0.1]);
        Assert.Equal([0, 1], h.Epochs);
        Assert.Equal(1.0, es.Best);
    }

    [Fact]
    public void AutoModeMaximisesAccuracy()
    {
        var es = new EarlyStopping(monitor: "val_accuracy", patience: 0);
        var model = TinyModel(metrics: ["accuracy"]);
        // 0.5, 0.6 (better), 0.55 (worse: stop).
        var h = FitScripted(es, "val_accuracy", [0.5, 0.6, 0.55, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], model);
        Assert.Equal(3, h.Epochs.Count);
        Assert.Equal(0.6, es.Best);
        Assert.Equal(1, h.BestEpoch);
    }

    [Fact]
    public void BaselineNotBeatenStopsAfterPatienceEvenWithImprovements()
    {
        // Keras: the wait counter restarts only when the value beats both the best and the baseline 0.5.
        // epoch 0: 0.8 improves (wait stays 1); epoch 1: 0.9, wait 2 >= 2: stop.
        var es = new EarlyStopping(monitor: "loss", patience: 2, baseline: 0.5);
        var h = FitScripted(es, "loss", [0.8, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
        Assert.Equal([0, 1], h.Epochs);
    }

    [Fact]
    public void StartFromEpochIgnoresWarmUpEpochs()
    {
        // Rising loss would stop at epoch 1; monitoring starts at epoch 2 (3 = best), epoch 3 (4) stops.
        var es = new EarlyStopping(monitor: "loss", patience: 0, startFromEpoch: 2);
        var h = FitScripted(es, "loss", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal([0, 1, 2, 3], h.Epochs);
        Assert.Equal(2, es.BestEpoch);
    }

    [Fact]
    public void RestoreBestWeightsPutsBackTheWeightsOfTheBestEpoch()
    {
        var model = TinyModel();
        var snapshots = new Dictionary<int, List<TorchSharp.torch.Tensor>>();
        var snap = new LambdaCallback(onEpochEnd: (e, _) => snapshots[e] = Snapshot(model));
        var es = new EarlyStopping(patience: 2, restoreBestWeights: true);
        FitScripted(es, "val_loss", [1.0, 0.8, 0.9, 0.85, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], model, 10, snap);
        Assert.Equal(3, es.StoppedEpoch);
        var weights = model.Weights;
        for (int i = 0; i < weights.Count; i++)
            TensorAssert.Close(snapshots[1][i], weights[i], 0);
        // The weights did change after the best epoch, so the restore is visible.
        Assert.False(snapshots[3][0].allclose(snapshots[1][0]));
    }

    [Fact]
    public void RestoreBestWeightsAlsoWhenPatienceNeverRunsOut()
    {
        var model = TinyModel();
        var snapshots = new Dictionary<int, List<TorchSharp.torch.Tensor>>();
        var snap = new LambdaCallback(onEpochEnd: (e, _) => snapshots[e] = Snapshot(model));
        var es = new EarlyStopping(patience: 5, restoreBestWeights: true);
        var h = FitScripted(es, "val_loss", [1.0, 0.5, 0.9, 0.8], model, 4, snap);
        Assert.Equal(4, h.Epochs.Count);
        Assert.Equal(0, es.StoppedEpoch);
        var weights = model.Weights;
        for (int i = 0; i < weights.Count; i++)
            TensorAssert.Close(snapshots[1][i], weights[i], 0);
    }

    [Fact]
    public void MissingMonitorKeyIsAnErrorListingAvailableKeys()
    {
        var (x, y) = SampleData(8);
        var ex = Assert.Throws<InvalidOperationException>(() =>
            TinyModel(metrics: ["mae"]).Fit(x, y, epochs: 3, verbose: 0, callbacks: [new EarlyStopping()]));
        Assert.Contains("\"val_loss\"", ex.Message);
        Assert.Contains("Available keys: loss, mae", ex.Message);
        Assert.Contains("validationData", ex.Message);
    }

    [Fact]
    public void ValidationFreqEpochsWithoutValidationAreSkipped()
    {
        var (x, y) = SampleData(8);
        var es = new EarlyStopping(patience: 10);
        var h = TinyModel().Fit(x, y, epochs: 4, verbose: 0, validationSplit: 0.25, validationFreq: 2, callbacks: [es]);
        Assert.Equal(4, h.Epochs.Count);
        Assert.Equal(2, h["val_loss"].Count);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new EarlyStopping(mode: "maximum"));
        Assert.Contains("\"maximum\"", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: -1));
        var (x, y) = SampleData(8);
        var ex2 = Assert.Throws<InvalidOperationException>(() =>
            TinyModel().Fit(x, y, epochs: 2, verbose: 0, callbacks: [Script("foo", 1, 2), new EarlyStopping(monitor: "foo")]));
        Assert.Contains("mode: \"max\"", ex2.Message);
    }

    [Fact]
    public void VerboseMessagesFollowKeras()
    {
        var output = new StringWriter();
        var es = new EarlyStopping(monitor: "loss", patience: 0, restoreBestWeights: true, verbose: 1, output: output);
        FitScripted(es, "loss", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal("Epoch 2: early stopping\nRestoring model weights from the end of the best epoch: 1.\n", output.ToString().Replace("\r", ""));
    }
}
