using KerasSharp.Metrics;

namespace KerasSharp.Callbacks;

/// <summary>
/// What the monitoring callbacks share (Keras' <c>MonitorCallback</c>): the <c>mode</c> check, the direction of a
/// monitored quantity in <c>"auto"</c> mode, and reading the monitored value from the logs. Unlike Keras, which only
/// warns, a monitored key absent from the logs is an error that lists the keys present; an epoch on which Fit simply
/// did not validate (<c>validationFreq</c> &gt; 1) is skipped.
/// </summary>
internal static class MonitorSupport
{
    // Keras' metrics with _direction == "up"; every other built-in metric has "down", except Mean/Sum (no direction).
    private static readonly HashSet<string> Up = new(StringComparer.Ordinal)
    {
        "Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy", "TopKCategoricalAccuracy",
        "SparseTopKCategoricalAccuracy", "ShapeResolvedAccuracy", "AUC", "Precision", "Recall", "F1Score", "FBetaScore",
        "R2Score", "CosineSimilarityMetric", "SensitivityAtSpecificity", "SpecificityAtSensitivity", "PrecisionAtRecall",
        "RecallAtPrecision",
    };

    private static readonly HashSet<string> Down = new(StringComparer.Ordinal)
    {
        "BinaryCrossentropyMetric", "CategoricalCrossentropyMetric", "SparseCategoricalCrossentropyMetric",
        "CategoricalHingeMetric", "HingeMetric", "SquaredHingeMetric", "KLDivergenceMetric", "LogCoshError",
        "MeanAbsoluteErrorMetric", "MeanAbsolutePercentageErrorMetric", "MeanSquaredErrorMetric",
        "MeanSquaredLogarithmicErrorMetric", "PoissonMetric", "RootMeanSquaredError",
    };

    /// <summary>Checks Keras' <c>mode</c> argument (Keras falls back to "auto" with a warning; we refuse it).</summary>
    public static string CheckMode(string mode, string callbackName)
    {
        if (mode is "auto" or "min" or "max") return mode;
        throw new ArgumentException($"{callbackName}: mode must be \"auto\", \"min\" or \"max\", but received \"{mode}\".", nameof(mode));
    }

    /// <summary>
    /// True when larger values of <paramref name="monitor"/> are better. <c>"auto"</c> follows Keras: <c>loss</c> and
    /// <c>val_loss</c> are minimised; a compiled metric of that name is maximised or minimised by its kind (accuracy, AUC,
    /// precision, ... up; errors and cross-entropies down); anything else cannot be decided and is an error.
    /// </summary>
    public static bool HigherIsBetter(Model? model, string monitor, string mode, string callbackName)
    {
        if (mode == "min") return false;
        if (mode == "max") return true;
        var name = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor[4..] : monitor;
        if (name == "loss") return false;
        var metric = model?.Metrics.Concat(model.WeightedMetrics).FirstOrDefault(m => m.Name == name);
        for (var t = metric?.GetType(); t is not null && t != typeof(Metric); t = t.BaseType)
        {
            if (Up.Contains(t.Name)) return true;
            if (Down.Contains(t.Name)) return false;
        }
        throw new InvalidOperationException(
            $"{callbackName} received monitor=\"{monitor}\", but cannot determine automatically whether that metric should be " +
            "maximized or minimized. Pass mode: \"max\" to monitor the highest value, or mode: \"min\" for the lowest.");
    }

    /// <summary>
    /// Reads <paramref name="monitor"/> from epoch logs. Returns false (nothing to compare) on an epoch where Fit did not
    /// validate because of <c>validationFreq</c>; throws when the key is missing otherwise.
    /// </summary>
    public static bool TryGetEpochValue(Callback callback, Logs logs, string monitor, int epoch, string callbackName, out double value)
    {
        if (logs.TryGetValue(monitor, out value)) return true;
        if (monitor.StartsWith("val_", StringComparison.Ordinal)
            && callback.Params.TryGetValue("do_validation", out var dv) && dv is true
            && callback.Params.TryGetValue("validation_freq", out var vf) && vf is int freq && freq > 1
            && (epoch + 1) % freq != 0)
            return false;
        throw Missing(callback, logs, monitor, callbackName);
    }

    /// <summary>Reads <paramref name="monitor"/> from batch logs; throws when it is missing.</summary>
    public static double GetBatchValue(Callback callback, Logs logs, string monitor, string callbackName) =>
        logs.TryGetValue(monitor, out var value) ? value : throw Missing(callback, logs, monitor, callbackName);

    private static InvalidOperationException Missing(Callback callback, Logs logs, string monitor, string callbackName)
    {
        var message = $"{callbackName} is monitoring \"{monitor}\", which is not in the logs. Available keys: {string.Join(", ", logs.Keys)}.";
        if (monitor.StartsWith("val_", StringComparison.Ordinal)
            && !(callback.Params.TryGetValue("do_validation", out var dv) && dv is true))
            message += $" Fit has no validation data: pass validationData or validationSplit, or monitor \"{monitor[4..]}\".";
        return new InvalidOperationException(message);
    }

    /// <summary>Keras' <c>_is_improvement</c>: <c>current - delta</c> better than <paramref name="reference"/> (null: always).</summary>
    public static bool IsImprovement(double current, double? reference, bool higherIsBetter, double minDelta)
    {
        if (reference is not double r) return true;
        return higherIsBetter ? current - minDelta > r : current + minDelta < r;
    }
}
