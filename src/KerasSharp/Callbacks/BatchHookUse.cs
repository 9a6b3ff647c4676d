using System.Collections.Concurrent;

namespace KerasSharp.Callbacks;

/// <summary>
/// What a callback does between single evaluation or Predict batches, which decides whether the loops may batch their
/// bookkeeping: read from the hooks a callback's class overrides, unless the callback declares it
/// (<see cref="IDeclaresBatchHookUse"/>).
/// </summary>
internal static class BatchHookUse
{
    private static readonly ConcurrentDictionary<Type, bool> ObservingTypes = new();
    private static readonly ConcurrentDictionary<Type, bool> ActingTypes = new();

    /// <summary>
    /// True when <paramref name="callback"/> acts on single evaluation batches (its class overrides
    /// <see cref="Callback.OnTestBatchBegin"/> or <see cref="Callback.OnTestBatchEnd"/>). Evaluation then updates the
    /// loss and metrics batch by batch, so that the logs a batch hook reads are that batch's; otherwise it may update
    /// them for many batches at once, with the same results.
    /// </summary>
    public static bool ObservesTestBatches(Callback callback) => callback is IDeclaresBatchHookUse declared
        ? declared.ObservesTestBatches
        : ObservingTypes.GetOrAdd(callback.GetType(), static t =>
            Overrides(t, nameof(Callback.OnTestBatchBegin)) || Overrides(t, nameof(Callback.OnTestBatchEnd)));

    /// <summary>
    /// True when <paramref name="callback"/> runs code between two Predict or evaluation batches (its class overrides a
    /// batch hook of either), code that may change the weights: the loops then drop what they derived from the weights
    /// after each such hook (<see cref="Internal.FrozenWeights"/>).
    /// </summary>
    public static bool ActsBetweenInferenceBatches(Callback callback) => callback is IDeclaresBatchHookUse declared
        ? declared.ActsBetweenInferenceBatches
        : ActingTypes.GetOrAdd(callback.GetType(), static t =>
            Overrides(t, nameof(Callback.OnTestBatchBegin)) || Overrides(t, nameof(Callback.OnTestBatchEnd)) ||
            Overrides(t, nameof(Callback.OnPredictBatchBegin)) || Overrides(t, nameof(Callback.OnPredictBatchEnd)));

    private static bool Overrides(Type type, string hook) =>
        Internal.OverrideCheck.Overrides(type, hook, [typeof(int), typeof(Logs)], typeof(Callback));
}
