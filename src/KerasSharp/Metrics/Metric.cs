using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Base of Keras' metrics (<c>keras.metrics.Metric</c>): stateful, updated once per batch, read with
/// <see cref="Result"/>. Implementations keep their running state in tensors on the device of the data so
/// that updating needs no host synchronisation; only <see cref="Result"/> reads a value back.
/// Strings convert implicitly through <see cref="MetricRegistry"/> (<c>metrics: ["accuracy", "mae"]</c>).
/// </summary>
public abstract class Metric
{
    /// <summary>Creates a metric whose log key is <paramref name="name"/>.</summary>
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The key under which the value appears in logs and History (e.g. <c>accuracy</c>).</summary>
    public string Name { get; internal set; }

    /// <summary>Accumulates one batch. <paramref name="sampleWeight"/> (shape <c>(batch,)</c>) weights each sample.</summary>
    public abstract void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null);

    /// <summary>
    /// The metric's current value (running over every batch since the last <see cref="ResetState"/>). For a metric whose
    /// Keras <c>result()</c> is a vector (<see cref="ResultIsVector"/>: one value per threshold, class or output), the
    /// mean of <see cref="ResultValues"/>, which is what Keras' progress bar prints for it.
    /// </summary>
    public abstract double Result();

    /// <summary>
    /// Keras' <c>result()</c> as values: one element for a scalar result, or the whole vector when
    /// <see cref="ResultIsVector"/> (e.g. <c>Precision(thresholds: [0.3, 0.7])</c>, <c>F1Score()</c>,
    /// <c>R2Score(classAggregation: null)</c>). Fit and Evaluate put the vector in the logs they give callbacks
    /// (<see cref="Callbacks.Logs.TryGetValues"/>) and Fit in its History (<see cref="History.ValuesOf"/>); Evaluate's
    /// returned dictionary and the progress bar hold the mean.
    /// </summary>
    public virtual double[] ResultValues() => [Result()];

    /// <summary>Whether Keras' <c>result()</c> of this metric is a vector rather than a scalar (decided by its arguments).</summary>
    public virtual bool ResultIsVector => false;

    /// <summary>Clears the accumulated state (Keras does this at the start of each epoch and each evaluation).</summary>
    public abstract void ResetState();

    /// <summary>Keras' config dictionary (<c>name</c>, <c>dtype</c> and the metric's own arguments).</summary>
    public virtual Dictionary<string, object?> GetConfig() => new() { ["name"] = Name, ["dtype"] = "float32" };

    /// <summary>Resolves a registry name (<c>"accuracy"</c>, <c>"mae"</c>, <c>"auc"</c>, ...).</summary>
    public static implicit operator Metric(string name) => MetricRegistry.Get(name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
