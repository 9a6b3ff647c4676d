using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.RootMeanSquaredError</c>: <c>sqrt</c> of the running (weighted) mean of squared errors.
/// </summary>
public sealed class RootMeanSquaredError : Metric
{
    private readonly WeightedMeanState state = new();

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The log key (Keras default <c>root_mean_squared_error</c>).</param>
    public RootMeanSquaredError(string name = "root_mean_squared_error") : base(name) { }

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (t, p) = Losses.LossFunctions.Prepare(yTrue.detach(), yPred.detach());
        state.Update((p - t).square(), sampleWeight);
    }

    /// <inheritdoc />
    public override double Result() => Math.Sqrt(state.Result());

    /// <inheritdoc />
    public override void ResetState() => state.Reset();
}
