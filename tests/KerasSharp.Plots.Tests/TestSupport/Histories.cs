using KerasSharp.Callbacks;

namespace KerasSharp.Plots.Tests.TestSupport;

/// <summary>Builds <see cref="History"/> objects the way Fit fills them (OnTrainBegin, then OnEpochEnd per epoch).</summary>
internal static class Histories
{
    public static History Make(params (string Key, double[] Values)[] series)
    {
        var history = new History();
        history.OnTrainBegin(new Logs());
        int epochs = series.Length == 0 ? 0 : series.Max(s => s.Values.Length);
        for (int e = 0; e < epochs; e++)
            history.OnEpochEnd(e, new Logs(series.Where(s => e < s.Values.Length).Select(s => KeyValuePair.Create(s.Key, s.Values[e]))));
        return history;
    }

    /// <summary>Sets Monitor and BestEpoch as early stopping does (their setters are internal to KerasSharp).</summary>
    public static History WithBest(this History history, int bestEpoch, string monitor)
    {
        typeof(History).GetProperty(nameof(History.BestEpoch))!.SetValue(history, bestEpoch);
        typeof(History).GetProperty(nameof(History.Monitor))!.SetValue(history, monitor);
        return history;
    }
}
