using KerasSharp.Tests.TestSupport;
using KerasSharp.Data;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// <see cref="PyDataset"/> as Keras' keras.utils.PyDataset (keras/src/trainers/data_adapters/py_dataset_adapter.py):
/// Length batches per epoch by index, OnEpochEnd after each epoch, workers preparing batches ahead in order.
/// </summary>
[Collection(GlobalState.Name)]
public class PyDatasetTests
{
    private sealed class Slices(Tensor x, Tensor y, int batchSize, int workers = 1) : PyDataset(workers, maxQueueSize: 3)
    {
        public int EpochsEnded;
        public readonly List<int> Asked = [];
        public override int Length => (int)((x.size(0) + batchSize - 1) / batchSize);

        public override DataBatch GetItem(int index)
        {
            lock (Asked) Asked.Add(index);
            long start = (long)index * batchSize;
            long n = Math.Min(batchSize, x.size(0) - start);
            return (x.narrow(0, start, n), y.narrow(0, start, n));
        }

        public override void OnEpochEnd() => EpochsEnded++;
    }

    private static Model Small()
    {
        Keras.Utils.SetRandomSeed(21);
        var model = Sequential().Add(Input(3)).Add(Dense(4, "relu")).Add(Dense(1));
        model.Compile(new SGD(learningRate: 0.05), "mse");
        return model;
    }

    [Fact]
    public void FitEvaluateAndPredictOnAPyDatasetMatchTheArraysAndCallOnEpochEndEachEpoch()
    {
        var x = randn(18, 3);
        var y = randn(18, 1);
        var hArrays = Small().Fit(x, y, batchSize: 5, epochs: 3, shuffle: false, verbose: 0);
        var data = new Slices(x, y, 5);
        Assert.Equal(4, data.Count);
        var model = Small();
        var h = model.Fit(data, epochs: 3, shuffle: false, verbose: 0);
        Assert.Equal(hArrays["loss"], h["loss"]);
        Assert.Equal(3, data.EpochsEnded);
        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3], data.Asked);

        Assert.Equal(model.Evaluate(x, y, batchSize: 5, verbose: 0)["loss"], model.Evaluate(new Slices(x, y, 5), verbose: 0)["loss"], 6);
        // In-memory Predict may use its kernel copies (another matmul layout): equal to float32 rounding.
        Assert.True(allclose(model.Predict(x, batchSize: 5, verbose: 0), model.PredictBatches(new Slices(x, y, 5), verbose: 0)[0], rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void ShuffledEpochsAskForEveryBatchOnceInANewOrder()
    {
        var data = new Slices(randn(40, 3), randn(40, 1), 4);
        Small().Fit(data, epochs: 2, verbose: 0);
        Assert.Equal(20, data.Asked.Count);
        Assert.Equal(Enumerable.Range(0, 10), data.Asked.Take(10).Order());
        Assert.Equal(Enumerable.Range(0, 10), data.Asked.Skip(10).Order());
        Assert.NotEqual(Enumerable.Range(0, 10), data.Asked.Take(10));
    }

    [Fact]
    public void WorkersPrepareBatchesAheadWithTheSameResult()
    {
        var x = randn(30, 3);
        var y = randn(30, 1);
        var one = Small().Fit(new Slices(x, y, 4), epochs: 2, shuffle: false, verbose: 0);
        var threaded = new Slices(x, y, 4, workers: 3);
        var several = Small().Fit(threaded, epochs: 2, shuffle: false, verbose: 0);
        Assert.Equal(one["loss"], several["loss"]);
        Assert.Equal(2, threaded.EpochsEnded);
    }

    [Fact]
    public void PredictTakesAPyDatasetAsXAndYWithOneIsRefused()
    {
        var x = randn(9, 3);
        var y = randn(9, 1);
        var model = Small();
        var p = model.Predict(new Slices(x, y, 3), verbose: 0);   // Keras' model.predict(py_dataset)
        Assert.Equal(model.PredictBatches(new Slices(x, y, 3), verbose: 0)[0].data<float>().ToArray(), p.data<float>().ToArray());
        ModelData data = new Slices(x, y, 3);
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(data, y, verbose: 0));
        Assert.Equal("y", ex.ParamName);
        Assert.Contains("carry their own targets", ex.Message);
        Assert.Equal(model.Evaluate(new Slices(x, y, 3), verbose: 0)["loss"], model.Evaluate(data, null, verbose: 0)["loss"]);
    }

    [Fact]
    public void BadWorkerCountsAreRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Slices(ones(2, 3), ones(2, 1), 1, workers: 0));
        Assert.Equal("workers", ex.ParamName);
        Assert.Contains("received 0", ex.Message);
    }
}
