using System.Diagnostics;
using System.Globalization;
using KerasSharp.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>
/// Start-up to the first training step of a built program: the benchmark starts itself as a child process
/// (<c>--startup-child keras|hand</c>) that builds MLP 784-128-10 and trains one step on 32 random rows, then prints its
/// CPU time and exits. KerasSharp: <c>Sequential</c>, <c>Compile(Adam, categorical_crossentropy, accuracy)</c>,
/// <c>Fit(epochs: 1, verbose: 0)</c> on 32 rows with batch 32. Hand: <c>nn.Sequential</c> of <c>nn.Linear</c>/<c>ReLU</c>,
/// <c>optim.Adam</c>, <c>CrossEntropyLoss</c>, one <c>zero_grad</c>/<c>backward</c>/<c>step</c>. The parent measures the
/// wall-clock time from starting the process to reading that line; the child reports its whole CPU time (all threads,
/// the runtime's start-up, JIT and native library loading included). Runs alternate between the two kinds.
/// </summary>
internal static class StartupCase
{
    public const string ChildOption = "--startup-child";

    /// <summary>The child's work; returns the exit code.</summary>
    public static int Child(string kind)
    {
        // Phase lines ("phase NAME CPU-ms") before the final report, for a breakdown when the child is run by hand.
        static void Phase(string name) =>
            Console.WriteLine($"phase {name} " + Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture));
        Phase("main");
        if (kind == "keras") Keras.Backend.EnsureNativeLoaded();   // what KerasSharp does on first use, before LibTorch starts
        torch.set_num_threads(1);
        Phase("native-loaded");
        var g = new torch.Generator(1);
        var x = rand([32, 784], generator: g);
        var labels = randint(0, 10, [32], dtype: ScalarType.Int64, generator: g);
        if (kind == "keras")
        {
            var model = Keras.Sequential().Add(Keras.Input(784)).Add(Keras.Dense(128, "relu")).Add(Keras.Dense(10, "softmax"));
            Phase("model-built");
            model.Compile(new Adam(), "categorical_crossentropy", metrics: ["accuracy"]);
            Phase("compiled");
            model.Fit(x, Keras.Utils.ToCategorical(labels, 10), batchSize: 32, epochs: 1, verbose: 0);
        }
        else
        {
            var model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10));
            var optimizer = optim.Adam(model.parameters(), lr: 1e-3, eps: 1e-7);
            var loss = nn.CrossEntropyLoss();
            Phase("model-built");
            optimizer.zero_grad();
            var l = loss.call(model.call(x), labels);
            l.backward();
            optimizer.step();
            _ = l.item<float>();
        }
        Console.WriteLine("cpu_ms " + Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        return 0;
    }

    /// <summary>Median wall and CPU milliseconds of each kind over <paramref name="reps"/> runs (after one warm-up run of each,
    /// which brings the files into the page cache), and the medians of the per-repetition ratios.</summary>
    public static (double HandWall, double KerasWall, double WallRatio, double HandCpu, double KerasCpu, double CpuRatio) Run(int reps)
    {
        var hw = new List<double>(); var kw = new List<double>(); var hc = new List<double>(); var kc = new List<double>();
        var wallRatios = new List<double>(); var cpuRatios = new List<double>();
        for (int rep = 0; rep <= reps; rep++)
        {
            (double Wall, double Cpu) h = default, k = default;
            Measure.Alternate(rep, () => h = Start("hand"), () => k = Start("keras"));
            if (rep == 0) continue;
            hw.Add(h.Wall); kw.Add(k.Wall); hc.Add(h.Cpu); kc.Add(k.Cpu);
            wallRatios.Add(k.Wall / h.Wall);
            cpuRatios.Add(k.Cpu / h.Cpu);
        }
        return (Measure.Median(hw), Measure.Median(kw), Measure.Median(wallRatios), Measure.Median(hc), Measure.Median(kc), Measure.Median(cpuRatios));
    }

    private static (double Wall, double Cpu) Start(string kind)
    {
        string self = typeof(StartupCase).Assembly.Location;
        string host = Environment.ProcessPath ?? "dotnet";
        bool viaDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (viaDotnet) info.ArgumentList.Add(self);
        info.ArgumentList.Add(ChildOption);
        info.ArgumentList.Add(kind);
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the start-up child process");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("cpu_ms ", StringComparison.Ordinal)) { }
        double wall = sw.Elapsed.TotalMilliseconds;
        process.WaitForExit();
        if (line is null) throw new InvalidOperationException($"the start-up child ({kind}) exited with code {process.ExitCode} before its first step");
        return (wall, double.Parse(line["cpu_ms ".Length..], CultureInfo.InvariantCulture));
    }
}
