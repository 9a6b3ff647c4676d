using System.Diagnostics;
using System.Globalization;

namespace KerasSharp.Bench;

/// <summary>
/// The same hand-written loops in PyTorch from Python (<c>bench/python/hand_loops.py</c>), run as a child process per
/// Fit case with the same steps, repetitions, threads and seed: the child reports the median CPU time per step of its
/// own thread, compared with KerasSharp's CPU time per step measured in this process (not interleaved: another
/// process, run right after the case). Selected with <c>--python PATH</c> (e.g. <c>/usr/bin/python3</c> with Debian's
/// <c>python3-torch</c>); not part of CI.
/// </summary>
internal static class PythonCase
{
    /// <summary>The script's case name for each Fit case of the benchmark.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["MLP 784-128-10"] = "mlp128",
        ["MLP 784-512-512-10 dropout"] = "mlp512",
        ["MNIST convnet (keras.io)"] = "convnet",
        ["Embedding+LSTM(64)"] = "lstm",
        ["Embedding+Bidirectional(LSTM(64))"] = "bilstm",
        ["Embedding+GRU(64)"] = "gru",
        ["Transformer block (MultiHeadAttention)"] = "transformer",
        ["Conv-BN-ReLU x3 CNN 32x32x3"] = "bncnn",
    };

    /// <summary>Where Debian 12's <c>libopenblas0-pthread</c> puts its <c>libblas.so.3</c>.</summary>
    private const string OpenBlasDirectory = "/usr/lib/x86_64-linux-gnu/openblas-pthread";

    /// <summary>Runs the script for <paramref name="key"/>; its CPU ms per step and its report line (torch version, malloc).</summary>
    public static (double CpuMsPerStep, string Report) Run(string python, string key, int steps, int reps, int threads, int seed)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "python", "hand_loops.py");
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, "--case", key, "--steps", steps.ToString(CultureInfo.InvariantCulture), "--reps",
                     reps.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture), "--seed",
                     seed.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        info.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        // Debian's PyTorch uses whichever libblas.so.3 the system selects (the reference BLAS unless OpenBLAS is chosen
        // with update-alternatives); Debian's OpenBLAS, where installed, is put first for the child alone.
        if (Directory.Exists(OpenBlasDirectory))
        {
            string? path = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            info.Environment["LD_LIBRARY_PATH"] = string.IsNullOrEmpty(path) ? OpenBlasDirectory : OpenBlasDirectory + ":" + path;
        }
        info.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {python}");
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{python} {script} --case {key} exited with {process.ExitCode}: {stderr.Result}");
        var line = output.Split('\n').Last(l => l.StartsWith("case=", StringComparison.Ordinal));
        var fields = line.Split(' ').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
        return (double.Parse(fields["cpu_ms_per_step"], CultureInfo.InvariantCulture), $"torch {fields["torch"]}, malloc {fields["malloc"]}");
    }
}
