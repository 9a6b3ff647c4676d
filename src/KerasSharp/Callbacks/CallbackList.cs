namespace KerasSharp.Callbacks;

/// <summary>
/// Dispatches every hook to a list of callbacks in order (Keras' <c>CallbackList</c>). Fit's list is the user's
/// callbacks, then <see cref="History"/>, then <see cref="ProgbarLogger"/> (when verbose), as in Keras.
/// </summary>
internal sealed class CallbackList
{
    private readonly List<Callback> callbacks;

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
        }
    }

    public bool Any => callbacks.Count > 0;

    public void TrainBegin(Logs l) { foreach (var c in callbacks) c.OnTrainBegin(l); }
    public void TrainEnd(Logs l) { foreach (var c in callbacks) c.OnTrainEnd(l); }
    public void EpochBegin(int e, Logs l) { foreach (var c in callbacks) c.OnEpochBegin(e, l); }
    public void EpochEnd(int e, Logs l) { foreach (var c in callbacks) c.OnEpochEnd(e, l); }
    public void TrainBatchBegin(int b, Logs l) { foreach (var c in callbacks) c.OnTrainBatchBegin(b, l); }
    public void TrainBatchEnd(int b, Logs l) { foreach (var c in callbacks) c.OnTrainBatchEnd(b, l); }
    public void TestBegin(Logs l) { foreach (var c in callbacks) c.OnTestBegin(l); }
    public void TestEnd(Logs l) { foreach (var c in callbacks) c.OnTestEnd(l); }
    public void TestBatchBegin(int b, Logs l) { foreach (var c in callbacks) c.OnTestBatchBegin(b, l); }
    public void TestBatchEnd(int b, Logs l) { foreach (var c in callbacks) c.OnTestBatchEnd(b, l); }
    public void PredictBegin(Logs l) { foreach (var c in callbacks) c.OnPredictBegin(l); }
    public void PredictEnd(Logs l) { foreach (var c in callbacks) c.OnPredictEnd(l); }
    public void PredictBatchBegin(int b, Logs l) { foreach (var c in callbacks) c.OnPredictBatchBegin(b, l); }
    public void PredictBatchEnd(int b, Logs l) { foreach (var c in callbacks) c.OnPredictBatchEnd(b, l); }
}
