namespace KerasSharp.Tests.TestSupport;

/// <summary>
/// The test classes that touch process-wide state run in this collection, one at a time, after the parallel ones
/// (xunit runs a collection with <c>DisableParallelization</c> alone): torch's global generator
/// (<c>Keras.Utils.SetRandomSeed</c>, <c>manual_seed</c>), Keras' name counters (<c>ClearSession</c>), the device, the
/// saving limits, the <c>FastPaths</c> switch and other statics, environment variables, threads, timings and native
/// memory statistics. Every other class runs in parallel with the others. A test class that seeds or sets a global
/// must carry <c>[Collection(GlobalState.Name)]</c>; <see cref="GlobalStateTests"/> finds such classes by what their
/// file calls and fails for any that does not.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalState
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Global state";
}
