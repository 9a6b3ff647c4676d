using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Data;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Streams of <see cref="DataBatch"/>es (Keras' dataset and generator adapters: batches of x, (x, y) or (x, y, w), where x
/// and y may be lists or dicts) and <c>validationSteps</c>. A stream of the batches Fit would slice from arrays trains
/// to bitwise the same weights, since each step computes the same thing.
/// </summary>
[Collection(GlobalState.Name)]
public class StreamDataTests
{
    private static Model Small(int seed = 11)
    {
        Keras.Utils.SetRandomSeed(seed);
        var model = Sequential().Add(Input(3)).Add(Dense(4, "tanh")).Add(Dense(1));
        model.Compile(new SGD(learningRate: 0.1), "mse", metrics: ["mae"]);
        return model;
    }

    private static IEnumerable<DataBatch> Batches(Tensor x, Tensor y, Tensor? w, int batchSize)
    {
        for (long s = 0; s < x.size(0); s += batchSize)
        {
            long n = Math.Min(batchSize, x.size(0) - s);
            yield return w is null ? (x.narrow(0, s, n), y.narrow(0, s, n)) : (x.narrow(0, s, n), y.narrow(0, s, n), w.narrow(0, s, n));
        }
    }

    [Fact]
    public void AStreamWithSampleWeightsTrainsAsFitOnArraysWithSampleWeight()
    {
        var x = randn(22, 3);
        var y = randn(22, 1);
        var w = rand(22) * 2;
        var arrays = Small();
        var hArrays = arrays.Fit(x, y, batchSize: 8, epochs: 3, shuffle: false, sampleWeight: w, verbose: 0);
        var stream = Small();
        var hStream = stream.Fit(Batches(x, y, w, 8), epochs: 3, verbose: 0);
        Assert.Equal(hArrays["loss"], hStream["loss"]);
        Assert.Equal(hArrays["mae"], hStream["mae"]);
        Assert.Equal(arrays.GetWeights()[0].data<float>().ToArray(), stream.GetWeights()[0].data<float>().ToArray());
        // The weights matter: the unweighted stream trains differently.
        Assert.NotEqual(hStream["loss"][0], Small().Fit(Batches(x, y, null, 8), verbose: 0)["loss"][0]);
        // Evaluate on the weighted stream is Evaluate with sampleWeight.
        Assert.Equal(arrays.Evaluate(x, y, batchSize: 8, sampleWeight: w, verbose: 0)["loss"],
            arrays.Evaluate(Batches(x, y, w, 8), verbose: 0)["loss"], 6);
    }

    [Fact]
    public void AStreamOfTwoInputBatchesByListOrNameTrainsAsArraysDo()
    {
        Model TwoInputs()
        {
            ClearSession();
            Keras.Utils.SetRandomSeed(12);
            var a = Input(3, name: "a");
            var b = Input(2, name: "b");
            var model = new Model([a, b], Dense(1).Apply(Concatenate().Apply([a, b])));
            model.Compile(new SGD(learningRate: 0.1), "mse");
            return model;
        }
        var xa = randn(12, 3);
        var xb = randn(12, 2);
        var y = randn(12, 1);
        var hArrays = TwoInputs().Fit(new[] { xa, xb }, y, batchSize: 4, epochs: 2, shuffle: false, verbose: 0);
        IEnumerable<DataBatch> ByList() => Enumerable.Range(0, 3).Select(i => (DataBatch)(new[] { xa.narrow(0, i * 4, 4), xb.narrow(0, i * 4, 4) }, new[] { y.narrow(0, i * 4, 4) }));
        IEnumerable<DataBatch> ByName() => Enumerable.Range(0, 3).Select(i => new DataBatch(
            new Dictionary<string, Tensor> { ["b"] = xb.narrow(0, i * 4, 4), ["a"] = xa.narrow(0, i * 4, 4) }, y.narrow(0, i * 4, 4)));
        Assert.Equal(hArrays["loss"], TwoInputs().Fit(ByList(), epochs: 2, verbose: 0)["loss"]);
        var model = TwoInputs();
        Assert.Equal(hArrays["loss"], model.Fit(ByName(), epochs: 2, verbose: 0)["loss"]);
        var p = model.PredictBatches(ByName(), verbose: 0);
        Assert.Equal(model.Predict(new[] { xa, xb }, verbose: 0).data<float>().ToArray(), p[0].data<float>().ToArray());
    }

    private sealed class TestBatchCounter : Callback
    {
        public int Batches;
        public override void OnTestBatchEnd(int batch, Logs logs) => Batches++;
    }

    [Fact]
    public void ValidationStepsLimitsTheValidationBatchesOfEveryForm()
    {
        var x = randn(20, 3);
        var y = randn(20, 1);
        var model = Small();
        var counter = new TestBatchCounter();
        var h = model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, validationData: (x, y), validationSteps: 2, callbacks: [counter]);
        Assert.Equal(4, counter.Batches);   // 2 epochs x 2 validation batches (not 5)
        // val_loss after the last epoch is the loss on the first two batches of 4 rows.
        Assert.Equal(model.Evaluate(x.narrow(0, 0, 8), y.narrow(0, 0, 8), batchSize: 4, verbose: 0)["loss"], h["val_loss"][^1], 6);

        var streamed = new TestBatchCounter();
        Small().Fit(Batches(x, y, null, 4), epochs: 1, verbose: 0, validationData: Batches(x, y, null, 4), validationSteps: 3, callbacks: [streamed]);
        Assert.Equal(3, streamed.Batches);

        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => Small().Fit(x, y, verbose: 0, validationData: (x, y), validationSteps: 0));
        Assert.Equal("validationSteps", bad.ParamName);
    }

    [Fact]
    public void AStreamWithoutTargetsIsRefusedForAModelWhoseLossNeedsThem()
    {
        var ex = Assert.Throws<ArgumentException>(() => Small().Fit(new DataBatch[] { new(ones(4, 3)) }, verbose: 0));
        Assert.Equal("y", ex.ParamName);
        Assert.Contains("y must not be null", ex.Message);
    }
}
