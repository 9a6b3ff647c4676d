using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using KerasSharp.Callbacks;

namespace KerasSharp.Bench;

/// <summary>Process memory, timing helpers and the switch for KerasSharp's fast paths.</summary>
internal static class Measure
{
    /// <summary>Resident set size now, in MB (VmRSS).</summary>
    public static double RssMb() => ReadStatusKb("VmRSS:") / 1024.0;

    /// <summary>Peak resident set size since the last <see cref="ResetPeakRss"/>, in MB (VmHWM).</summary>
    public static double PeakRssMb() => ReadStatusKb("VmHWM:") / 1024.0;

    /// <summary>Resets the kernel's peak-RSS mark (writing 5 to /proc/self/clear_refs); false where not allowed.</summary>
    public static bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadStatusKb(string key)
    {
        if (!File.Exists("/proc/self/status")) return Environment.WorkingSet / 1024;
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0]);
        return 0;
    }

    /// <summary>Live native tensors of this thread (TorchSharp's dispose-scope statistics).</summary>
    public static long LiveTensors() => TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    public static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        if (s.Length == 0) return double.NaN;
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    public static double TimeMs(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>Wall-clock and this thread's CPU time of <paramref name="action"/>, in ms.</summary>
    public static (double Wall, double Cpu) Time(Action action)
    {
        double c0 = ThreadCpuMs();
        var sw = Stopwatch.StartNew();
        action();
        return (sw.Elapsed.TotalMilliseconds, ThreadCpuMs() - c0);
    }

    /// <summary><see cref="Time"/> after a full garbage collection, so that no side pays for the other's garbage.</summary>
    public static (double Wall, double Cpu) TimeClean(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Time(action);
    }

    /// <summary>Runs <paramref name="first"/> then <paramref name="second"/>, or the other way round on odd
    /// repetitions, so that neither side always runs after the other.</summary>
    public static void Alternate(int repetition, Action first, Action second)
    {
        if (repetition % 2 == 0) { first(); second(); }
        else { second(); first(); }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec ts);

    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID

    /// <summary>CPU time used by the calling thread, in ms (Linux); wall-clock elsewhere. With one torch thread every
    /// kernel runs on the calling thread, so this measures the work done and ignores time lost to other processes.</summary>
    public static double ThreadCpuMs()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var ts) == 0)
            return ts.Seconds * 1e3 + ts.Nanoseconds / 1e6;
        return Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;
    }

    private static readonly PropertyInfo? FastPathsProperty =
        typeof(Model).Assembly.GetType("KerasSharp.Training.FastPaths")?.GetProperty("Enabled", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);

    /// <summary>Whether this KerasSharp build has the switchable fast paths.</summary>
    public static bool HasFastPaths => FastPathsProperty is not null;

    /// <summary>KerasSharp's internal fast-path switch (also settable with KERASSHARP_FAST_PATHS=0 before start).</summary>
    public static bool FastPaths
    {
        get => FastPathsProperty?.GetValue(null) is true;
        set => FastPathsProperty?.SetValue(null, value);
    }
}

/// <summary>Times each epoch from OnEpochBegin to OnEpochEnd (Fit's per-epoch time without its one-time setup).</summary>
internal sealed class EpochTimer : Callback
{
    private readonly Stopwatch sw = new();
    private double cpu0;
    public List<(double Wall, double Cpu)> Epochs { get; } = [];

    public override void OnEpochBegin(int epoch, Logs logs)
    {
        cpu0 = Measure.ThreadCpuMs();
        sw.Restart();
    }

    public override void OnEpochEnd(int epoch, Logs logs) => Epochs.Add((sw.Elapsed.TotalMilliseconds, Measure.ThreadCpuMs() - cpu0));
}

/// <summary>Records the live native tensor count and RSS at every epoch end.</summary>
internal sealed class MemoryProbe : Callback
{
    public List<(long Live, double RssMb)> Epochs { get; } = [];

    public override void OnEpochEnd(int epoch, Logs logs)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Epochs.Add((Measure.LiveTensors(), Measure.RssMb()));
    }
}
