using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

[Collection(GlobalState.Name)]

public class FitTests
{
    [Fact]
    public void XorIsLearnedTo100Percent()
    {
        Keras.Utils.SetRandomSeed(42);
        float[,] x = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
        float[] y = [0, 1, 1, 0];
        var model = Sequential().Add(Input(2)).Add(Dense(8, "tanh")).Add(Dense(1, "sigmoid"));
        model.Compile(new Adam(learningRate: 0.05), "binary_crossentropy", metrics: ["accuracy"]);
        var h = model.Fit(x, y, epochs: 300, batchSize: 4, verbose: 0);
        Assert.Equal(1.0, h["accuracy"][^1]);
        var p = model.Predict(x, verbose: 0);
        Assert.Equal(new float[] { 0, 1, 1, 0 }, p.reshape(-1).gt(0.5).to_type(ScalarType.Float32).data<float>().ToArray());
        Assert.Equal(1.0, model.Evaluate(x, y, verbose: 0)["accuracy"]);
    }

    [Fact]
    public void RegressionLossFallsBelowThreshold()
    {
        Keras.Utils.SetRandomSeed(1);
        var x = rand(512, 3);
        var y = (x.matmul(tensor(new float[] { 2, -1, 0.5f }).reshape(3, 1)) + 0.3).DetachFromDisposeScope();
        var model = Sequential().Add(Input(3)).Add(Dense(16, "relu")).Add(Dense(1));
        model.Compile(new Adam(learningRate: 0.01), "mse", metrics: ["mae"]);
        var h = model.Fit(x, y, epochs: 40, batchSize: 32, verbose: 0, validationSplit: 0.25);
        Assert.True(h["loss"][^1] < 0.005, $"final loss {h["loss"][^1]}");
        Assert.True(h["loss"][^1] < h["loss"][0] / 20);
        Assert.Equal(["loss", "mae", "val_loss", "val_mae"], h.Keys.ToArray());
        Assert.Equal(40, h["val_loss"].Count);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void ThreeClassSyntheticReachesHighAccuracyWithSparseAndOneHotLabels()
    {
        Keras.Utils.SetRandomSeed(7);
        var centers = tensor(new float[] { 0, 0, 3, 3, -3, 3 }).reshape(3, 2);
        var labels = randint(0, 3, [600]);
        var x = (centers.index_select(0, labels) + randn(600, 2) * 0.5).DetachFromDisposeScope();
        var sparse = Sequential().Add(Input(2)).Add(Dense(16, "relu")).Add(Dense(3, "softmax"));
        sparse.Compile("adam", "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var hs = sparse.Fit(x, labels, epochs: 30, batchSize: 32, verbose: 0);
        Assert.True(hs["accuracy"][^1] > 0.97, $"sparse accuracy {hs["accuracy"][^1]}");

        var onehot = Sequential().Add(Input(2)).Add(Dense(16, "relu")).Add(Dense(3, "softmax"));
        onehot.Compile("adam", "categorical_crossentropy", metrics: ["acc"]);
        var ho = onehot.Fit(x, Keras.Utils.ToCategorical(labels, 3), epochs: 30, batchSize: 32, verbose: 0);
        Assert.True(ho["acc"][^1] > 0.97, $"one-hot accuracy {ho["acc"][^1]}");
    }

    [Fact]
    public void SameSeedGivesIdenticalTraining()
    {
        double Run()
        {
            Keras.Utils.SetRandomSeed(123);
            var x = rand(64, 4);
            var y = x.sum([1L], keepdim: true);
            var m = Sequential().Add(Input(4)).Add(Dense(8, "relu")).Add(Dropout(0.3)).Add(Dense(1));
            m.Compile("sgd", "mse");
            return m.Fit(x, y, epochs: 3, batchSize: 8, verbose: 0)["loss"][^1];
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void LiveTensorCountIsTheSameAfterEpoch1AndEpoch5()
    {
        Keras.Utils.SetRandomSeed(5);
        var x = rand(256, 10);
        var y = Keras.Utils.ToCategorical(randint(0, 4, [256]), 4);
        var model = Sequential().Add(Input(10)).Add(Dense(32, "relu")).Add(Dropout(0.2)).Add(Dense(4, "softmax"));
        model.Compile("adam", "categorical_crossentropy", metrics: ["accuracy", "auc"]);
        var counts = new List<long>();
        var probe = new LambdaProbe(() => counts.Add(TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount));
        model.Fit(x, y, epochs: 5, batchSize: 16, verbose: 0, validationSplit: 0.2, callbacks: [probe]);
        Assert.Equal(5, counts.Count);
        Assert.Equal(counts[0], counts[4]);
    }

    [Fact]
    public void StreamOfBatchesTrainsAndStopTrainingFromCallbackEndsFit()
    {
        Keras.Utils.SetRandomSeed(9);
        var x = rand(100, 2);
        var y = x.sum([1L], keepdim: true);
        IEnumerable<(Tensor X, Tensor Y)> Batches()
        {
            for (int i = 0; i < 100; i += 25) yield return (x.narrow(0, i, 25), y.narrow(0, i, 25));
        }
        var model = Sequential().Add(Dense(4)).Add(Dense(1));
        model.Compile("adam", "mse");
        var stopper = new StopAfter(2);
        var h = model.Fit(Batches(), epochs: 10, verbose: 0, callbacks: [stopper]);
        Assert.Equal([0, 1], h.Epochs);
        Assert.True(model.Built);
        var scores = model.Evaluate(Batches(), verbose: 0);
        Assert.True(scores["loss"] >= 0);
        Assert.Equal(new long[] { 100, 1 }, model.Predict(Batches().Select(b => b.X), verbose: 0).shape);
    }

    [Fact]
    public void TrainOnBatchAndTestOnBatchReturnLogs()
    {
        var model = Sequential().Add(Input(2)).Add(Dense(1));
        model.Compile(new SGD(learningRate: 0.01), "mse");
        var x = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var y = tensor(new float[] { 1, 0 }).reshape(2, 1);
        double before = model.TestOnBatch(x, y)["loss"];
        model.ResetMetrics();
        double first = model.TrainOnBatch(x, y)["loss"];
        Assert.Equal(before, first, 5);
        model.ResetMetrics();
        Assert.True(model.TestOnBatch(x, y)["loss"] < before);
        Assert.Equal(new long[] { 2, 1 }, model.PredictOnBatch(x).shape);
    }

    [Fact]
    public void ClassWeightScalesEachSamplesLoss()
    {
        var x = tensor(new float[] { 0, 0 }).reshape(2, 1);
        var y = tensor(new float[] { 1, 0 }).reshape(2, 1);
        var model = Sequential().Add(Input(1)).Add(Dense(1, kernelInitializer: "zeros"));
        model.Compile(new SGD(learningRate: 0), "mse");
        // prediction 0 for both: squared errors [1, 0]; class 1 weighted 3 -> (3*1 + 1*0) / 2 = 1.5
        var logs = model.TrainOnBatch(x, y, classWeight: new Dictionary<int, double> { [1] = 3.0 });
        Assert.Equal(1.5, logs["loss"], 6);
        model.ResetMetrics();
        // sampleWeight [0.5, 2] -> (0.5*1 + 2*0) / 2 = 0.25
        Assert.Equal(0.25, model.TestOnBatch(x, y, sampleWeight: new float[] { 0.5f, 2 })["loss"], 6);
    }

    private sealed class LambdaProbe(Action onEpochEnd) : Callback
    {
        public override void OnEpochEnd(int epoch, Logs logs) => onEpochEnd();
    }

    private sealed class StopAfter(int epochs) : Callback
    {
        public override void OnEpochEnd(int epoch, Logs logs)
        {
            if (epoch + 1 >= epochs) Model!.StopTraining = true;
        }
    }
}
