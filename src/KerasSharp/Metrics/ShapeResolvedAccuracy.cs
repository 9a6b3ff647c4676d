using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// The compile string <c>"accuracy"</c> / <c>"acc"</c> (Keras 3 <c>trainers/compile_utils.py get_metric</c>): at the
/// first update the shapes choose <see cref="BinaryAccuracy"/> (prediction last dim 1),
/// <see cref="SparseCategoricalAccuracy"/> (target rank below prediction rank, or target last dim 1 with prediction
/// last dim above 1) or <see cref="CategoricalAccuracy"/>. The name stays the string the user passed.
/// </summary>
internal sealed class ShapeResolvedAccuracy(string name) : Metric(name), IStepMetric
{
    /// <summary>The metric chosen at the first update (null before).</summary>
    internal Metric? Resolved { get; private set; }

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        Resolved ??= Resolve(yTrue, yPred, Name);
        Resolved.UpdateState(yTrue, yPred, sampleWeight);
    }

    void IStepMetric.UpdateStateInStep(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        Resolved ??= Resolve(yTrue, yPred, Name);
        IStepMetric.UpdateInStep(Resolved, yTrue, yPred, sampleWeight);
    }

    bool IStepMetric.UpdateStateBatches(Tensor yTrue, Tensor yPred, int batches)
    {
        Resolved ??= Resolve(yTrue, yPred, Name);
        return IStepMetric.UpdateBatches(Resolved, yTrue, yPred, batches);
    }

    /// <inheritdoc />
    public override double Result() => Resolved?.Result() ?? 0.0;

    /// <inheritdoc />
    public override void ResetState() => Resolved?.ResetState();

    private static Metric Resolve(Tensor yTrue, Tensor yPred, string name)
    {
        long tLast = yTrue.dim() > 0 ? yTrue.shape[^1] : 1, pLast = yPred.dim() > 0 ? yPred.shape[^1] : 1;
        bool isBinary = pLast == 1;
        bool isSparse = yTrue.dim() < yPred.dim() || (tLast == 1 && pLast > 1);
        if (isBinary) return new BinaryAccuracy(name: name);
        if (isSparse) return new SparseCategoricalAccuracy(name: name);
        return new CategoricalAccuracy(name: name);
    }
}
