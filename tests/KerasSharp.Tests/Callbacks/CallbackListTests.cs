using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class CallbackListTests
{
    [Fact]
    public void FitCallsHooksInKerasOrder()
    {
        var (x, y) = SampleData(8);
        var (xv, yv) = SampleData(2);
        var rec = new RecordingCallback();
        TinyModel().Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, validationData: (xv, yv), callbacks: [rec]);
        // Keras' fit: on_train_begin; per epoch on_epoch_begin, on_train_batch_begin/end per batch, then the
        // validation run (on_test_begin, on_test_batch_begin/end, on_test_end), on_epoch_end; on_train_end.
        string[] epoch(int e) =>
        [
            $"epoch_begin {e}", "train_batch_begin 0", "train_batch_end 0", "train_batch_begin 1", "train_batch_end 1",
            "test_begin", "test_batch_begin 0", "test_batch_end 0", "test_end", $"epoch_end {e}",
        ];
        Assert.Equal(["train_begin", .. epoch(0), .. epoch(1), "train_end"], rec.Events);
    }

    [Fact]
    public void EvaluateAndPredictCallTheirHooksInKerasOrder()
    {
        var (x, y) = SampleData(8);
        var model = TinyModel();
        var rec = new RecordingCallback();
        model.Evaluate(x, y, batchSize: 4, verbose: 0, callbacks: [rec]);
        model.Predict(x, batchSize: 8, verbose: 0, callbacks: [rec]);
        Assert.Equal(["test_begin", "test_batch_begin 0", "test_batch_end 0", "test_batch_begin 1", "test_batch_end 1", "test_end",
            "predict_begin", "predict_batch_begin 0", "predict_batch_end 0", "predict_end"], rec.Events);
    }

    [Fact]
    public void StopTrainingSetInABatchHookEndsFitAfterThatBatchAndEpoch()
    {
        var (x, y) = SampleData(8);
        var rec = new RecordingCallback();
        var model = TinyModel();
        var stopper = new LambdaCallback(onTrainBatchEnd: (b, _) => { if (rec.Events.Contains("epoch_begin 1")) model.StopTraining = true; });
        var h = model.Fit(x, y, batchSize: 4, epochs: 5, verbose: 0, callbacks: [stopper, rec]);
        Assert.Equal([0, 1], h.Epochs);
        Assert.Equal(["epoch_begin 1", "train_batch_begin 0", "train_batch_end 0", "epoch_end 1", "train_end"], rec.Events[^5..]);
    }

    [Fact]
    public void StopTrainingSetInOnTrainBeginRunsNoEpoch()
    {
        var (x, y) = SampleData(8);
        var model = TinyModel();
        var h = model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new LambdaCallback(onTrainBegin: _ => model.StopTraining = true)]);
        Assert.Empty(h.Epochs);
    }

    [Fact]
    public void ThrowingCallbackStopsFitWithItsExceptionAfterOtherCallbacksRanOnTrainEnd()
    {
        var (x, y) = SampleData(8);
        var dir = TempDir();
        var csv = Path.Combine(dir, "log.csv");
        var before = new RecordingCallback();
        var after = new RecordingCallback();
        var thrower = new LambdaCallback(
            onEpochEnd: (e, _) => { if (e == 1) throw new InvalidDataException("boom at epoch 1"); },
            onTrainEnd: _ => throw new InvalidOperationException("must not run: this callback failed"));
        var ex = Assert.Throws<InvalidDataException>(() =>
            TinyModel().Fit(x, y, epochs: 4, verbose: 0, callbacks: [before, new CSVLogger(csv), thrower, after]));
        Assert.Equal("boom at epoch 1", ex.Message);
        Assert.Equal("train_end", before.Events[^1]);
        Assert.Equal("train_end", after.Events[^1]);
        Assert.DoesNotContain("epoch_end 1", after.Events); // it comes after the thrower in the list
        Assert.DoesNotContain("epoch_begin 2", before.Events);
        // The CSV file was closed: it can be opened for exclusive writing, and epochs 0 and 1 are in it.
        using (new FileStream(csv, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
        Assert.Equal(3, File.ReadAllLines(csv).Length);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ThrowingOnTrainBeginRunsOnTrainEndOnlyForCallbacksThatBegan()
    {
        var (x, y) = SampleData(8);
        var before = new RecordingCallback();
        var after = new RecordingCallback();
        var thrower = new LambdaCallback(onTrainBegin: _ => throw new ArithmeticException("begin failed"));
        Assert.Throws<ArithmeticException>(() => TinyModel().Fit(x, y, epochs: 2, verbose: 0, callbacks: [before, thrower, after]));
        Assert.Equal(["train_begin", "train_end"], before.Events);
        Assert.Empty(after.Events);
    }
}
