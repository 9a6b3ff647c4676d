using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>Command-line options.</summary>
/// <param name="Reps">Timed repetitions of each Fit case and of the optimizer steps.</param>
/// <param name="ThroughputReps">Timed Evaluate/Predict pairs per case: each pair is short, so more of them make the median
/// of their ratios steadier on a shared machine.</param>
/// <param name="Python">The Python interpreter that runs bench/python/hand_loops.py after each Fit case, or null.</param>
internal sealed record Options(bool Quick, bool Mnist, int Threads, int Reps, int ThroughputReps, int Seed, bool NoFastPaths, string[] Cases, bool Micro,
    string? Python = null)
{
    /// <summary>Whether the section <paramref name="name"/> runs: every section when no <c>--case</c> was given, otherwise
    /// those whose name contains one of the <c>--case</c> values (case-insensitive).</summary>
    public bool Runs(string name) => Cases.Length == 0 || Cases.Any(c => name.Contains(c, StringComparison.OrdinalIgnoreCase));

    public static Options Parse(string[] args)
    {
        bool quick = false, mnist = false, micro = false, noFast = Environment.GetEnvironmentVariable("KERASSHARP_FAST_PATHS") == "0";
        int threads = 1, reps = -1, throughputReps = -1, seed = 42;
        var cases = new List<string>();
        string? python = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--micro": micro = true; break;
                case "--mnist": mnist = true; break;
                case "--no-fast-paths": noFast = true; break;
                case "--threads": threads = int.Parse(args[++i]); break;
                case "--reps": reps = int.Parse(args[++i]); break;
                case "--throughput-reps": throughputReps = int.Parse(args[++i]); break;
                case "--seed": seed = int.Parse(args[++i]); break;
                case "--case": cases.Add(args[++i]); break;
                case "--python": python = args[++i]; break;
                case "-h" or "--help":
                    Console.WriteLine("options: --quick  --micro (BenchmarkDotNet: the pieces of one step)  --mnist  --threads N (default 1)  --reps N  --throughput-reps N (Evaluate/Predict pairs; 5 quick, 15 full)  --seed N  --no-fast-paths  --python PATH (also run bench/python/hand_loops.py, PyTorch from Python, per Fit case)  --case NAME (repeatable: " +
                        "a part of a case name, e.g. 784-128, convnet, optimizer, memory)");
                    Environment.Exit(0);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Use --help.");
            }
        }
        return new Options(quick, mnist, threads, reps > 0 ? reps : (quick ? 3 : 5), throughputReps > 0 ? throughputReps : (quick ? 5 : 15),
            seed, noFast, cases.ToArray(), micro, python);
    }
}

/// <summary>The training data: MNIST-shaped float32 images in [0, 1) flattened to 784, int64 labels, one-hot labels.</summary>
internal sealed class Data
{
    private readonly Tensor x;
    private readonly Tensor labels;
    private readonly Tensor yHot;

    private Data(Tensor x, Tensor labels)
    {
        this.x = x.DetachFromDisposeScope();
        this.labels = labels.DetachFromDisposeScope();
        yHot = Keras.Utils.ToCategorical(labels, 10).DetachFromDisposeScope();
    }

    public static Data Load(Options opts)
    {
        if (opts.Mnist)
        {
            var ((xTrain, yTrain), _) = Keras.Datasets.Mnist.LoadData();
            return new Data((xTrain.reshape(-1, 784).to(float32) / 255).contiguous(), yTrain.to(int64));
        }
        // Synthetic: seeded uniform pixels and labels; same shapes and dtypes as MNIST, 60000 samples.
        var gen = new Generator((ulong)opts.Seed);
        return new Data(rand([60000, 784], generator: gen), randint(0, 10, [60000], generator: gen));
    }

    /// <summary>The first <paramref name="n"/> samples (repeating the data when more are asked for).</summary>
    public (Tensor X, Tensor Labels, Tensor YHot) Take(long n, bool flat)
    {
        _ = flat;
        long have = x.shape[0];
        if (n <= have) return (x.narrow(0, 0, n), labels.narrow(0, 0, n), yHot.narrow(0, 0, n));
        var idx = arange(n) % have;
        return (x.index_select(0, idx).DetachFromDisposeScope(), labels.index_select(0, idx).DetachFromDisposeScope(),
            yHot.index_select(0, idx).DetachFromDisposeScope());
    }
}

/// <summary>Fixed-width text tables.</summary>
internal static class Table
{
    public static void Print(string title, string[] header, IReadOnlyList<string[]> rows)
    {
        Console.WriteLine(title);
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var r in rows) Console.WriteLine(Line(r));
    }
}
