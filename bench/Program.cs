// KerasSharp benchmark: Fit / Evaluate / Predict / optimizer steps against the idiomatic hand-written TorchSharp code
// for the same networks, in one process, interleaved, same data, same initial weights, same thread count.
//   dotnet run -c Release --project bench -- --quick          (under a minute)
//   dotnet run -c Release --project bench                      (a few minutes)
// Options: --quick, --micro (BenchmarkDotNet micro-benchmarks of one step's pieces, bench/StepPieces.cs), --mnist (real MNIST via Keras.Datasets.Mnist.LoadData), --threads N (default 1), --reps N,
//          --no-fast-paths (KerasSharp's fast paths off; same as KERASSHARP_FAST_PATHS=0),
//          --case NAME (only the sections whose name contains NAME; repeatable: 784-128, 512, convnet, LSTM, GRU, Bidirectional, Transformer, Conv-BN, latency, start-up, optimizer, memory,
//          "Transformer pieces" (the transformer block's layers one by one against the hand block's),
//          "every case" (memory over 20 epochs, 6 with --quick, for every Fit case: live native tensors and RSS per epoch)),
//          --no-fused-rnn (recurrent layers on the step loop instead of LibTorch's fused kernel; same as KERASSHARP_FUSED_RNN=0),
//          --no-fused-attention (MultiHeadAttention computes its weights explicitly; same as KERASSHARP_FUSED_ATTENTION=0),
//          --python PATH (after each Fit case, the same hand loop in PyTorch from Python: bench/python/hand_loops.py in a child
//          process, e.g. --python /usr/bin/python3 with Debian's python3-torch and OpenBLAS; not part of CI)
using System.Globalization;
using System.Runtime.InteropServices;
using KerasSharp;
using KerasSharp.Bench;
using KerasSharp.Optimizers;
using TorchSharp;
using static KerasSharp.Keras;
using static TorchSharp.torch;

if (args.Length == 2 && args[0] == StartupCase.ChildOption) return StartupCase.Child(args[1]);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Keras.Backend.EnsureNativeLoaded();

if (args.Contains("--no-fused-rnn"))
{
    // Read once, when the first recurrent layer is created.
    Environment.SetEnvironmentVariable("KERASSHARP_FUSED_RNN", "0");
    args = args.Where(a => a != "--no-fused-rnn").ToArray();
}
if (args.Contains("--no-fused-attention"))
{
    // Read once, when the first MultiHeadAttention is created.
    Environment.SetEnvironmentVariable("KERASSHARP_FUSED_ATTENTION", "0");
    args = args.Where(a => a != "--no-fused-attention").ToArray();
}
var opts = Options.Parse(args);
if (opts.Micro)
{
    StepPieces.Run();
    return 0;
}
torch.set_num_threads(opts.Threads);
if (opts.NoFastPaths) Measure.FastPaths = false;

Console.WriteLine($"KerasSharp benchmark ({(opts.Quick ? "quick" : "full")}, {(opts.Mnist ? "MNIST" : "synthetic MNIST-shaped data")})");
Console.WriteLine($"CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores; torch threads: {torch.get_num_threads()}; " +
                  $"{RuntimeInformation.FrameworkDescription}; TorchSharp {typeof(torch).Assembly.GetName().Version}");
Console.WriteLine($"Recurrent layers: {(Environment.GetEnvironmentVariable("KERASSHARP_FUSED_RNN") == "0" ? "step loop (--no-fused-rnn)" : "LibTorch fused kernel where Keras' conditions hold")}");
Console.WriteLine($"MultiHeadAttention: {(Environment.GetEnvironmentVariable("KERASSHARP_FUSED_ATTENTION") == "0" ? "explicit weights (--no-fused-attention)" : "LibTorch scaled_dot_product_attention where Keras' conditions hold")}");
Console.WriteLine($"KerasSharp fast paths: {(Measure.HasFastPaths ? (Measure.FastPaths ? "on" : "off") : "not in this build")}; " +
                  $"repetitions: {opts.Reps} timed (+1 warm-up; Evaluate/Predict pairs: {opts.ThroughputReps}), interleaved hand/KerasSharp, median reported");
Console.WriteLine();

var data = Data.Load(opts);
var fitRows = new List<string[]>();
var throughputRows = new List<string[]>();
var layerRows = new List<string[]>();
var pythonRows = new List<string[]>();

// ------------------------------------------------------------------ Fit cases
if (opts.Runs("MLP 784-128-10")) RunMlp("MLP 784-128-10", [128], 0.0, 32, opts.Quick ? 300 : 1875);
if (opts.Runs("MLP 784-512-512-10 dropout")) RunMlp("MLP 784-512-512-10 dropout", [512, 512], 0.2, 128, opts.Quick ? 60 : 469);
if (opts.Runs("MNIST convnet (keras.io)")) RunConvnet(128, opts.Quick ? 12 : 100);
if (opts.Runs("Embedding+LSTM(64)")) RunRecurrent("Embedding+LSTM(64)", "lstm", opts.Quick ? 8 : 40);
if (opts.Runs("Embedding+Bidirectional(LSTM(64))")) RunRecurrent("Embedding+Bidirectional(LSTM(64))", "bilstm", opts.Quick ? 6 : 30);
if (opts.Runs("Embedding+GRU(64)")) RunRecurrent("Embedding+GRU(64)", "gru", opts.Quick ? 8 : 40);
if (opts.Runs("Transformer block (MultiHeadAttention)")) RunAttention(opts.Quick ? 15 : 60);
if (opts.Runs("Conv-BN-ReLU x3 CNN 32x32x3")) RunBatchNormCnn(opts.Quick ? 8 : 40);

if (fitRows.Count > 0)
{
    Table.Print("Fit: time per training step (same data, weights, threads; median of interleaved repetitions)",
        ["case", "steps", "hand ms/step", "KerasSharp ms/step", "wall ratio", "CPU ratio", "Fit-call CPU ratio", "peak RSS MB"], fitRows);
    Console.WriteLine("  wall ratio = KerasSharp epoch (OnEpochBegin..OnEpochEnd) / hand epoch, wall-clock medians; CPU ratio = median of the per-repetition");
    Console.WriteLine("  ratios of this thread's CPU time (robust on a loaded machine); Fit-call CPU ratio uses the whole Fit(epochs: 1) call,");
    Console.WriteLine("  including its one-time input checks. Hand loop: DisposeScope per batch, index_select from randperm, loss.item()");
    Console.WriteLine("  each step, optim.Adam(eps 1e-7), logits + CrossEntropyLoss. KerasSharp: softmax + categorical_crossentropy, Adam, metrics [\"accuracy\"].");
    Console.WriteLine();
}
if (throughputRows.Count > 0)
{
    Table.Print("Evaluate / Predict throughput (samples per CPU-second, no_grad hand loops: loss.item() + accuracy per batch; softmax outputs concatenated)",
        ["case", "samples", "hand Evaluate", "KerasSharp Evaluate", "ratio", "hand Predict", "KerasSharp Predict", "ratio"], throughputRows);
    Console.WriteLine("  ratio = median over repetitions of KerasSharp throughput / hand throughput, each pair measured back to back (>= 1 is as fast or faster)");
    Console.WriteLine();
}

if (pythonRows.Count > 0)
{
    Table.Print("PyTorch from Python: the same hand loop (bench/python/hand_loops.py, a child process per case), CPU ms per training step",
        ["case", "steps", "PyTorch-py CPU ms/step", "KerasSharp CPU ms/step", "PyTorch-py / KerasSharp", "child"], pythonRows);
    Console.WriteLine("  PyTorch: median over the same repetitions of its thread's CPU time per step (1 warm-up epoch); KerasSharp: the median");
    Console.WriteLine("  CPU time per step of its Fit epochs above. > 1: Python is slower. Run right after each case, not interleaved.");
    Console.WriteLine();
}
if (layerRows.Count > 0)
{
    Table.Print("Recurrent layer alone: forward + backward on (32, 200, 32), CPU ms per call (median of interleaved repetitions)",
        ["case", "hand nn.LSTM/GRU ms", "KerasSharp layer ms", "CPU ratio"], layerRows);
    Console.WriteLine("  hand: the hand model's nn.LSTM / nn.GRU (bidirectional for the Bidirectional case), gradient of the final hidden state's sum;");
    Console.WriteLine("  KerasSharp: the model's LSTM / Bidirectional / GRU layer (training: true), gradient of its output's sum (the same values).");
    Console.WriteLine();
}
if (opts.Runs("Transformer pieces"))
{
    var pieceRows = TransformerPieces.Run(opts.Reps, opts.Quick ? 20 : 100, opts.Seed);
    Table.Print("Transformer block, piece by piece: CPU microseconds per call (median of interleaved repetitions)",
        ["piece", "train hand us", "train KerasSharp us", "train ratio", "no_grad hand us", "no_grad KerasSharp us", "no_grad ratio"], pieceRows);
    Console.WriteLine("  train: forward (training) + backward of the output's sum, gradients released after each call on both sides;");
    Console.WriteLine("  no_grad: the forward alone (inference). Batch 32, (64, 64) inputs (bench/TransformerPieces.cs).");
    Console.WriteLine();
}
if (opts.Runs("Predict 1 row latency")) PredictLatency();
if (opts.Runs("start-up to first Fit step")) StartupToFirstStep();
if (opts.Runs("optimizer")) OptimizerSteps();
if (opts.Runs("memory")) MemoryAcrossEpochs();
if (opts.Runs("memory over epochs, every case")) MemoryEveryCase();
return 0;

// ------------------------------------------------------------------ cases

void RunMlp(string name, int[] hidden, double dropout, int batch, int steps)
{
    var (x, labels, yHot) = data.Take((long)steps * batch, flat: true);
    Keras.Utils.SetRandomSeed(opts.Seed);
    var keras = Sequential().Add(Input(784));
    foreach (var h in hidden)
    {
        keras.Add(Dense(h, "relu"));
        if (dropout > 0) keras.Add(Dropout(dropout));
    }
    keras.Add(Dense(10, "softmax"));
    keras.Compile(new Adam(), "categorical_crossentropy", metrics: ["accuracy"]);
    var hand = HandModels.Mlp(hidden, dropout);
    HandModels.CopyDenseWeights(keras, hand);
    RunFitCase(name, keras, hand, x, x, labels, yHot, batch, steps);
    RunThroughput(name, keras, hand, x, x, labels, yHot, batch);
}

void RunConvnet(int batch, int steps)
{
    const string name = "MNIST convnet (keras.io)";
    var conv = ConvnetFactory.TryCreate();
    if (conv is null)
    {
        Console.WriteLine($"[{name}] skipped: this KerasSharp build has no Conv2D / MaxPooling2D layers yet, so there is nothing to compare.");
        Console.WriteLine();
        fitRows.Add([name, "-", "-", "-", "-", "-", "-", "n/a (no Conv2D)"]);
        return;
    }
    var (xFlat, labels, yHot) = data.Take((long)steps * batch, flat: true);
    using var xNhwc = xFlat.reshape(-1, 28, 28, 1).contiguous();
    using var xNchw = xFlat.reshape(-1, 1, 28, 28).contiguous();
    Keras.Utils.SetRandomSeed(opts.Seed);
    var (keras, copyWeights) = conv.Value;
    keras.Compile(new Adam(), "categorical_crossentropy", metrics: ["accuracy"]);
    var hand = HandModels.Convnet();
    copyWeights(hand);
    RunFitCase(name, keras, hand, xNhwc, xNchw, labels, yHot, batch, steps);
    RunThroughput(name, keras, hand, xNhwc, xNchw, labels, yHot, batch);
}

/// Recurrent text classifiers (bench/RecurrentCases.cs): sequences of 200 token ids, batch 32.
void RunRecurrent(string name, string kind, int steps)
{
    const int batch = 32;
    var (x, labels, yHot) = RecurrentCases.Data((long)steps * batch, opts.Seed);
    Keras.Utils.SetRandomSeed(opts.Seed);
    var keras = RecurrentCases.KerasModel(kind);
    keras.Compile(new Adam(), "categorical_crossentropy", metrics: ["accuracy"]);
    var hand = RecurrentCases.HandModel(kind, keras);
    var (lh, lk, lr) = RecurrentCases.LayerOnly(kind, keras, hand, opts.Reps, opts.Quick ? 3 : 10);
    layerRows.Add([name, $"{lh:F2}", $"{lk:F2}", $"{lr:F3}"]);
    RunFitCase(name, keras, hand, x, x, labels, yHot, batch, steps);
    RunThroughput(name, keras, hand, x, x, labels, yHot, batch);
}

/// A transformer encoder block on (64, 64) float sequences, batch 32 (bench/AttentionCase.cs).
void RunAttention(int steps)
{
    const int batch = 32;
    var (x, labels, yHot) = AttentionCase.Data((long)steps * batch, opts.Seed);
    Keras.Utils.SetRandomSeed(opts.Seed);
    var (keras, makeHand) = AttentionCase.Create();
    keras.Compile(new Adam(), "categorical_crossentropy", metrics: ["accuracy"]);
    var hand = makeHand();
    RunFitCase("Transformer block (MultiHeadAttention)", keras, hand, x, x, labels, yHot, batch, steps);
    RunThroughput("Transformer block (MultiHeadAttention)", keras, hand, x, x, labels, yHot, batch);
}

/// Conv-BN-ReLU x3 on 32x32x3 images, batch 64 (bench/BatchNormCnnCase.cs); the hand side is NCHW.
void RunBatchNormCnn(int steps)
{
    const int batch = 64;
    var (nhwc, nchw, labels, yHot) = BatchNormCnnCase.Data((long)steps * batch, opts.Seed);
    Keras.Utils.SetRandomSeed(opts.Seed);
    var (keras, makeHand) = BatchNormCnnCase.Create();
    keras.Compile(new Adam(), "categorical_crossentropy", metrics: ["accuracy"]);
    var hand = makeHand();
    RunFitCase("Conv-BN-ReLU x3 CNN 32x32x3", keras, hand, nhwc, nchw, labels, yHot, batch, steps);
    RunThroughput("Conv-BN-ReLU x3 CNN 32x32x3", keras, hand, nhwc, nchw, labels, yHot, batch);
}

void RunFitCase(string name, Model keras, nn.Module<Tensor, Tensor> hand, Tensor xKeras, Tensor xHand, Tensor labels, Tensor yHot,
    int batch, int steps)
{
    Console.Write($"[{name}] {steps} steps x {opts.Reps + 1} repetitions per side ... ");
    Measure.ResetPeakRss();
    var optimizer = optim.Adam(hand.parameters(), lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-7);
    var loss = nn.CrossEntropyLoss();
    var handMs = new List<double>();
    var kerasEpochMs = new List<double>();
    var cpuRatios = new List<double>();
    var callRatios = new List<double>();
    var kerasCpuMs = new List<double>();
    for (int rep = 0; rep <= opts.Reps; rep++)
    {
        (double Wall, double Cpu) h = default, k = default;
        var timer = new EpochTimer();
        Measure.Alternate(rep,
            () => h = Measure.TimeClean(() => HandLoops.TrainEpoch(hand, optimizer, loss, xHand, labels, batch)),
            () => k = Measure.TimeClean(() => keras.Fit(xKeras, yHot, batchSize: batch, epochs: 1, verbose: 0, shuffle: true, callbacks: [timer])));
        if (rep == 0) continue; // warm-up
        handMs.Add(h.Wall / steps);
        kerasEpochMs.Add(timer.Epochs[0].Wall / steps);
        cpuRatios.Add(timer.Epochs[0].Cpu / h.Cpu);
        kerasCpuMs.Add(timer.Epochs[0].Cpu);
        callRatios.Add(k.Cpu / h.Cpu);
    }
    double hm = Measure.Median(handMs), ke = Measure.Median(kerasEpochMs);
    double cr = Measure.Median(cpuRatios), kc = Measure.Median(callRatios);
    Console.WriteLine($"hand {hm:F3} ms/step, KerasSharp {ke:F3} ms/step, CPU-time ratio {cr:F3}");
    fitRows.Add([name, steps.ToString(), $"{hm:F3}", $"{ke:F3}", $"{ke / hm:F3}", $"{cr:F3}", $"{kc:F3}", $"{Measure.PeakRssMb():F0}"]);
    optimizer.Dispose();
    if (opts.Python is { } python && PythonCase.Keys.TryGetValue(name, out var key))
    {
        // KerasSharp's CPU time per step (epoch callbacks), then the same loop in PyTorch from Python in a child process.
        double kerasCpu = Measure.Median(kerasCpuMs.Select(c => c / steps));
        var (pyCpu, report) = PythonCase.Run(python, key, steps, opts.Reps, opts.Threads, opts.Seed);
        pythonRows.Add([name, steps.ToString(), $"{pyCpu:F3}", $"{kerasCpu:F3}", $"{pyCpu / kerasCpu:F3}", report]);
    }
}

void RunThroughput(string name, Model keras, nn.Module<Tensor, Tensor> hand, Tensor xKeras, Tensor xHand, Tensor labels, Tensor yHot, int batch)
{
    var he = new List<double>(); var ke = new List<double>(); var hp = new List<double>(); var kp = new List<double>();
    var evaluateRatios = new List<double>(); var predictRatios = new List<double>();
    var ce = nn.CrossEntropyLoss();
    long n = xHand.shape[0];
    for (int rep = 0; rep <= opts.ThroughputReps; rep++)
    {
        double a = 0, b = 0, c = 0, d = 0;
        Measure.Alternate(rep,
            () => a = Measure.TimeClean(() => HandLoops.Evaluate(hand, ce, xHand, labels, batch)).Cpu,
            () => b = Measure.TimeClean(() => keras.Evaluate(xKeras, yHot, batchSize: batch, verbose: 0)).Cpu);
        Measure.Alternate(rep,
            () => c = Measure.TimeClean(() => HandLoops.Predict(hand, xHand, batch).Dispose()).Cpu,
            () => d = Measure.TimeClean(() => keras.Predict(xKeras, batchSize: batch, verbose: 0).Dispose()).Cpu);
        if (rep == 0) continue;
        he.Add(n / a * 1000); ke.Add(n / b * 1000); hp.Add(n / c * 1000); kp.Add(n / d * 1000);
        evaluateRatios.Add(a / b); predictRatios.Add(c / d);
    }
    double mhe = Measure.Median(he), mke = Measure.Median(ke), mhp = Measure.Median(hp), mkp = Measure.Median(kp);
    throughputRows.Add([name, n.ToString(), $"{mhe:F0}", $"{mke:F0}", $"{Measure.Median(evaluateRatios):F3}", $"{mhp:F0}", $"{mkp:F0}",
        $"{Measure.Median(predictRatios):F3}"]);
}

// ------------------------------------------------------------------ single-row Predict latency

void PredictLatency()
{
    int calls = opts.Quick ? 500 : 2000;
    int reps = Math.Max(opts.ThroughputReps, 5);
    var rows = new List<string[]>();
    foreach (var (name, hidden) in new[] { ("MLP 784-128-10", new[] { 128 }), ("MLP 784-512-512-10", new[] { 512, 512 }) })
    {
        Keras.Utils.SetRandomSeed(opts.Seed);
        var keras = Sequential().Add(Input(784));
        foreach (var h in hidden) keras.Add(Dense(h, "relu"));
        keras.Add(Dense(10, "softmax"));
        var hand = HandModels.Mlp(hidden, 0.0);
        HandModels.CopyDenseWeights(keras, hand);
        var (x, _, _) = data.Take(1, flat: true);
        using var row = x.contiguous();
        var (h1, f1, p1, r1) = LatencyCase.Run(keras, hand, row, reps, calls);
        rows.Add([name, calls.ToString(), $"{h1:F1}", $"{f1:F1}", $"{p1:F1}", $"{r1:F3}"]);
    }
    Table.Print($"Predict on 1 row (latency per call, CPU microseconds; {reps} repetitions of {calls} calls per side, interleaved)",
        ["case", "calls", "hand forward us", "KerasSharp Apply us", "KerasSharp Predict us", "Predict / hand ratio"], rows);
    Console.WriteLine("  hand forward: no_grad + DisposeScope + softmax(logits) moved out; Apply: model.Apply(row) under no_grad in a scope;");
    Console.WriteLine("  Predict: model.Predict(row, verbose: 0) (float32 CPU output). Ratio = median of per-repetition Predict / hand forward.");
    Console.WriteLine();
}

// ------------------------------------------------------------------ start-up to the first Fit step

void StartupToFirstStep()
{
    int reps = opts.Quick ? 3 : 7;
    var (hw, kw, wr, hc, kc, cr) = StartupCase.Run(reps);
    Table.Print($"Start-up to the first Fit step of a built program (MLP 784-128-10, one step of 32 rows; {reps} runs per side, alternating)",
        ["case", "hand wall ms", "KerasSharp wall ms", "wall ratio", "hand CPU ms", "KerasSharp CPU ms", "CPU ratio"],
        [["start-up to first Fit step", $"{hw:F0}", $"{kw:F0}", $"{wr:F3}", $"{hc:F0}", $"{kc:F0}", $"{cr:F3}"]]);
    Console.WriteLine("  a child process per run (this benchmark, --startup-child); wall: from starting it to its report after the step;");
    Console.WriteLine("  CPU: the child's whole CPU time at that point (all threads: runtime start-up, JIT, native loading included).");
    Console.WriteLine();
}

// ------------------------------------------------------------------ optimizer steps

void OptimizerSteps()
{
    // The parameters of MLP 784-512-512-10 with fixed random gradients, stepped repeatedly; zeroing gradients included
    // on both sides (KerasSharp's Apply zeroes them; the hand side calls zero_grad()).
    int steps = opts.Quick ? 200 : 1000;
    long[][] shapes = [[784, 512], [512], [512, 512], [512], [512, 10], [10]];
    var rows = new List<string[]>();
    foreach (var kind in new[] { "Adam", "RMSprop" })
    {
        Keras.Utils.SetRandomSeed(opts.Seed);
        var kParams = shapes.Select(s => new TorchSharp.Modules.Parameter(randn(s) * 0.05)).ToList();
        var hParams = kParams.Select(p => new TorchSharp.Modules.Parameter(p.detach().clone())).ToList();
        var grads = shapes.Select(s => (randn(s) * 1e-3).DetachFromDisposeScope()).ToList();
        KerasSharp.Optimizers.Optimizer k = kind == "Adam" ? new Adam() : new RMSprop();
        torch.optim.Optimizer h = kind == "Adam"
            ? optim.Adam(hParams, lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-7)
            : optim.RMSProp(hParams, lr: 1e-3, alpha: 0.9, eps: 1e-7);
        // Each side gets its own gradient tensors, refilled (untimed) before every step because both sides zero them.
        var hGrads = grads.Select(g => g.clone().DetachFromDisposeScope()).ToList();
        var kGrads = grads.Select(g => g.clone().DetachFromDisposeScope()).ToList();
        for (int j = 0; j < hParams.Count; j++) { hParams[j].grad = hGrads[j]; kParams[j].grad = kGrads[j]; }
        var km = new List<double>(); var hm = new List<double>();
        for (int rep = 0; rep <= opts.Reps; rep++)
        {
            // The side that runs first alternates between repetitions: whichever runs second finds the caches and the
            // allocator in the state the first left, which moved the ratio by several percent when the order was fixed.
            double a = 0, b = 0;
            for (int half = 0; half < 2; half++)
            {
                if ((half == 0) == (rep % 2 == 0)) a = HandSteps();
                else b = KerasSteps();
            }
            if (rep == 0) continue;
            hm.Add(a * 1000 / steps); km.Add(b * 1000 / steps);
        }

        double HandSteps()
        {
            double total = 0;
            for (int i = 0; i < steps; i++)
            {
                for (int j = 0; j < hGrads.Count; j++) hGrads[j].copy_(grads[j]);
                double t0 = Measure.ThreadCpuMs();
                h.step();
                h.zero_grad();
                total += Measure.ThreadCpuMs() - t0;
            }
            return total;
        }

        double KerasSteps()
        {
            double total = 0;
            for (int i = 0; i < steps; i++)
            {
                for (int j = 0; j < kGrads.Count; j++) kGrads[j].copy_(grads[j]);
                double t0 = Measure.ThreadCpuMs();
                k.Apply(kParams);
                total += Measure.ThreadCpuMs() - t0;
            }
            return total;
        }
        double mh = Measure.Median(hm), mk = Measure.Median(km);
        rows.Add([kind, "669,706 (6 tensors)", steps.ToString(), $"{mh:F1}", $"{mk:F1}", $"{mk / mh:F3}"]);
        h.Dispose();
    }
    Table.Print("Optimizer step (KerasSharp Keras-form update vs torch.optim, CPU microseconds per step incl. zeroing gradients)",
        ["optimizer", "parameters", "steps", "torch.optim us", "KerasSharp us", "ratio"], rows);
    Console.WriteLine();
}

// ------------------------------------------------------------------ memory

void MemoryAcrossEpochs()
{
    int epochs = opts.Quick ? 6 : 20;
    var (x, _, yHot) = data.Take(opts.Quick ? 4096 : 16384, flat: true);
    Keras.Utils.SetRandomSeed(opts.Seed);
    var model = Sequential().Add(Input(784)).Add(Dense(128, "relu")).Add(Dropout(0.2)).Add(Dense(10, "softmax"));
    model.Compile(new Adam(), "categorical_crossentropy", metrics: ["accuracy"]);
    var probe = new MemoryProbe();
    model.Fit(x, yHot, batchSize: 32, epochs: epochs, verbose: 0, validationSplit: 0.1, callbacks: [probe]);
    GC.Collect();
    GC.WaitForPendingFinalizers();
    long liveBefore = Measure.LiveTensors();
    for (int i = 0; i < 3; i++)
    {
        model.Evaluate(x, yHot, batchSize: 128, verbose: 0);
        model.Predict(x, batchSize: 128, verbose: 0).Dispose();
    }
    GC.Collect();
    GC.WaitForPendingFinalizers();
    long liveAfter = Measure.LiveTensors();
    var e2 = probe.Epochs[1];
    var eN = probe.Epochs[^1];
    Table.Print($"Memory: Fit MLP 784-128-10 (dropout, validation_split 0.1), {x.shape[0]} samples, batch 32, {epochs} epochs",
        ["measure", "after epoch 2", $"after epoch {epochs}", "change"],
        [
            ["live native tensors", e2.Live.ToString(), eN.Live.ToString(), $"{eN.Live - e2.Live:+0;-0;0}"],
            ["RSS MB", $"{e2.RssMb:F1}", $"{eN.RssMb:F1}", $"{(eN.RssMb - e2.RssMb) / e2.RssMb * 100:+0.0;-0.0;0.0}%"],
        ]);
    Console.WriteLine($"  live native tensors before / after 3x (Evaluate + Predict): {liveBefore} / {liveAfter}");
}

void MemoryEveryCase()
{
    int epochs = opts.Quick ? 6 : 20, batches = opts.Quick ? 4 : 8;
    // Other --case values (e.g. GRU) pick the cases to run here; none: every case.
    var only = opts.Cases.Where(c => !"memory over epochs, every case".Contains(c, StringComparison.OrdinalIgnoreCase)).ToList();
    var (rows, series) = MemoryPerCase.Run(data, epochs, batches, opts.Seed, only);
    Table.Print($"Memory over {epochs} epochs, every Fit case ({batches} batches per epoch, validation_split 0.25; after each epoch and a full GC)",
        ["case", "epochs", "live tensors after epoch 2", "after last epoch", "change", "RSS MB after epoch 2", "after last epoch", "change", "peak RSS MB"], rows);
    foreach (var line in series) Console.WriteLine(line);
    Console.WriteLine();
}

static string CpuModel()
{
    try
    {
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
    catch (IOException)
    {
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
