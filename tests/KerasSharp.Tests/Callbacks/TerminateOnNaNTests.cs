using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class TerminateOnNaNTests
{
    [Fact]
    public void StopsAtTheBatchWhoseLossIsNaN()
    {
        var (x, y) = SampleData(8);
        var output = new StringWriter();
        var cb = new TerminateOnNaN(output);
        var rec = new RecordingCallback();
        // Scripted batch logs: batch 2 of epoch 0 reports a NaN loss.
        var script = new LambdaCallback(onTrainBatchEnd: (b, logs) => { if (b == 2) logs["loss"] = double.NaN; });
        var h = TinyModel().Fit(x, y, batchSize: 2, epochs: 3, verbose: 0, callbacks: [script, cb, rec]);
        Assert.Equal(2, cb.TerminatedAtBatch);
        Assert.Equal("Batch 2: Invalid loss, terminating training\n", output.ToString().Replace("\r", ""));
        Assert.Equal([0], h.Epochs);
        Assert.Equal(3, rec.Events.Count(e => e.StartsWith("train_batch_end", StringComparison.Ordinal)));
    }

    [Fact]
    public void DivergingTrainingIsTerminated()
    {
        var (x, y) = SampleData(8);
        var cb = new TerminateOnNaN(TextWriter.Null);
        // SGD with learning rate 1e30 overflows float32 within a few steps: the loss becomes inf, then NaN.
        var h = TinyModel(learningRate: 1e30).Fit(x, y, batchSize: 1, epochs: 5, verbose: 0, callbacks: [cb]);
        Assert.NotNull(cb.TerminatedAtBatch);
        Assert.Equal([0], h.Epochs);
        Assert.False(double.IsFinite(h["loss"][0]));
    }

    [Fact]
    public void FiniteLossTrainsToTheEnd()
    {
        var (x, y) = SampleData(8);
        var cb = new TerminateOnNaN(TextWriter.Null);
        var h = TinyModel().Fit(x, y, epochs: 2, verbose: 0, callbacks: [cb]);
        Assert.Null(cb.TerminatedAtBatch);
        Assert.Equal(2, h.Epochs.Count);
    }
}
