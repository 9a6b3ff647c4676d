using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Keras' "customizing what happens in fit" (keras/src/trainers/trainer.py, backend/torch/trainer.py): TrainStep,
/// TestStep and PredictStep overrides for any model, logs returned by a step, a <c>metrics</c> override, and
/// <c>_get_metrics_result_or_logs</c> at the end of an epoch.
/// </summary>
[Collection(GlobalState.Name)]
public class CustomStepTests
{
    // The Keras guide's GAN-style step: two objectives tracked by two Mean metrics listed in Metrics, returned as logs.
    private sealed class TwoLossModel : Model
    {
        private readonly Dense dense = new(1);
        public readonly Mean DLoss = new("d_loss");
        public readonly Mean GLoss = new("g_loss");
        public TwoLossModel() : base("two_loss") { }
        public override IReadOnlyList<Layer> Layers => [dense];
        public override IReadOnlyList<Metric> Metrics => [DLoss, GLoss];
        public override Tensor Call(Tensor x, bool training = false) => dense.Apply(x, training);

        public override IReadOnlyDictionary<string, double>? TrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
        {
            Tensor pred;
            using (no_grad()) pred = Call(x[0]);
            DLoss.UpdateState((pred - y![0]).square().mean());   // "discriminator": mse of the batch
            GLoss.UpdateState((pred - y[0]).abs().mean());       // "generator": mae of the batch
            return Metrics.ToDictionary(m => m.Name, m => m.Result());
        }
    }

    private sealed class LogRecorder : Callback
    {
        public readonly List<Dictionary<string, double>> Batches = [];
        public override void OnTrainBatchEnd(int batch, Logs logs) => Batches.Add(logs.ToDictionary());
    }

    [Fact]
    public void AStepReturningDLossAndGLossFillsHistoryBatchLogsAndTheProgressBar()
    {
        Keras.Utils.SetRandomSeed(3);
        var model = new TwoLossModel();
        model.Compile(new SGD(learningRate: 0.1), "mse");
        var x = randn(30, 2);
        var y = randn(30, 1);
        var recorder = new LogRecorder();
        var output = new StringWriter();
        var h = model.Fit(x, y, batchSize: 10, epochs: 2, shuffle: false, verbose: 1,
            callbacks: [recorder, new ProgbarLogger(output, dynamicDisplay: false)]);

        Assert.Equal(["d_loss", "g_loss"], h.Keys.ToArray());
        // The step never updates the weights: each epoch's value is the mean of the three batch means (Mean metric).
        var pred = model.Predict(x, verbose: 0);
        double mse = Enumerable.Range(0, 3).Average(b => (pred.narrow(0, b * 10, 10) - y.narrow(0, b * 10, 10)).square().mean().item<float>());
        double mae = Enumerable.Range(0, 3).Average(b => (pred.narrow(0, b * 10, 10) - y.narrow(0, b * 10, 10)).abs().mean().item<float>());
        Assert.Equal(mse, h["d_loss"][0], 5);
        Assert.Equal(mae, h["g_loss"][0], 5);
        Assert.Equal(mse, h["d_loss"][1], 5);   // Metrics are reset at each epoch start
        Assert.Equal(6, recorder.Batches.Count);
        Assert.Equal(["d_loss", "g_loss"], recorder.Batches[0].Keys.ToArray());
        Assert.Equal(h["d_loss"][0], recorder.Batches[2]["d_loss"], 10);
        var text = output.ToString();
        Assert.Contains("d_loss: ", text);
        Assert.Contains("g_loss: ", text);
    }

    // Returns logs whose keys are not the metrics': the epoch logs are the last step's (Keras' _get_metrics_result_or_logs).
    private sealed class CountingModel : Model
    {
        private readonly Dense dense = new(1);
        private int steps;
        public CountingModel() : base("counting") { }
        public override IReadOnlyList<Layer> Layers => [dense];
        public override Tensor Call(Tensor x, bool training = false) => dense.Apply(x, training);

        public override IReadOnlyDictionary<string, double>? TrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight) =>
            new Dictionary<string, double> { ["steps"] = ++steps, ["rows"] = x[0].size(0) };
    }

    [Fact]
    public void EpochLogsAreTheLastStepLogsWhenTheirKeysAreNotTheMetricsAndYMayBeNull()
    {
        var model = new CountingModel();
        model.Compile("sgd", "mse", metrics: ["mae"]);
        // y is null: the custom step needs no targets, and the compiled loss is never checked.
        var h = model.Fit(ones(25, 3), null, batchSize: 10, epochs: 2, verbose: 0);
        Assert.Equal(["steps", "rows"], h.Keys.ToArray());
        Assert.Equal([3.0, 6.0], h["steps"]);
        Assert.Equal([5.0, 5.0], h["rows"]);   // the partial last batch
    }

    [Fact]
    public void ACustomStepIsNotCheckedAgainstACompiledLossItNeverUses()
    {
        var model = new CountingModel();
        model.Compile("sgd", "sparse_categorical_crossentropy");
        // Targets of shape (n, 7) do not fit sparse cross-entropy on a (n, 1) output; the custom step never uses it.
        var h = model.Fit(ones(8, 3), zeros(8, 7), batchSize: 4, verbose: 0);
        Assert.Equal([2.0], h["steps"]);
    }

    private sealed class ScaledPredictions : Model
    {
        private readonly Dense dense = new(2);
        public readonly Mean Mse = new("my_mse");
        public ScaledPredictions() : base("scaled") { }
        public override IReadOnlyList<Layer> Layers => [dense];
        public override IReadOnlyList<Metric> Metrics => [Mse];
        public override Tensor Call(Tensor x, bool training = false) => dense.Apply(x, training);

        public override IReadOnlyList<Tensor> PredictStep(IReadOnlyList<Tensor> x) => [Call(x[0]) * 10];

        public override IReadOnlyDictionary<string, double>? TestStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
        {
            Mse.UpdateState((Call(x[0]) - y![0]).square());   // per-element squared errors: their Mean is the overall mse
            return null;                                      // logs: the results of Metrics
        }
    }

    [Fact]
    public void TestStepAndPredictStepOverridesRunInEvaluatePredictAndTheirSingleBatchForms()
    {
        Keras.Utils.SetRandomSeed(4);
        var model = new ScaledPredictions();
        model.Compile("sgd", "mse");
        var x = randn(23, 3);
        var y = randn(23, 2);
        var plain = model.Call(x).detach();
        var scores = model.Evaluate(x, y, batchSize: 5, verbose: 0);
        Assert.Equal(["my_mse"], scores.Keys.ToArray());
        Assert.Equal((plain - y).square().mean().item<float>(), scores["my_mse"], 5);
        Assert.Equal(scores["my_mse"], model.TestOnBatch(x, y)["my_mse"], 5);

        var p = model.Predict(x, batchSize: 5, verbose: 0);
        Assert.Equal((plain * 10).data<float>().ToArray(), p.data<float>().ToArray());
        Assert.Equal((plain * 10).data<float>().ToArray(), model.PredictOnBatch(x).data<float>().ToArray());
    }

    // The single-tensor TrainStep cannot take two inputs: Fit says so instead of silently running the default step.
    private sealed class SingleTensorStep : Model
    {
        public SingleTensorStep(KerasTensor[] inputs, KerasTensor output) : base(inputs, [output]) { }
        public override Tensor TrainStep(Tensor x, Tensor y, Tensor? sampleWeight = null) => throw new InvalidOperationException("not reached");
    }

    [Fact]
    public void ASingleTensorTrainStepOnATwoInputModelIsRefusedClearly()
    {
        var a = Input(2, name: "a");
        var b = Input(2, name: "b");
        var model = new SingleTensorStep([a, b], Dense(1).Apply(Concatenate().Apply([a, b])));
        model.Compile("sgd", "mse");
        var ex = Assert.Throws<InvalidOperationException>(() => model.Fit(new[] { ones(4, 2), ones(4, 2) }, ones(4, 1), verbose: 0));
        Assert.Contains("TrainStep(IReadOnlyList<Tensor>, IReadOnlyList<Tensor>?, Tensor?)", ex.Message);
        Assert.Contains("2 inputs", ex.Message);
    }

    [Fact]
    public void FitOnAModelWithoutTrainableWeightsComputesTheLossAndChangesNothing()
    {
        // Keras' torch train_step: "if self.trainable_weights: loss.backward() ... else: warn".
        Keras.Utils.SetRandomSeed(5);
        var dense = Dense(1);
        var model = Sequential().Add(Input(3)).Add(dense);
        dense.Trainable = false;
        model.Compile("sgd", "mse");
        var x = randn(16, 3);
        var y = randn(16, 1);
        var before = dense.Weights[0].detach().clone();
        var h = model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0);
        Assert.Equal(before.data<float>().ToArray(), dense.Weights[0].data<float>().ToArray());
        double mse = (model.Call(x).detach() - y).square().mean().item<float>();
        Assert.Equal(mse, h["loss"][0], 5);
        Assert.Equal(mse, h["loss"][1], 5);
    }
}
