namespace KerasSharp.Training;

/// <summary>
/// Switch for the loops' planned strategies that do less work per step but compute bitwise the same results as the
/// plain loop: whole-array evaluation (<see cref="EvaluationBatcher"/>), merged inference batches
/// (<see cref="InferenceMerging"/>), in-step metric updates, gradient release instead of zeroing, the one-pass
/// finiteness check and the direct path of a small Predict. On by default; <c>KERASSHARP_FAST_PATHS=0</c> in the
/// environment turns them off at start-up (to compare timings or to rule them out when chasing a numerical question).
/// <c>tests/KerasSharp.Tests/Training/PerformanceGuardTests.cs</c> trains with both settings and requires identical
/// weights and history; <c>bench/</c> measures what they buy (<c>docs/performance.md</c>). Only <c>Training/</c> reads
/// it: the families (metrics, losses, layers) have one form each.
/// </summary>
internal static class FastPaths
{
    private static volatile bool enabled = Environment.GetEnvironmentVariable("KERASSHARP_FAST_PATHS") != "0";

    /// <summary>True when the fast paths are used (the default).</summary>
    public static bool Enabled
    {
        get => enabled;
        set => enabled = value;
    }
}
