using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// A built-in metric with the training and evaluation loops' faster update forms (fast paths on): an update inside the
/// loop's own dispose scope and no_grad guard, and one update for many equal batches. Both give the values
/// <see cref="Metric.UpdateState"/> gives. The loops reach them through <see cref="UpdateInStep"/> and
/// <see cref="UpdateBatches"/>, which use them only when the metric's <c>UpdateState</c> is KerasSharp's own (a user's
/// subclass that overrides it is always updated through its override).
/// </summary>
internal interface IStepMetric
{
    /// <summary><see cref="Metric.UpdateState"/> inside the loop's dispose scope and under its no_grad guard, so the
    /// metric may skip its own.</summary>
    void UpdateStateInStep(Tensor yTrue, Tensor yPred, Tensor? sampleWeight);

    /// <summary>
    /// Unweighted <see cref="Metric.UpdateState"/> for <paramref name="batches"/> equal batches stacked along axis 0,
    /// with the same result as updating batch after batch. Returns false, changing nothing, when it cannot (values
    /// that are not per sample); the caller then updates batch by batch.
    /// </summary>
    bool UpdateStateBatches(Tensor yTrue, Tensor yPred, int batches);

    private static readonly ConcurrentDictionary<Type, bool> OwnUpdate = new();

    /// <summary>Updates <paramref name="metric"/> with one batch as the loops do with their fast paths on.</summary>
    static void UpdateInStep(Metric metric, Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        if (Own(metric) is { } step) step.UpdateStateInStep(yTrue, yPred, sampleWeight);
        else metric.UpdateState(yTrue, yPred, sampleWeight);
    }

    /// <summary><see cref="UpdateStateBatches"/> when <paramref name="metric"/> offers it, else false.</summary>
    static bool UpdateBatches(Metric metric, Tensor yTrue, Tensor yPred, int batches) =>
        Own(metric) is { } step && step.UpdateStateBatches(yTrue, yPred, batches);

    private static IStepMetric? Own(Metric metric) =>
        metric is IStepMetric step && OwnUpdate.GetOrAdd(metric.GetType(), static t =>
            t.GetMethod(nameof(Metric.UpdateState), [typeof(Tensor), typeof(Tensor), typeof(Tensor)])?.DeclaringType?.Assembly == typeof(Metric).Assembly)
            ? step : null;
}
