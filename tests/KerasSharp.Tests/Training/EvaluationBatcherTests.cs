using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Metrics;
using KerasSharp.Training;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Evaluate with the loss and metric updates of many batches done together (<see cref="EvaluationBatcher"/>, used when
/// no callback looks at single batches) against the batch-by-batch loop (forced here by a callback that overrides
/// <c>OnTestBatchEnd</c>): every logged value must be bitwise the same.
/// </summary>
[Collection(GlobalState.Name)]
public class EvaluationBatcherTests
{
    /// <summary>Observes test batches, which makes evaluation run batch by batch.</summary>
    private sealed class BatchObserver : Callback
    {
        public int Batches { get; private set; }

        public override void OnTestBatchEnd(int batch, Logs logs) => Batches++;
    }

    private static void AssertSameBits(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (key, value) in expected)
            Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(actual[key]),
                $"{key}: batch by batch {value:R}, batched {actual[key]:R}");
    }

    /// <summary>Evaluates both ways, after checking whether the batched way applies to this model (every output's loss
    /// row-wise, no regularization term), and checks the batch-by-batch run really saw every batch.</summary>
    private static IReadOnlyDictionary<string, double> EvaluateBothWays(Model model, Tensor[] x, Tensor[] y, int batchSize, long samples,
        bool batchable = true)
    {
        using (var data = new InMemoryData(x, y, null, model.Device, checkFinite: false))
        using (var batcher = EvaluationBatcher.TryCreate(new Trainer(model), model, data, batchSize,
            new CallbackList(null, model, new Dictionary<string, object?>(), null, 0)))
            Assert.Equal(batchable, batcher is not null);
        var observer = new BatchObserver();
        var perBatch = model.Evaluate(x, y, batchSize: batchSize, verbose: 0, callbacks: [observer]);
        Assert.Equal((samples + batchSize - 1) / batchSize, observer.Batches);
        var batched = model.Evaluate(x, y, batchSize: batchSize, verbose: 0);
        AssertSameBits(perBatch, batched);
        return batched;
    }

    private static Sequential TrainedClassifier(out Tensor x, out Tensor yHot, int n = 1000)
    {
        Keras.Utils.SetRandomSeed(21);
        x = randn(n, 12).DetachFromDisposeScope();
        var labels = (x.narrow(1, 0, 4).argmax(1) + (x.narrow(1, 4, 1).squeeze(1) > 1).to_type(ScalarType.Int64)).clamp_max(4);
        yHot = Keras.Utils.ToCategorical(labels, 5).DetachFromDisposeScope();
        var model = Sequential().Add(Input(12)).Add(Dense(16, "relu")).Add(Dense(5, "softmax"));
        model.Compile("adam", "categorical_crossentropy",
            ["accuracy", "mse", "categorical_crossentropy", "top_k_categorical_accuracy", new AUC(),
             new MeanMetricWrapper((t, p) => (t - p).abs().amax([1L]), "custom_max_error")]);
        model.Fit(x, yHot, epochs: 2, batchSize: 32, verbose: 0);
        return model;
    }

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData(32)]   // 31 full batches and a partial one
    [InlineData(7)]    // 142 full batches: several groups of EvaluationBatcher.MaxBatches
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(1000)] // one batch
    [InlineData(1500)] // one partial batch only
    public void SoftmaxClassifierWithBuiltinAndCustomMetricsLogsTheSameBits(int batchSize)
    {
        var model = TrainedClassifier(out var x, out var y);
        var logs = EvaluateBothWays(model, [x], [y], batchSize, 1000);
        Assert.InRange(logs["accuracy"], 0.3, 1.0);
    }

    [Fact]
    public void SparseLabelsBinarySigmoidAndRegressionLogTheSameBits()
    {
        Keras.Utils.SetRandomSeed(4);
        var x = randn(700, 6);
        var labels = (x.narrow(1, 0, 3).argmax(1)).to_type(ScalarType.Int64);
        var sparse = Sequential().Add(Input(6)).Add(Dense(8, "tanh")).Add(Dense(3, "softmax"));
        sparse.Compile("rmsprop", "sparse_categorical_crossentropy", ["accuracy", "sparse_top_k_categorical_accuracy"]);
        sparse.Fit(x, labels, epochs: 1, batchSize: 50, verbose: 0);
        EvaluateBothWays(sparse, [x], [labels], 16, 700);

        var binaryY = (x.narrow(1, 0, 1) > 0).to_type(ScalarType.Float32);
        var binary = Sequential().Add(Input(6)).Add(Dense(4, "relu")).Add(Dense(1, "sigmoid"));
        binary.Compile("adam", "binary_crossentropy", ["accuracy", "binary_crossentropy"]);
        binary.Fit(x, binaryY, epochs: 1, verbose: 0);
        EvaluateBothWays(binary, [x], [binaryY], 24, 700);

        var target = x.narrow(1, 0, 2) * 3 + 1;
        var regression = Sequential().Add(Input(6)).Add(Dense(5, "relu")).Add(Dense(2));
        regression.Compile("sgd", "mse", ["mae", "mape", "msle", "logcosh"]);
        regression.Fit(x, target, epochs: 1, verbose: 0);
        EvaluateBothWays(regression, [x], [target], 32, 700);
    }

    [Fact]
    public void TwoOutputsWithLossWeightsLogTheSameBits()
    {
        ClearSession();
        Keras.Utils.SetRandomSeed(8);
        var a = Input(5, name: "a");
        var hidden = Dense(6, "tanh").Apply(a);
        var model = new Model(a, [Dense(3, "softmax", name: "cls").Apply(hidden), Dense(1, name: "reg").Apply(hidden)]);
        model.Compile("adam", ["sparse_categorical_crossentropy", "huber"], metrics: [["accuracy"], ["mae"]], lossWeights: [1.0, 0.3]);
        var x = randn(300, 5);
        var yCls = x.narrow(1, 0, 3).argmax(1);
        var yReg = x.sum([1L], keepdim: true);
        model.Fit(x, new[] { yCls, yReg }, epochs: 1, verbose: 0);
        var logs = EvaluateBothWays(model, [x], [yCls, yReg], 20, 300);
        Assert.Equal(["loss", "cls_loss", "reg_loss", "cls_accuracy", "reg_mae"], logs.Keys);
    }

    [Fact]
    public void IsUsedOnlyWhereTheBatchByBatchValuesAreGuaranteed()
    {
        var model = TrainedClassifier(out var x, out var y, n: 100);
        var trainer = new Trainer(model);
        using var data = new InMemoryData([x], [y], null, model.Device, checkFinite: false);
        var quiet = new CallbackList(null, model, new Dictionary<string, object?>(), null, 0);
        using (var batcher = EvaluationBatcher.TryCreate(trainer, model, data, 32, quiet))
        {
            Assert.NotNull(batcher);
            Assert.True(batcher!.Takes(2));  // samples 64..95
            Assert.False(batcher.Takes(3));  // the partial batch 96..99 goes the batch-by-batch way
        }

        var observing = new CallbackList([new BatchObserver()], model, new Dictionary<string, object?>(), null, 0);
        Assert.Null(EvaluationBatcher.TryCreate(trainer, model, data, 32, observing));
        var progbar = new CallbackList(null, model, new Dictionary<string, object?>(), null, 1);
        Assert.Null(EvaluationBatcher.TryCreate(trainer, model, data, 32, progbar));

        using var weighted = new InMemoryData([x], [y], ones(100), model.Device, checkFinite: false);
        Assert.Null(EvaluationBatcher.TryCreate(trainer, model, weighted, 32, quiet));

        var custom = Sequential().Add(Input(12)).Add(Dense(5, "softmax"));
        custom.Compile("adam", (Func<Tensor, Tensor, Tensor>)((t, p) => (t - p).square().sum([1L])));
        custom.Predict(x, verbose: 0);
        Assert.Null(EvaluationBatcher.TryCreate(new Trainer(custom), custom, data, 32, quiet));

        var regularized = Sequential().Add(Input(12)).Add(Dense(5, "softmax", kernelRegularizer: "l2"));
        regularized.Compile("adam", "categorical_crossentropy");
        regularized.Predict(x, verbose: 0);
        Assert.Null(EvaluationBatcher.TryCreate(new Trainer(regularized), regularized, data, 32, quiet));
    }

    [Fact]
    public void RegularizedModelAndSampleWeightsStillMatchTheBatchByBatchLoop()
    {
        Keras.Utils.SetRandomSeed(2);
        var x = randn(200, 4);
        var y = Keras.Utils.ToCategorical(x.narrow(1, 0, 2).argmax(1), 2);
        var model = Sequential().Add(Input(4)).Add(Dense(3, "relu", kernelRegularizer: "l2")).Add(Dense(2, "softmax"));
        model.Compile("adam", "categorical_crossentropy", ["accuracy"]);
        EvaluateBothWays(model, [x], [y], 16, 200, batchable: false);
    }

    [Fact]
    public void LeavesNoNativeTensorBehind()
    {
        var model = TrainedClassifier(out var x, out var y, n: 500);
        model.Evaluate(x, y, batchSize: 8, verbose: 0);
        long before = TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++) model.Evaluate(x, y, batchSize: 8, verbose: 0);
        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void FitValidationPassGivesTheSameValLogsEitherWay()
    {
        History Run(bool observe)
        {
            ClearSession();
            Keras.Utils.SetRandomSeed(13);
            var x = randn(300, 6);
            var y = Keras.Utils.ToCategorical(x.narrow(1, 0, 3).argmax(1), 3);
            var model = Sequential().Add(Input(6)).Add(Dense(8, "relu")).Add(Dense(3, "softmax"));
            model.Compile("adam", "categorical_crossentropy", ["accuracy"]);
            return model.Fit(x, y, epochs: 2, batchSize: 16, validationSplit: 0.3, verbose: 0,
                callbacks: observe ? [new BatchObserver()] : null);
        }
        var batched = Run(observe: false);
        var perBatch = Run(observe: true);
        foreach (var key in new[] { "val_loss", "val_accuracy", "loss" })
            Assert.Equal(perBatch[key].Select(BitConverter.DoubleToInt64Bits), batched[key].Select(BitConverter.DoubleToInt64Bits));
    }
}
