namespace KerasSharp.Training;

/// <summary>
/// Switch for the inference strategies that do less work per batch but compute bitwise the same results as the plain
/// loop: whole-array evaluation (<see cref="EvaluationBatcher"/>), merged inference batches
/// (<see cref="InferenceMerging"/>) and the direct path of a small Predict, all decided once per call by
/// <see cref="InferencePlan"/>. On by default; <c>KERASSHARP_FAST_PATHS=0</c> in the environment turns them off at
/// start-up (to compare timings or to rule them out when chasing a numerical question).
/// <c>tests/KerasSharp.Tests/Training/PerformanceGuardTests.cs</c> runs with both settings and requires identical
/// weights, history and predictions; <c>bench/</c> measures what they buy (<c>docs/performance.md</c>). Only the
/// inference planners in <c>Training/</c> read it; the training step has one form (gradients released, not zeroed;
/// metrics updated in the step's scope; the finiteness check's one sum first), and the families (metrics, losses,
/// layers) have one form each.
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
