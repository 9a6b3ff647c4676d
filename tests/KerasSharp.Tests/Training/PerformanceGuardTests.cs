using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Optimizers;
using KerasSharp.Training;
using static KerasSharp.Keras;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Guards for issue 6 (performance and memory): no native tensor leaks across epochs or calls, and the fast paths
/// (<see cref="FastPaths"/>) give bitwise the same training as the plain code. No timings are asserted here; speed is
/// measured by <c>bench/</c>. Every test that flips the global switch lives in this class, so xunit runs them one at a
/// time; other classes running meanwhile are unaffected because both settings compute the same numbers.
/// </summary>
[Collection(GlobalState.Name)]
public class PerformanceGuardTests
{
    private static long LiveTensors() => TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    private static (Tensor X, Tensor Y) Data(int seed, int n = 240, int features = 12, int classes = 3)
    {
        Keras.Utils.SetRandomSeed(seed);
        var x = rand(n, features).DetachFromDisposeScope();
        var y = Keras.Utils.ToCategorical(randint(0, classes, [n]), classes).DetachFromDisposeScope();
        return (x, y);
    }

    private static Sequential Mlp(int features = 12, int classes = 3) =>
        Sequential().Add(Input(features)).Add(Dense(16, "relu")).Add(Dropout(0.2)).Add(Dense(classes, "softmax"));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LiveTensorCountAfterEpoch2EqualsAfterEpoch6(bool fastPaths)
    {
        bool before = FastPaths.Enabled;
        FastPaths.Enabled = fastPaths;
        try
        {
            var (x, y) = Data(11);
            var model = Mlp();
            model.Compile("adam", "categorical_crossentropy", metrics: ["accuracy", "mae"]);
            var counts = new List<long>();
            var probe = new EpochEndProbe(() => counts.Add(LiveTensors()));
            model.Fit(x, y, batchSize: 16, epochs: 6, verbose: 0, validationSplit: 0.25, callbacks: [probe]);
            Assert.Equal(6, counts.Count);
            Assert.Equal(counts[1], counts[5]); // after epoch 2 == after epoch 6: nothing per epoch or per batch is kept
        }
        finally
        {
            FastPaths.Enabled = before;
        }
    }

    [Fact]
    public void LiveTensorCountDoesNotGrowAcrossEvaluateAndPredictCalls()
    {
        var (x, y) = Data(12);
        var model = Mlp();
        model.Compile("rmsprop", "categorical_crossentropy", metrics: ["accuracy"]);
        model.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0);
        void Round()
        {
            model.Evaluate(x, y, batchSize: 32, verbose: 0);
            model.Predict(x, batchSize: 32, verbose: 0).Dispose();
        }
        Round();
        Round();
        long afterTwo = LiveTensors();
        for (int i = 0; i < 4; i++) Round();
        Assert.Equal(afterTwo, LiveTensors());
    }

    [Fact]
    public void FitWithFastPathsOnAndOffGivesBitwiseIdenticalWeightsAndHistory()
    {
        var on = Train(fastPaths: true, Adam);
        var off = Train(fastPaths: false, Adam);
        AssertBitwiseEqual(off, on);
        static Optimizer Adam() => new Adam(learningRate: 0.01);
    }

    [Fact]
    public void FitWithFastPathsOnAndOffIsBitwiseIdenticalWithSampleWeightsRmspropMomentumAndSgd()
    {
        AssertBitwiseEqual(Train(false, () => new RMSprop(momentum: 0.5), weighted: true), Train(true, () => new RMSprop(momentum: 0.5), weighted: true));
        AssertBitwiseEqual(Train(false, () => new SGD(learningRate: 0.05, momentum: 0.9), weighted: true), Train(true, () => new SGD(learningRate: 0.05, momentum: 0.9), weighted: true));
    }

    [Fact]
    public void OptimizerReleasingGradientsMatchesZeroingThemWhenAVariableMissesAGradient()
    {
        // Two copies of the same variables; one optimizer zeroes gradients, the other releases them. In step 2 the
        // first variable receives no gradient: zeroing leaves a zero gradient (momentum still moves the variable), and
        // releasing must behave the same.
        Keras.Utils.SetRandomSeed(3);
        var init = new[] { randn(4, 3), randn(3) };
        var g1 = new[] { randn(4, 3), randn(3) };
        var g2 = randn(3);
        var zeroing = init.Select(t => new Parameter(t.clone())).ToList();
        var releasing = init.Select(t => new Parameter(t.clone())).ToList();
        var optZero = new Adam(learningRate: 0.1);
        var optRelease = new Adam(learningRate: 0.1);

        for (int i = 0; i < 2; i++) { zeroing[i].grad = g1[i].clone(); releasing[i].grad = g1[i].clone(); }
        optZero.Apply(zeroing, releaseGradients: false);
        optRelease.Apply(releasing, releaseGradients: true);
        Assert.NotNull(zeroing[0].grad);
        Assert.Null(releasing[0].grad);

        // Step 2: only the second variable gets a gradient (as backward adds into the zeroed one, or stores it fresh).
        zeroing[1].grad!.add_(g2);
        releasing[1].grad = g2.clone();
        optZero.Apply(zeroing, releaseGradients: false);
        optRelease.Apply(releasing, releaseGradients: true);

        for (int i = 0; i < 2; i++) AssertSameBits(zeroing[i], releasing[i]);
        Assert.False(init[0].eq(releasing[0]).all().item<bool>()); // the gradient-less variable still moved (momentum)
        Assert.Equal(2, optRelease.Iterations);
    }

    [Fact]
    public void NonFiniteDataGivesTheSameErrorWithFastPathsOnAndOff()
    {
        var x = rand(50, 4);
        x[17, 2] = tensor(float.NaN);
        var y = rand(50, 1);
        string Message(bool fast)
        {
            bool before = FastPaths.Enabled;
            FastPaths.Enabled = fast;
            try
            {
                var model = Sequential().Add(Input(4)).Add(Dense(1));
                model.Compile("sgd", "mse");
                return Assert.Throws<ArgumentException>(() => model.Fit(x, y, epochs: 1, verbose: 0)).Message;
            }
            finally
            {
                FastPaths.Enabled = before;
            }
        }
        var off = Message(false);
        Assert.Contains("NaN in sample 17", off);
        Assert.Equal(off, Message(true));
    }

    private sealed record Run(float[][] Weights, Dictionary<string, double[]> History, Dictionary<string, double> Evaluation);

    private static Run Train(bool fastPaths, Func<Optimizer> optimizer, bool weighted = false)
    {
        bool before = FastPaths.Enabled;
        FastPaths.Enabled = fastPaths;
        try
        {
            var (x, y) = Data(21, n: 200);
            var sw = weighted ? (rand(200) + 0.5).DetachFromDisposeScope() : null;
            Keras.Utils.SetRandomSeed(99); // same initial weights, dropout masks and shuffles in both runs
            var model = Mlp();
            model.Compile(optimizer(), "categorical_crossentropy", metrics: ["accuracy", "mae"],
                weightedMetrics: weighted ? ["categorical_accuracy", "mse"] : null);
            var history = model.Fit(x, y, batchSize: 16, epochs: 3, verbose: 0, validationSplit: 0.2, sampleWeight: sw);
            model.TrainOnBatch(x.narrow(0, 0, 8), y.narrow(0, 0, 8));
            var evaluation = model.Evaluate(x, y, batchSize: 64, verbose: 0).ToDictionary();
            var weights = model.Weights.Select(w => w.detach().contiguous().data<float>().ToArray()).ToArray();
            return new Run(weights, history.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), evaluation);
        }
        finally
        {
            FastPaths.Enabled = before;
        }
    }

    private static void AssertBitwiseEqual(Run expected, Run actual)
    {
        Assert.Equal(expected.Weights.Length, actual.Weights.Length);
        for (int i = 0; i < expected.Weights.Length; i++)
            Assert.Equal(expected.Weights[i].Select(BitConverter.SingleToInt32Bits), actual.Weights[i].Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(expected.History.Keys, actual.History.Keys);
        Assert.True(expected.History.Count >= 4, "history should hold loss, metrics and their val_ versions");
        foreach (var (key, values) in expected.History)
            Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), actual.History[key].Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.Evaluation.Keys, actual.Evaluation.Keys);
        foreach (var (key, value) in expected.Evaluation)
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(actual.Evaluation[key]));
    }

    private static void AssertSameBits(Tensor expected, Tensor actual) =>
        Assert.Equal(expected.detach().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits),
            actual.detach().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));

    [Fact]
    public void PredictAndEvaluateWithFastPathsOnAndOffGiveBitwiseIdenticalResults()
    {
        // On: several batches per forward pass (InferenceMerging), grouped loss and metric updates, kernel copies.
        // Off: one batch at a time, updated one by one.
        var (x, y) = Data(31, n: 2000, features: 784, classes: 10);
        Keras.Utils.SetRandomSeed(32);
        var model = Sequential().Add(Input(784)).Add(Dense(64, "relu")).Add(Dropout(0.2)).Add(Dense(10, "softmax"));
        model.Compile("adam", "categorical_crossentropy", metrics: ["accuracy", "mse"]);
        model.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0);
        (Tensor Predicted, IReadOnlyDictionary<string, double> Evaluated) Run(bool fast)
        {
            bool before = FastPaths.Enabled;
            FastPaths.Enabled = fast;
            try
            {
                Assert.Equal(fast ? 16 : 1, InferenceMerging.BatchesPerPass(model, 32, 2000 / 32,
                    new CallbackList(null, model, new Dictionary<string, object?>(), null, 0)));
                return (model.Predict(x, batchSize: 32, verbose: 0), model.Evaluate(x, y, batchSize: 32, verbose: 0));
            }
            finally
            {
                FastPaths.Enabled = before;
            }
        }
        var off = Run(false);
        var on = Run(true);
        AssertSameBits(off.Predicted, on.Predicted);
        Assert.Equal(off.Evaluated.Keys, on.Evaluated.Keys);
        foreach (var (key, value) in off.Evaluated)
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(on.Evaluated[key]));
    }

    [Fact]
    public void PredictLeavesATensorTheModelReturnsButDoesNotOwnUsable()
    {
        // Predict skips the CPU/float32 copies when the output already is one; it must still not dispose the model's
        // own tensor (here a Lambda's captured constant, returned as is).
        var constant = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var model = Sequential().Add(Input([2])).Add(Lambda(_ => constant, outputShape: [2]));
        var predicted = model.Predict(zeros(2, 2), verbose: 0);
        Assert.False(constant.IsInvalid);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, constant.data<float>().ToArray());
        Assert.Equal(new float[] { 1, 2, 3, 4 }, predicted.data<float>().ToArray());
    }

    [Fact]
    public void PredictOverSeveralBatchesOfAModelReturningItsInputLeavesTheInputUsable()
    {
        // The batch views belong to Predict, not to the batch: an output that is the view itself must be aliased.
        var x = randn(10, 3);
        var model = Sequential().Add(Input([3])).Add(Lambda(t => t, outputShape: [3]));
        var predicted = model.Predict(x, batchSize: 4, verbose: 0);
        Assert.True(predicted.eq(x).all().item<bool>());
        Assert.False(x.IsInvalid);
        Assert.True(model.Predict(x, batchSize: 4, verbose: 0).eq(x).all().item<bool>());
    }

    [Fact]
    public void PredictAllWithTheSameTensorAsTwoOutputsGivesTwoUsableResults()
    {
        // The batch's own output is handed over once; the second output naming the same tensor gets its own handle.
        Keras.Utils.SetRandomSeed(4);
        var input = Input([3]);
        var hidden = Dense(2).Apply(input);
        var model = new Model(input, [hidden, hidden]);
        var x = randn(5, 3);
        var outputs = model.PredictAll(x, batchSize: 2, verbose: 0);
        Tensor expected;
        using (no_grad()) expected = model.ApplyAll([x])[0];
        Assert.Equal(2, outputs.Count);
        foreach (var o in outputs)
            Assert.True(o.allclose(expected, rtol: 1e-6, atol: 1e-6));
        outputs[0].Dispose();
        Assert.True(outputs[1].allclose(expected, rtol: 1e-6, atol: 1e-6)); // not freed with the first
    }

    [Fact]
    public void EvaluateOfAModelReturningItsInputLeavesTheDataUsableAndAveragesEveryBatch()
    {
        // Evaluate makes each batch view inside the batch's scope and keeps the outputs of many batches: the views it
        // keeps must be its own, and the data must stay intact.
        var x = tensor(Enumerable.Range(0, 40).Select(i => (float)i).ToArray()).reshape(20, 2);
        var y = zeros(20, 2);
        var model = Sequential().Add(Input([2])).Add(Lambda(t => t, outputShape: [2]));
        model.Compile("sgd", "mse");
        double expected = x.pow(2).mean().item<float>();
        double loss = model.Evaluate(x, y, batchSize: 4, verbose: 0)["loss"];
        Assert.Equal(expected, loss, 4);
        Assert.False(x.IsInvalid);
        Assert.Equal(39f, x[19, 1].item<float>());
        Assert.Equal(loss, model.Evaluate(x, y, batchSize: 4, verbose: 0)["loss"]);
    }

    private sealed class EpochEndProbe(Action onEpochEnd) : Callback
    {
        public override void OnEpochEnd(int epoch, Logs logs) => onEpochEnd();
    }
}
