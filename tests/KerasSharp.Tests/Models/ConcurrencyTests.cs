using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Layers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>Models are not thread-safe: a second concurrent call on one model fails at once with a clear message, and
/// building is synchronised so that concurrent first calls build once.</summary>
[Collection(GlobalState.Name)]
public class ConcurrencyTests
{
    private const string NotThreadSafe = "KerasSharp models are not thread-safe: use one model per thread or serialize the calls";

    private static (Sequential Model, Tensor X, Tensor Y) Compiled()
    {
        Keras.Utils.SetRandomSeed(3);
        var model = Sequential().Add(Input(4)).Add(Dense(5, "relu")).Add(Dense(2));
        model.Compile("sgd", "mse", metrics: ["mae"]);
        var g = new TorchSharp.torch.Generator(11);
        return (model, randn([40, 4], generator: g), randn([40, 2], generator: g));
    }

    /// <summary>Holds the first Evaluate inside its run until released.</summary>
    private sealed class Gate : Callback
    {
        public readonly ManualResetEventSlim Entered = new();
        public readonly ManualResetEventSlim Release = new();
        public override void OnTestBatchBegin(int batch, Logs logs)
        {
            Entered.Set();
            Release.Wait(TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public void EvaluateFromAnotherThreadWhileOneRunsFailsAtOnceAndTheRunningOneIsCorrect()
    {
        var (model, x, y) = Compiled();
        var expected = model.Evaluate(x, y, batchSize: 8, verbose: 0);
        var gate = new Gate();
        IReadOnlyDictionary<string, double>? first = null;
        var t0 = new Thread(() => first = model.Evaluate(x, y, batchSize: 8, verbose: 0, callbacks: [gate]));
        t0.Start();
        Assert.True(gate.Entered.Wait(TimeSpan.FromSeconds(20)));
        var errors = new Exception?[3];
        var others = Enumerable.Range(0, 3).Select(i => new Thread(() =>
        {
            try { model.Evaluate(x, y, batchSize: 8, verbose: 0); }
            catch (Exception e) { errors[i] = e; }
        })).ToArray();
        foreach (var t in others) t.Start();
        foreach (var t in others) Assert.True(t.Join(TimeSpan.FromSeconds(20)));
        gate.Release.Set();
        Assert.True(t0.Join(TimeSpan.FromSeconds(20)));

        Assert.Equal(expected, first);
        foreach (var e in errors)
        {
            var ex = Assert.IsType<InvalidOperationException>(e);
            Assert.Contains($"Model \"{model.Name}\" is already running Evaluate on another thread", ex.Message);
            Assert.Contains(NotThreadSafe, ex.Message);
        }
        Assert.Equal(expected, model.Evaluate(x, y, batchSize: 8, verbose: 0)); // the guard is released
    }

    [Fact]
    public void FourThreadsEvaluatingEachGetsTheRightNumbersOrTheException()
    {
        var (model, x, y) = Compiled();
        var expected = model.Evaluate(x, y, batchSize: 8, verbose: 0);
        int refused = 0, done = 0;
        var start = new Barrier(4);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 25; i++)
            {
                try
                {
                    var r = model.Evaluate(x, y, batchSize: 8, verbose: 0);
                    foreach (var (k, v) in expected)
                        if (Math.Abs(r[k] - v) > 1e-12 * Math.Max(1, Math.Abs(v))) failures.Add($"{k}: {r[k]} instead of {v}");
                    Interlocked.Increment(ref done);
                }
                catch (InvalidOperationException e) when (e.Message.Contains(NotThreadSafe))
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(60)));
        Assert.Empty(failures);
        Assert.Equal(100, done + refused);
        Assert.True(done > 0);
    }

    [Fact]
    public void AnyCallFromAnotherThreadIsRefusedWhileFitRuns()
    {
        var (model, x, y) = Compiled();
        var entered = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var hold = new LambdaCallback(onTrainBatchBegin: (_, _) => { entered.Set(); release.Wait(TimeSpan.FromSeconds(20)); });
        var fit = new Thread(() => model.Fit(x, y, batchSize: 40, epochs: 1, verbose: 0, callbacks: [hold]));
        fit.Start();
        Assert.True(entered.Wait(TimeSpan.FromSeconds(20)));
        var calls = new (string Name, Action Call)[]
        {
            ("Predict", () => model.Predict(x, verbose: 0)),
            ("PredictAll", () => model.PredictAll(x, verbose: 0)),
            ("PredictOnBatch", () => model.PredictOnBatch(x)),
            ("TrainOnBatch", () => model.TrainOnBatch(x, y)),
            ("TestOnBatch", () => model.TestOnBatch(x, y)),
            ("Fit", () => model.Fit(x, y, verbose: 0)),
            ("Evaluate", () => model.Evaluate(x, y, verbose: 0)),
            ("ResetMetrics", () => model.ResetMetrics()),
            ("SaveWeights", () => model.SaveWeights(Path.Combine(Path.GetTempPath(), $"ks-{Guid.NewGuid():N}.weights.h5"))),
            ("Save", () => model.Save(Path.Combine(Path.GetTempPath(), $"ks-{Guid.NewGuid():N}.keras"))),
            ("SetWeights", () => model.SetWeights(model.GetWeights())),
        };
        try
        {
            foreach (var (name, call) in calls)
            {
                Exception? error = null;
                var t = new Thread(() => { try { call(); } catch (Exception e) { error = e; } });
                t.Start();
                Assert.True(t.Join(TimeSpan.FromSeconds(20)));
                var ex = Assert.IsType<InvalidOperationException>(error);
                Assert.Contains($"is already running Fit on another thread, so {name} cannot run now", ex.Message);
            }
        }
        finally
        {
            release.Set();
            Assert.True(fit.Join(TimeSpan.FromSeconds(20)));
        }
    }

    [Fact]
    public void ACallbackMayCallTheModelOnItsOwnThread()
    {
        var (model, x, y) = Compiled();
        Tensor? predicted = null;
        var cb = new LambdaCallback(onEpochEnd: (_, _) => predicted = model.Predict(x, verbose: 0));
        model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [cb]);
        Assert.NotNull(predicted);
        Assert.Equal([40L, 2], predicted!.shape);
    }

    [Fact]
    public void AFailedCallReleasesTheModel()
    {
        var (model, x, y) = Compiled();
        Assert.Throws<ArgumentException>(() => model.Evaluate(ones(3, 7), y, verbose: 0));
        IReadOnlyDictionary<string, double>? r = null;
        var t = new Thread(() => r = model.Evaluate(x, y, verbose: 0));
        t.Start();
        Assert.True(t.Join(TimeSpan.FromSeconds(20)));
        Assert.NotNull(r);
    }

    /// <summary>A layer whose build is slow, so that concurrent first calls overlap inside it.</summary>
    private sealed class SlowBuild : Layer
    {
        public static int Builds;
        private Tensor? w;
        protected override void Build(Shape inputShape)
        {
            Interlocked.Increment(ref Builds);
            Thread.Sleep(100);
            w = AddWeight("bias", [inputShape[^1]], initializer: "ones");
        }
        protected override Tensor Call(Tensor x, bool training) => x + w!;
    }

    [Fact]
    public void ConcurrentFirstPredictOnAnUnbuiltModelBuildsOnce()
    {
        for (int round = 0; round < 3; round++)
        {
            var model = Sequential().Add(Dense(3)).Add(Dense(2)); // no Input: built by the first call
            var x = ones(5, 4);
            var start = new Barrier(4);
            var results = new object?[4];
            var threads = Enumerable.Range(0, 4).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try { results[i] = model.Predict(x, verbose: 0); }
                catch (Exception e) { results[i] = e; }
            })).ToArray();
            foreach (var t in threads) t.Start();
            foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(30)));
            var reference = model.Predict(x, verbose: 0);
            Assert.Equal(4, model.Weights.Count);
            foreach (var r in results)
            {
                if (r is Exception e)
                    Assert.Contains(NotThreadSafe, Assert.IsType<InvalidOperationException>(e).Message);
                else
                    Assert.Equal(reference.data<float>().ToArray(), ((Tensor)r!).data<float>().ToArray());
            }
        }
    }

    [Fact]
    public void ConcurrentFirstApplyOnAnUnbuiltLayerBuildsOnce()
    {
        SlowBuild.Builds = 0;
        var layer = new SlowBuild();
        var start = new Barrier(4);
        var outputs = new Tensor?[4];
        var threads = Enumerable.Range(0, 4).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            outputs[i] = layer.Apply(zeros(2, 3));
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, SlowBuild.Builds);
        Assert.Single(layer.Weights);
        Assert.All(outputs, o => Assert.Equal(Enumerable.Repeat(1f, 6), o!.data<float>().ToArray()));
    }
}
