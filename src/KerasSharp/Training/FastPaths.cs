namespace KerasSharp.Training;

/// <summary>
/// Switch for the training loop's fast paths: shortcuts that do less work per step (fewer native calls, no
/// gradient zeroing, counts kept on the host, a one-pass finiteness check) but compute bitwise the same results as
/// the plain code they replace. On by default; <c>KERASSHARP_FAST_PATHS=0</c> in the environment turns them off at
/// start-up (to compare timings or to rule them out when chasing a numerical question).
/// <c>tests/KerasSharp.Tests/Training/PerformanceGuardTests.cs</c> trains with both settings and requires identical
/// weights and history; <c>bench/</c> measures what they buy (<c>docs/performance.md</c>).
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
