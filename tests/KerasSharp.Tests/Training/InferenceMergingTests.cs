using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Internal;
using KerasSharp.Layers;
using KerasSharp.Training;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Predict and Evaluate passing several full batches through a row-wise model at once (<see cref="InferenceMerging"/>)
/// against the batch-by-batch loop, forced here by a callback that overrides the batch hooks: outputs and logged values
/// must be bitwise the same, for every batch size, with partial last batches, few-unit and wide Dense layers.
/// </summary>
[Collection(GlobalState.Name)]
public class InferenceMergingTests
{
    /// <summary>Overrides the inference batch hooks, which keeps Predict and Evaluate batch by batch.</summary>
    private sealed class BatchCounter : Callback
    {
        public int PredictBatches { get; private set; }
        public int TestBatches { get; private set; }

        public override void OnPredictBatchEnd(int batch, Logs logs) => PredictBatches++;

        public override void OnTestBatchEnd(int batch, Logs logs) => TestBatches++;
    }

    private static CallbackList NoCallbacks(Model model, int verbose = 0) =>
        new(null, model, new Dictionary<string, object?>(), null, verbose);

    private static Sequential Mlp(int features, params Layer[] layers)
    {
        var model = Sequential().Add(Input(features));
        foreach (var l in layers) model.Add(l);
        return model;
    }

    private static void AssertBitwiseEqual(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(expected.eq(actual).all().item<bool>(),
            $"{what}: max difference {(expected - actual).abs().max().item<float>():R}");
    }

    // Predict merged (no callbacks) and batch by batch (a callback overriding the batch hooks), checking that the merged
    // run does merge and the other sees every batch.
    private static void AssertPredictSameBits(Sequential model, Tensor x, int batchSize)
    {
        long n = x.size(0);
        Assert.True(InferenceMerging.BatchesPerPass(model, batchSize, n / batchSize, NoCallbacks(model)) > 1 || n / batchSize < 2,
            $"batch size {batchSize}: expected several batches per pass");
        var counter = new BatchCounter();
        using var perBatch = model.Predict(x, batchSize: batchSize, verbose: 0, callbacks: [counter]);
        Assert.Equal((n + batchSize - 1) / batchSize, counter.PredictBatches);
        using var merged = model.Predict(x, batchSize: batchSize, verbose: 0);
        AssertBitwiseEqual(perBatch, merged, $"Predict, batch size {batchSize}");
    }

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(32)]
    [InlineData(100)]
    [InlineData(128)]
    [InlineData(256)]
    public void PredictMergedPassesGiveTheBatchByBatchBits(int batchSize)
    {
        Keras.Utils.SetRandomSeed(3);
        using var scope = NewDisposeScope();
        var x = rand(1037, 784);
        // Wide Dense layers, Dropout, an Activation layer.
        var wide = Mlp(784, Dense(128, "relu"), Dropout(0.3), Dense(64, "leaky_relu"), Dense(10), Activation("softmax"));
        AssertPredictSameBits(wide, x, batchSize);
        // A few-unit Dense layer on 784 inputs: at 11 rows and more it uses its transposed form.
        var fewUnits = Mlp(784, Dense(3, "relu6"), Dense(2, "log_softmax"));
        AssertPredictSameBits(fewUnits, x, batchSize);
        // ReLU and Softmax layers, a few-unit layer on few inputs (its (units, in) copy), no bias.
        var small = Mlp(784, Dense(16, useBias: false), new ReLU(), Dense(5), new Softmax());
        AssertPredictSameBits(small, x, batchSize);
    }

    [Fact]
    public void PredictFlattenOfImagesGivesTheBatchByBatchBits()
    {
        Keras.Utils.SetRandomSeed(4);
        using var scope = NewDisposeScope();
        var x = rand(300, 7, 9);
        var model = Sequential().Add(Input([7, 9])).Add(Flatten()).Add(Dense(32, "relu")).Add(Dense(4, "softmax"));
        AssertPredictSameBits(model, x, 16);
    }

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData(8)]
    [InlineData(32)]
    [InlineData(96)]
    public void EvaluateMergedPassesGiveTheBatchByBatchBits(int batchSize)
    {
        Keras.Utils.SetRandomSeed(5);
        using var scope = NewDisposeScope();
        var x = randn(1001, 40);
        var yHot = Keras.Utils.ToCategorical(x.narrow(1, 0, 6).argmax(1), 6);
        var model = Mlp(40, Dense(32, "relu"), Dropout(0.5), Dense(6, "softmax"));
        model.Compile("adam", "categorical_crossentropy", ["accuracy", "mse",
            new KerasSharp.Metrics.MeanMetricWrapper((t, p) => (t - p).abs().amax([1L]), "custom_max_error")]);
        model.Fit(x, yHot, batchSize: 32, epochs: 1, verbose: 0);
        Assert.True(InferenceMerging.BatchesPerPass(model, batchSize, 1001 / batchSize, NoCallbacks(model)) > 1);
        var counter = new BatchCounter();
        var perBatch = model.Evaluate(x, yHot, batchSize: batchSize, verbose: 0, callbacks: [counter]);
        Assert.Equal((1001 + batchSize - 1) / batchSize, counter.TestBatches);
        var merged = model.Evaluate(x, yHot, batchSize: batchSize, verbose: 0);
        Assert.Equal(perBatch.Keys, merged.Keys);
        foreach (var (key, value) in perBatch)
            Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(merged[key]),
                $"{key}: batch by batch {value:R}, merged {merged[key]:R}");
    }

    [Fact]
    public void EvaluateWithStepsStopsAtTheSameBatch()
    {
        Keras.Utils.SetRandomSeed(6);
        using var scope = NewDisposeScope();
        var x = randn(640, 10);
        var y = x.sum(1, keepdim: true);
        var model = Mlp(10, Dense(8, "relu"), Dense(1));
        model.Compile("sgd", "mse", ["mae"]);
        var limited = model.Evaluate(x, y, batchSize: 16, verbose: 0, steps: 5);
        var firstRows = model.Evaluate(x.narrow(0, 0, 80), y.narrow(0, 0, 80), batchSize: 16, verbose: 0,
            callbacks: [new BatchCounter()]);
        Assert.Equal(firstRows["loss"], limited["loss"]);
        Assert.Equal(firstRows["mae"], limited["mae"]);
    }

    [Fact]
    public void BatchesPerPassFillsUpTo512Rows()
    {
        var model = Mlp(784, Dense(128, "relu"), Dense(10, "softmax"));
        Assert.Equal(16, InferenceMerging.BatchesPerPass(model, 32, 1875, NoCallbacks(model)));
        Assert.Equal(4, InferenceMerging.BatchesPerPass(model, 128, 468, NoCallbacks(model)));
        Assert.Equal(3, InferenceMerging.BatchesPerPass(model, 32, 3, NoCallbacks(model))); // no more than the full batches
        Assert.Equal(1, InferenceMerging.BatchesPerPass(model, 300, 100, NoCallbacks(model))); // two would pass 512 rows
        Assert.Equal(1, InferenceMerging.BatchesPerPass(model, 4, 1000, NoCallbacks(model))); // too few rows a batch
        Assert.Equal(1, InferenceMerging.BatchesPerPass(model, 32, 1, NoCallbacks(model)));
        // The progress bar only draws: it does not keep batches apart.
        Assert.Equal(16, InferenceMerging.BatchesPerPass(model, 32, 1875, NoCallbacks(model, verbose: 1)));
        var counting = new CallbackList([new BatchCounter()], model, new Dictionary<string, object?>(), null, 0);
        Assert.Equal(1, InferenceMerging.BatchesPerPass(model, 32, 1875, counting));
    }

    [Fact]
    public void BatchesPerPassKeepsWideLayersWithin1MElements()
    {
        var model = Mlp(8, Dense(20000, "relu"), Dense(2));
        Assert.Equal(1, InferenceMerging.BatchesPerPass(model, 32, 100, NoCallbacks(model))); // 2 x 32 x 20000 > 2^20
        Assert.Equal(3, InferenceMerging.BatchesPerPass(model, 16, 100, NoCallbacks(model))); // 2^20 / (16 x 20000) = 3
    }

    [Fact]
    public void BatchesPerPassIsOneForLayersThatMayMixRows()
    {
        Layer[][] notRowWise =
        [
            [Lambda(t => t - t.sum([0L], keepdim: true)), Dense(4)], // mixes the rows of the batch
            [Dense(4, activation: new KerasSharp.Activations.ActivationFunction("mine", t => t.softmax(0)))], // a user's activation
            [Dense(4), new Softmax(axis: 0)], // softmax over the batch axis
            [Dense(4, "sigmoid")], [Dense(4), Activation("tanh")], // vector and scalar code round differently
            [Dense(4), BatchNormalization()], // not declared row-wise (yet)
            [new MyDense(4)], // a user's subclass of a built-in layer
        ];
        foreach (var layers in notRowWise)
        {
            var model = Mlp(6, layers);
                Assert.Equal(1, InferenceMerging.BatchesPerPass(model, 32, 100, NoCallbacks(model)));
        }
        var functionalInput = Input(6);
        var functional = new Model(functionalInput, Dense(3).Apply(functionalInput));
        Assert.Equal(1, InferenceMerging.BatchesPerPass(functional, 32, 100, NoCallbacks(functional)));
    }

    private sealed class MyDense(int units) : Dense(units)
    {
        protected override Tensor Call(Tensor x, bool training) => base.Call(x, training) - x.mean();
    }

    [Fact]
    public void BatchRowsIsTheUsersBatchOnlyInsideAMergedPass()
    {
        using var frozen = new FrozenWeights(100_000);
        Assert.Equal(512, FrozenWeights.BatchRows(512));
        Assert.Equal(32L, frozen.During(() => FrozenWeights.BatchRows(512), batchRows: 32));
        Assert.Equal(512L, frozen.During(() => FrozenWeights.BatchRows(512)));
        Assert.Equal(512, FrozenWeights.BatchRows(512));
    }

    [Fact]
    public void PredictWithProgressBarCountsEveryBatch()
    {
        Keras.Utils.SetRandomSeed(7);
        using var scope = NewDisposeScope();
        var x = rand(1000, 20);
        var model = Mlp(20, Dense(10, "relu"), Dense(2, "softmax"));
        var output = new StringWriter();
        using var predicted = model.Predict(x, batchSize: 32, verbose: 1, callbacks: [new ProgbarLogger(output, dynamicDisplay: false)]);
        Assert.Equal(1000, predicted.size(0));
        Assert.Contains("32/32", output.ToString());
    }
}
