namespace KerasSharp.Callbacks;

/// <summary>
/// A built-in callback whose batch hooks override <see cref="Callback"/>'s but whose use of them is narrower than the
/// overrides suggest (the progress bar only draws): it says so itself instead of <see cref="BatchHookUse"/> reading it
/// from its class.
/// </summary>
internal interface IDeclaresBatchHookUse
{
    /// <summary>See <see cref="BatchHookUse.ObservesTestBatches"/>.</summary>
    bool ObservesTestBatches { get; }

    /// <summary>See <see cref="BatchHookUse.ActsBetweenInferenceBatches"/>.</summary>
    bool ActsBetweenInferenceBatches { get; }
}
