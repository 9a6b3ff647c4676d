using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>
/// Memory over many epochs for every Fit case: each case's KerasSharp model trains for <c>epochs</c> epochs (a few
/// batches each, <c>validation_split</c> 0.25 so that every epoch also evaluates), and after every epoch, after a full
/// garbage collection, the live native tensor count of this thread and the process RSS are recorded (bench/Measure.cs,
/// <see cref="MemoryProbe"/>). Flat means the same live count after the second epoch and the last, and RSS within a
/// few percent.
/// </summary>
internal static class MemoryPerCase
{
    /// <summary>One case: name, the compiled model and its training data (inputs, one-hot targets).</summary>
    private sealed record Case(string Name, Func<(Model Model, Tensor X, Tensor Y)> Make);

    /// <summary>Trains every case for <paramref name="epochs"/> epochs of <paramref name="batches"/> batches; rows of the table, and per-epoch series;
    /// <paramref name="only"/>: when not empty, only the cases whose name contains one of these strings.</summary>
    public static (List<string[]> Rows, List<string> Series) Run(Data data, int epochs, int batches, int seed, IReadOnlyList<string> only)
    {
        var cases = new List<Case>
        {
            new("MLP 784-128-10", () => Mlp(data, [128], 0.0, 32 * batches, seed)),
            new("MLP 784-512-512-10 dropout", () => Mlp(data, [512, 512], 0.2, 128 * batches, seed)),
            new("MNIST convnet (keras.io)", () =>
            {
                var conv = ConvnetFactory.TryCreate() ?? throw new InvalidOperationException("no Conv2D in this build");
                var (x, _, y) = data.Take(128L * batches, flat: true);
                return (Compiled(conv.Model), x.reshape(-1, 28, 28, 1).contiguous(), y);
            }),
            new("Embedding+LSTM(64)", () => Recurrent("lstm", batches, seed)),
            new("Embedding+Bidirectional(LSTM(64))", () => Recurrent("bilstm", batches, seed)),
            new("Embedding+GRU(64)", () => Recurrent("gru", batches, seed)),
            new("Transformer block (MultiHeadAttention)", () =>
            {
                var (x, _, y) = AttentionCase.Data(32L * batches, seed);
                return (Compiled(AttentionCase.Create().Model), x, y);
            }),
            new("Conv-BN-ReLU x3 CNN 32x32x3", () =>
            {
                var (x, _, _, y) = BatchNormCnnCase.Data(64L * batches, seed);
                return (Compiled(BatchNormCnnCase.Create().Model), x, y);
            }),
        };
        var rows = new List<string[]>();
        var series = new List<string>();
        foreach (var c in cases.Where(c => only.Count == 0 || only.Any(o => c.Name.Contains(o, StringComparison.OrdinalIgnoreCase))))
        {
            Console.Write($"[memory] {c.Name}: {epochs} epochs ... ");
            Keras.Utils.SetRandomSeed(seed);
            var (model, x, y) = c.Make();
            int batch = (int)(x.shape[0] / batches);
            var probe = new MemoryProbe();
            model.Fit(x, y, batchSize: batch, epochs: epochs, verbose: 0, validationSplit: 0.25, callbacks: [probe]);
            var e2 = probe.Epochs[Math.Min(1, probe.Epochs.Count - 1)];
            var eN = probe.Epochs[^1];
            var peak = probe.Epochs.Max(e => e.RssMb);
            rows.Add([c.Name, epochs.ToString(), e2.Live.ToString(), eN.Live.ToString(), $"{eN.Live - e2.Live:+0;-0;0}",
                $"{e2.RssMb:F1}", $"{eN.RssMb:F1}", $"{(eN.RssMb - e2.RssMb) / e2.RssMb * 100:+0.0;-0.0;0.0}%", $"{peak:F1}"]);
            series.Add($"  {c.Name}: live tensors per epoch {string.Join(" ", probe.Epochs.Select(e => e.Live))}; " +
                       $"RSS MB per epoch {string.Join(" ", probe.Epochs.Select(e => e.RssMb.ToString("F0")))}");
            Console.WriteLine($"live {e2.Live} -> {eN.Live}, RSS {e2.RssMb:F1} -> {eN.RssMb:F1} MB");
        }
        return (rows, series);
    }

    private static Model Compiled(Model model)
    {
        model.Compile(new Adam(), "categorical_crossentropy", metrics: ["accuracy"]);
        return model;
    }

    private static (Model, Tensor, Tensor) Mlp(Data data, int[] hidden, double dropout, long n, int seed)
    {
        _ = seed;
        var (x, _, y) = data.Take(n, flat: true);
        var model = Sequential().Add(Input(784));
        foreach (var h in hidden)
        {
            model.Add(Dense(h, "relu"));
            if (dropout > 0) model.Add(Dropout(dropout));
        }
        model.Add(Dense(10, "softmax"));
        return (Compiled(model), x, y);
    }

    private static (Model, Tensor, Tensor) Recurrent(string kind, int batches, int seed)
    {
        var (x, _, y) = RecurrentCases.Data(32L * batches, seed);
        return (Compiled(RecurrentCases.KerasModel(kind)), x, y);
    }
}
