using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.MeanMetricWrapper</c>: a function <c>(yTrue, yPred) =&gt; values</c> (one value per
/// sample, or more that are averaged per sample) whose running weighted mean <c>sum(v w) / sum(w)</c> is the
/// result; without weights, the mean over every sample seen.
/// </summary>
public class MeanMetricWrapper : Metric, IStepMetric
{
    private readonly Func<Tensor, Tensor, Tensor> fn;
    private readonly WeightedMeanState state = new();

    /// <summary>Wraps <paramref name="fn"/> under the log key <paramref name="name"/>.</summary>
    public MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string name) : this(fn, name, rowWise: false) { }

    /// <summary>Wraps a built-in function; <paramref name="rowWise"/> says that each value depends on its own sample
    /// alone, so that several batches can be updated at once (<see cref="IStepMetric.UpdateStateBatches"/>).</summary>
    private protected MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string name, bool rowWise) : base(name)
    {
        this.fn = fn ?? throw new ArgumentNullException(nameof(fn));
        this.rowWise = rowWise;
    }

    private readonly bool rowWise;

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Under no_grad detaching changes nothing, so the inputs are used as they are.
        state.Update(fn(yTrue, yPred), sampleWeight);
    }

    void IStepMetric.UpdateStateInStep(Tensor yTrue, Tensor yPred, Tensor? sampleWeight) =>
        state.Update(fn(yTrue, yPred), sampleWeight, ownScope: false);

    bool IStepMetric.UpdateStateBatches(Tensor yTrue, Tensor yPred, int batches)
    {
        if (!rowWise) return false;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return state.UpdateBatches(fn(yTrue, yPred), batches);
    }

    /// <inheritdoc />
    public override double Result() => state.Result();

    /// <inheritdoc />
    public override void ResetState() => state.Reset();
}
