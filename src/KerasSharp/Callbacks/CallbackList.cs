namespace KerasSharp.Callbacks;

/// <summary>
/// Dispatches every hook to a list of callbacks in order (Keras' <c>CallbackList</c>). Fit's list is the user's
/// callbacks, then <see cref="History"/>, then <see cref="ProgbarLogger"/> (when verbose), as in Keras.
/// When a hook throws, the list remembers which callback failed; <see cref="EndAfterFailure"/> then lets the other
/// callbacks whose training began run <see cref="Callback.OnTrainEnd"/> (files flushed and closed) before the
/// exception leaves Fit.
/// </summary>
internal sealed class CallbackList
{
    private readonly List<Callback> callbacks;
    private readonly HashSet<Callback> begun = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Callback> ended = new(ReferenceEqualityComparer.Instance);
    private Callback? failed;

    public CallbackList(IEnumerable<Callback>? user, Model model, IReadOnlyDictionary<string, object?> parameters,
        History? history, int verbose)
    {
        callbacks = user?.ToList() ?? [];
        if (callbacks.Any(c => c is null))
            throw new ArgumentException("callbacks must not contain null entries.", "callbacks");
        if (history is not null && !callbacks.Contains(history)) callbacks.Add(history);
        if (verbose != 0 && !callbacks.OfType<ProgbarLogger>().Any()) callbacks.Add(new ProgbarLogger());
        foreach (var c in callbacks)
        {
            c.SetModel(model);
            c.SetParams(parameters);
            c.RunHistory = history;
        }
    }

    public bool Any => callbacks.Count > 0;

    /// <summary>True when some callback runs code between inference batches (<see cref="BatchHookUse.ActsBetweenInferenceBatches"/>).</summary>
    public bool ActsBetweenInferenceBatches => actsBetweenInferenceBatches ??= callbacks.Any(BatchHookUse.ActsBetweenInferenceBatches);

    private bool? actsBetweenInferenceBatches;

    /// <summary>True when some callback acts on single evaluation batches (<see cref="BatchHookUse.ObservesTestBatches"/>).</summary>
    public bool ObservesTestBatches => callbacks.Any(BatchHookUse.ObservesTestBatches);

    private void Each(Action<Callback> hook)
    {
        foreach (var c in callbacks)
        {
            try
            {
                hook(c);
            }
            catch
            {
                failed ??= c;
                throw;
            }
        }
    }

    public void TrainBegin(Logs l) => Each(c => { begun.Add(c); c.OnTrainBegin(l); });
    public void TrainEnd(Logs l) => Each(c => { ended.Add(c); c.OnTrainEnd(l); });
    public void EpochBegin(int e, Logs l) => Each(c => c.OnEpochBegin(e, l));
    public void EpochEnd(int e, Logs l) => Each(c => c.OnEpochEnd(e, l));
    public void TrainBatchBegin(int b, Logs l) => Each(c => c.OnTrainBatchBegin(b, l));
    public void TrainBatchEnd(int b, Logs l) => Each(c => c.OnTrainBatchEnd(b, l));
    public void TestBegin(Logs l) => Each(c => c.OnTestBegin(l));
    public void TestEnd(Logs l) => Each(c => c.OnTestEnd(l));
    public void TestBatchBegin(int b, Logs l) => Each(c => c.OnTestBatchBegin(b, l));
    public void TestBatchEnd(int b, Logs l) => Each(c => c.OnTestBatchEnd(b, l));
    public void PredictBegin(Logs l) => Each(c => c.OnPredictBegin(l));
    public void PredictEnd(Logs l) => Each(c => c.OnPredictEnd(l));
    public void PredictBatchBegin(int b, Logs l) => Each(c => c.OnPredictBatchBegin(b, l));
    public void PredictBatchEnd(int b, Logs l) => Each(c => c.OnPredictBatchEnd(b, l));

    /// <summary>The first epoch Fit runs: <paramref name="requested"/>, unless a callback resumes an interrupted run
    /// (<see cref="BackupAndRestore"/>), asked after <see cref="TrainBegin"/>.</summary>
    public int InitialEpoch(int requested)
    {
        int? resume = null;
        foreach (var c in callbacks.OfType<IResumesTraining>())
            if (c.ResumeEpoch is int e) resume = Math.Max(resume ?? e, e);
        return resume ?? requested;
    }

    /// <summary>
    /// After <paramref name="error"/> left the training loop: tells failure-aware callbacks, then runs
    /// <see cref="Callback.OnTrainEnd"/> of every callback that began training, has not ended, and is not the one that
    /// threw. Errors raised here are dropped so that <paramref name="error"/> is what Fit throws.
    /// </summary>
    public void EndAfterFailure(Logs logs, Exception error)
    {
        foreach (var c in callbacks)
        {
            if (c is ITrainFailureAware aware && begun.Contains(c))
            {
                try { aware.OnTrainFailure(error); }
                catch (Exception) { /* the original error wins */ }
            }
        }
        foreach (var c in callbacks)
        {
            if (!begun.Contains(c) || ended.Contains(c) || ReferenceEquals(c, failed)) continue;
            ended.Add(c);
            try { c.OnTrainEnd(logs); }
            catch (Exception) { /* the original error wins */ }
        }
    }
}

/// <summary>A callback that can make Fit resume at a later epoch (asked right after OnTrainBegin).</summary>
internal interface IResumesTraining
{
    /// <summary>The epoch to start at, or null to keep Fit's <c>initialEpoch</c>.</summary>
    int? ResumeEpoch { get; }
}

/// <summary>A callback told that Fit is ending because of an exception (before the OnTrainEnd calls that follow).</summary>
internal interface ITrainFailureAware
{
    /// <summary>Fit failed with <paramref name="error"/>; called even on the callback that threw.</summary>
    void OnTrainFailure(Exception error);
}
