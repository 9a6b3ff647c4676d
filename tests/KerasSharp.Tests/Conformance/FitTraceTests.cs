using System.Text.Json.Nodes;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Conformance;

/// <summary>
/// Training replayed against Keras: each fit trace of the corpus (Keras 3.5.0, torch backend) starts from Keras' own
/// compiled, untrained <c>.init.keras</c> and runs <c>Fit(x, y, batchSize: 8, epochs: 3, shuffle: false,
/// validationData: (x_val, y_val))</c>. History (loss, metrics, val_*), the running per-batch logs, the final weights
/// (Keras' <c>model.weights</c> order), the optimizer's iterations and the final predictions must equal Keras' within
/// the corpus tolerance (1e-4 absolute + 1e-4 relative).
/// </summary>
public class FitTraceTests
{
    private const double Tol = 1e-4;

    [KerasReferenceTheory]
    [MemberData(nameof(KerasReference.FitTraces), MemberType = typeof(KerasReference))]
    public void FitFromKerasInitFileReproducesKerasHistoryWeightsAndPredictions(string name)
    {
        var trace = KerasReference.FitTrace(name);
        var files = trace["files"]!.AsObject();
        var history = KerasReference.LoadFitHistory(name);
        var data = Npz.Load(KerasReference.PathOf((string)files["data"]!));
        var model = Keras.Models.LoadModel(KerasReference.PathOf((string)files["init"]!), compile: true);

        // The starting point is Keras' own: the init file predicts Keras' pred_val_init.
        LoadAndPredictTests.AssertClose(data["pred_val_init"], model.Predict(data["x_val"], verbose: 0), $"{name}: predict before fit", Tol, Tol);

        var batchLogs = new List<(int Epoch, int Batch, Dictionary<string, double> Logs)>();
        int epoch = 0;
        var recorder = new KerasSharp.Callbacks.LambdaCallback(
            onEpochBegin: (e, _) => epoch = e,
            onTrainBatchEnd: (b, logs) => batchLogs.Add((epoch, b, logs.ToDictionary(kv => kv.Key, kv => kv.Value))));
        var h = model.Fit(data["x"], data["y"], batchSize: 8, epochs: 3, verbose: 0, shuffle: false,
            validationData: (data["x_val"], data["y_val"]), callbacks: [recorder]);

        foreach (var (key, values) in history["history"]!.AsObject())
        {
            Assert.True(h.ContainsKey(key), $"{name}: History has no '{key}' (it has {string.Join(", ", h.Keys)})");
            var expected = values!.AsArray().Select(v => (double)v!).ToArray();
            Assert.Equal(expected.Length, h[key].Count);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(h[key][i] - expected[i]) <= Tol + Tol * Math.Abs(expected[i]),
                    $"{name}: History['{key}'][{i}] = {h[key][i]:R}, Keras {expected[i]:R}");
        }

        var kerasBatches = history["batch_logs"]!.AsArray().Select(b => b!.AsObject()).ToArray();
        Assert.Equal(kerasBatches.Length, batchLogs.Count);
        for (int i = 0; i < kerasBatches.Length; i++)
            foreach (var (key, value) in kerasBatches[i])
            {
                if (key is "epoch" or "batch") continue;
                double expected = (double)value!;
                Assert.True(batchLogs[i].Logs.TryGetValue(key, out var got) && Math.Abs(got - expected) <= Tol + Tol * Math.Abs(expected),
                    $"{name}: batch log {i} (epoch {batchLogs[i].Epoch}, batch {batchLogs[i].Batch}) '{key}' = {got:R}, Keras {expected:R}");
            }

        var weights = model.GetWeights();
        var paths = history["weight_paths"]!.AsArray().Select(p => (string)p!).ToArray();
        Assert.Equal(paths.Length, weights.Count);
        for (int i = 0; i < paths.Length; i++)
            LoadAndPredictTests.AssertClose(data[$"final_w{i:000}"], weights[i], $"{name}: final weight {i} ({paths[i]})", Tol, Tol);
        Assert.Equal((long)history["optimizer_iterations_after_fit"]!, model.Optimizer!.Iterations);
        LoadAndPredictTests.AssertClose(data["pred_val_final"], model.Predict(data["x_val"], verbose: 0), $"{name}: predict after fit", Tol, Tol);
    }

    [KerasReferenceTheory]
    [MemberData(nameof(KerasReference.FitTraces), MemberType = typeof(KerasReference))]
    public void KerasFinalFileLoadsWithOptimizerStateAndPredictsKerasValues(string name)
    {
        var files = KerasReference.FitTrace(name)["files"]!.AsObject();
        var history = KerasReference.LoadFitHistory(name);
        var data = Npz.Load(KerasReference.PathOf((string)files["data"]!));
        var model = Keras.Models.LoadModel(KerasReference.PathOf((string)files["final"]!), compile: true);
        Assert.Equal((long)history["optimizer_iterations_after_fit"]!, model.Optimizer!.Iterations);
        LoadAndPredictTests.AssertClose(data["pred_val_final"], model.Predict(data["x_val"], verbose: 0), $"{name}: final file predict", 1e-5, 1e-5);
    }
}
