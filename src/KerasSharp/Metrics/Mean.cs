using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.Mean</c>: the running (weighted) mean of the values given to
/// <see cref="UpdateState(Tensor, Tensor?)"/>; values with more than one axis are first averaged per sample.
/// </summary>
public sealed class Mean : Metric
{
    private readonly WeightedMeanState? state;
    private readonly IMeanState? tracker;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>mean</c>).</param>
    public Mean(string name = "mean") : base(name) => state = new WeightedMeanState();

    /// <summary>A model's loss tracker (Keras' <c>_loss_tracker</c>, the "loss" entry of <see cref="Model.Metrics"/>):
    /// a Mean whose running total is the compiled loss's, kept in float64.</summary>
    internal Mean(string name, IMeanState tracker) : base(name) => this.tracker = tracker;

    /// <summary>Accumulates <paramref name="values"/>, each sample weighted by <paramref name="sampleWeight"/> (Keras' <c>update_state(values, sample_weight)</c>).</summary>
    public void UpdateState(Tensor values, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (tracker is not null) tracker.UpdateMean(values, sampleWeight);
        else state!.Update(values, sampleWeight);
    }

    /// <summary>As a compiled metric: accumulates <paramref name="yPred"/> (the targets are not used).</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => UpdateState(yPred, sampleWeight);

    /// <inheritdoc />
    public override double Result() => tracker?.Result() ?? state!.Result();

    /// <inheritdoc />
    public override void ResetState()
    {
        if (tracker is not null) tracker.Reset();
        else state!.Reset();
    }
}
