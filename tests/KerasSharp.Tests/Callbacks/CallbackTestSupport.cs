using KerasSharp.Callbacks;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Callbacks;

/// <summary>Tiny models, data and helpers shared by the callback tests.</summary>
internal static class CallbackTestSupport
{
    /// <summary>A 2 -> 1 linear model compiled with SGD and MSE (3 weights).</summary>
    public static Sequential TinyModel(double learningRate = 0.1, string[]? metrics = null, int seed = 0)
    {
        Keras.Utils.SetRandomSeed(seed);
        var m = Sequential().Add(Input(2)).Add(Dense(1));
        m.Compile(new SGD(learningRate: learningRate), "mse", metrics: metrics?.Select(s => (KerasSharp.Metrics.Metric)s).ToArray());
        return m;
    }

    /// <summary>8 samples of y = x0 - 2 x1 + 0.5.</summary>
    public static (float[,] X, float[] Y) SampleData(int n = 8)
    {
        var x = new float[n, 2];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = (i % 4) / 4f;
            x[i, 1] = (i / 4) / 2f - 0.25f;
            y[i] = x[i, 0] - 2 * x[i, 1] + 0.5f;
        }
        return (x, y);
    }

    /// <summary>A callback that overwrites <paramref name="key"/> in the epoch logs with a scripted value per epoch;
    /// put it before the callback under test so that callback sees the scripted value.</summary>
    public static LambdaCallback Script(string key, params double[] values) =>
        new(onEpochEnd: (epoch, logs) => logs[key] = values[epoch]);

    /// <summary>Copies of every model weight.</summary>
    public static List<Tensor> Snapshot(Model model)
    {
        using var _ = no_grad();
        return model.Weights.Select(w => w.detach().clone().DetachFromDisposeScope()).ToList();
    }

    /// <summary>A fresh temporary folder.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ks-callbacks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>Records every hook as text: <c>train_begin</c>, <c>epoch_begin 0</c>, <c>train_batch_end 1</c>, ...</summary>
internal sealed class RecordingCallback : Callback
{
    public List<string> Events { get; } = [];

    public override void OnTrainBegin(Logs logs) => Events.Add("train_begin");
    public override void OnTrainEnd(Logs logs) => Events.Add("train_end");
    public override void OnEpochBegin(int epoch, Logs logs) => Events.Add($"epoch_begin {epoch}");
    public override void OnEpochEnd(int epoch, Logs logs) => Events.Add($"epoch_end {epoch}");
    public override void OnTrainBatchBegin(int batch, Logs logs) => Events.Add($"train_batch_begin {batch}");
    public override void OnTrainBatchEnd(int batch, Logs logs) => Events.Add($"train_batch_end {batch}");
    public override void OnTestBegin(Logs logs) => Events.Add("test_begin");
    public override void OnTestEnd(Logs logs) => Events.Add("test_end");
    public override void OnTestBatchBegin(int batch, Logs logs) => Events.Add($"test_batch_begin {batch}");
    public override void OnTestBatchEnd(int batch, Logs logs) => Events.Add($"test_batch_end {batch}");
    public override void OnPredictBegin(Logs logs) => Events.Add("predict_begin");
    public override void OnPredictEnd(Logs logs) => Events.Add("predict_end");
    public override void OnPredictBatchBegin(int batch, Logs logs) => Events.Add($"predict_batch_begin {batch}");
    public override void OnPredictBatchEnd(int batch, Logs logs) => Events.Add($"predict_batch_end {batch}");
}
