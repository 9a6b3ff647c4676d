using KerasSharp.Tests.TestSupport;
using System.Text.RegularExpressions;
using KerasSharp.Callbacks;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Callback logs of the inference loops as Keras fills them: <c>on_predict_batch_end</c> gets
/// <c>{"outputs": batch_outputs}</c> (keras/src/backend/torch/trainer.py, predict), and the progress bar of a
/// <c>verbose = 2</c> evaluation starts when the evaluation does (keras/src/callbacks/progbar_logger.py,
/// <c>_maybe_init_progbar</c> in <c>on_test_begin</c>), so its time per step is real.
/// </summary>
[Collection(GlobalState.Name)]
public class PredictionLogsTests
{
    private sealed class OutputsRecorder : Callback
    {
        public readonly List<float[]> Batches = [];
        public override void OnPredictBatchEnd(int batch, Logs logs) => Batches.Add(logs.Outputs![0].data<float>().ToArray());
    }

    [Theory]
    [InlineData(4)]   // batch by batch
    [InlineData(8)]   // batches merged in one forward pass where no callback acts between them
    public void PredictBatchEndLogsCarryEachBatchOutputs(int batchSize)
    {
        Keras.Utils.SetRandomSeed(41);
        var model = Sequential().Add(Input(3)).Add(Dense(2));
        var x = randn(2 * batchSize + 3, 3);
        var recorder = new OutputsRecorder();
        var all = model.Predict(x, batchSize: batchSize, verbose: 0, callbacks: [recorder]).data<float>().ToArray();
        Assert.Equal([batchSize * 2, batchSize * 2, 3 * 2], recorder.Batches.Select(b => b.Length).ToArray());
        Assert.Equal(all, recorder.Batches.SelectMany(b => b).ToArray());
    }

    private sealed class SlowBatches : Callback
    {
        public override void OnTestBatchEnd(int batch, Logs logs) => Thread.Sleep(40);
    }

    [Fact]
    public void EvaluateVerbose2PrintsTheRealTimePerStep()
    {
        var model = Sequential().Add(Input(3)).Add(Dense(1));
        model.Compile("sgd", "mse");
        var output = new StringWriter();
        model.Evaluate(ones(12, 3), ones(12, 1), batchSize: 4, verbose: 2,
            callbacks: [new SlowBatches(), new ProgbarLogger(output, dynamicDisplay: false)]);
        var line = output.ToString();
        var perStep = Regex.Match(line, @"3/3 - \d+s - (\d+)ms/step - loss: ");
        Assert.True(perStep.Success, line);
        Assert.InRange(int.Parse(perStep.Groups[1].Value), 35, 5000);
    }
}
