using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class LearningRateSchedulerTests
{
    [Fact]
    public void SetsTheRateEachEpochAndLogsIt()
    {
        var (x, y) = SampleData(8);
        var model = TinyModel(learningRate: 0.1);
        var seen = new List<double>();
        var probe = new LambdaCallback(onTrainBatchBegin: (b, _) => { if (b == 0) seen.Add(model.Optimizer!.LearningRate); });
        // Keras' example schedule: keep the rate for 2 epochs, then halve it every epoch.
        var h = model.Fit(x, y, batchSize: 4, epochs: 4, verbose: 0,
            callbacks: [new LearningRateScheduler((epoch, lr) => epoch < 2 ? lr : lr * 0.5), probe]);
        Assert.Equal([0.1, 0.1, 0.05, 0.025], seen);
        Assert.Equal(new[] { 0.1f, 0.1f, 0.05f, 0.025f }.Select(v => (double)v), h["learning_rate"]);
    }

    [Fact]
    public void EpochOnlyScheduleAndVerbose()
    {
        var (x, y) = SampleData(8);
        var model = TinyModel();
        var output = new StringWriter();
        model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new LearningRateScheduler(epoch => 0.01 * (epoch + 1), verbose: 1, output: output)]);
        Assert.Equal(0.02, model.Optimizer!.LearningRate, 1e-12);
        Assert.Equal("\nEpoch 1: LearningRateScheduler setting learning rate to 0.01.\n\nEpoch 2: LearningRateScheduler setting learning rate to 0.02.\n",
            output.ToString().Replace("\r", ""));
    }

    [Fact]
    public void InvalidRateIsAnError()
    {
        var (x, y) = SampleData(8);
        var ex = Assert.Throws<InvalidOperationException>(() =>
            TinyModel().Fit(x, y, epochs: 1, verbose: 0, callbacks: [new LearningRateScheduler(_ => double.NaN)]));
        Assert.Contains("nan", ex.Message);
    }
}
