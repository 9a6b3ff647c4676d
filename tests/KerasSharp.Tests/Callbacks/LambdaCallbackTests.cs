using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class LambdaCallbackTests
{
    [Fact]
    public void RunsEachGivenFunctionAtItsHook()
    {
        var (x, y) = SampleData(8);
        var events = new List<string>();
        var cb = new LambdaCallback(
            onTrainBegin: _ => events.Add("train_begin"),
            onEpochBegin: (e, _) => events.Add($"epoch_begin {e}"),
            onBatchEnd: (b, logs) => events.Add($"batch_end {b} loss={logs.ContainsKey("loss")}"),
            onEpochEnd: (e, logs) => events.Add($"epoch_end {e} {string.Join(",", logs.Keys)}"),
            onTrainEnd: _ => events.Add("train_end"));
        TinyModel().Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, callbacks: [cb]);
        Assert.Equal(["train_begin", "epoch_begin 0", "batch_end 0 loss=True", "epoch_end 0 loss",
            "epoch_begin 1", "batch_end 0 loss=True", "epoch_end 1 loss", "train_end"], events);
    }

    [Fact]
    public void TrainBatchNamesTakePrecedenceOverTheOlderNames()
    {
        var (x, y) = SampleData(8);
        int newer = 0, older = 0;
        var cb = new LambdaCallback(onTrainBatchBegin: (_, _) => newer++, onBatchBegin: (_, _) => older++);
        TinyModel().Fit(x, y, batchSize: 4, epochs: 1, verbose: 0, callbacks: [cb]);
        Assert.Equal(2, newer);
        Assert.Equal(0, older);
    }

    [Fact]
    public void TestAndPredictHooks()
    {
        var (x, y) = SampleData(8);
        int tests = 0, predicts = 0;
        var cb = new LambdaCallback(onTestBatchEnd: (_, _) => tests++, onPredictEnd: _ => predicts++);
        var model = TinyModel();
        model.Evaluate(x, y, batchSize: 4, verbose: 0, callbacks: [cb]);
        model.Predict(x, verbose: 0, callbacks: [cb]);
        Assert.Equal(2, tests);
        Assert.Equal(1, predicts);
    }
}
