using KerasSharp.Data;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Batches from an enumerable the caller gives (Keras' generator and dataset adapters), enumerated once per epoch.
/// Each batch is checked as in-memory data is (real numbers, a sample axis, the same count of samples in every input,
/// target and weight; finite values for training), moved to the model's device, and weighted by class when asked.
/// </summary>
internal class StreamBatches(Model model, IEnumerable<DataBatch?> data, bool training, IReadOnlyDictionary<int, double>? classWeight)
    : BatchSource
{
    private IEnumerator<DataBatch?>? enumerator;

    /// <inheritdoc />
    public override int? Steps => null;

    /// <inheritdoc />
    public override void BeginEpoch(bool shuffle)
    {
        enumerator?.Dispose();
        enumerator = data.GetEnumerator();
    }

    /// <inheritdoc />
    public override bool MoveNext(int step) => enumerator!.MoveNext();

    /// <inheritdoc />
    public override (Tensor[] X, Tensor[]? Y, Tensor? W) Current(int step) => Prepare(enumerator!.Current, step);

    /// <inheritdoc />
    public override void EndEpoch()
    {
        enumerator?.Dispose();
        enumerator = null;
    }

    /// <inheritdoc />
    public override void Dispose() => EndEpoch();

    /// <summary>Checks batch <paramref name="step"/> and makes it ready for a step.</summary>
    protected (Tensor[] X, Tensor[]? Y, Tensor? W) Prepare(DataBatch? batch, int step)
    {
        if (batch is null) throw new ArgumentException($"Batch {step} has a null x tensor.", Argument);
        var converted = new ConvertedInputs(Argument, scoped: true);
        var xs = converted.GetAll(batch.X, $"Batch {step}: x", model.InputCount, ConvertedInputs.InputNames(model), model);
        var ys = batch.Y is null ? null : converted.GetAll(batch.Y, $"Batch {step}: y", model.OutputCount, model.OutputNames, model);
        var w = batch.SampleWeight is null ? null : converted.Get(batch.SampleWeight, $"Batch {step}: sampleWeight");
        foreach (var x in xs)
            if (x.dim() == 0)
                throw new ArgumentException($"Batch {step}: x must have a sample axis, but received a scalar tensor.", Argument);
        long n = xs[0].size(0);
        if (ys is not null && n == 0)
            throw new ArgumentException($"Batch {step} has no samples: every batch needs at least one.", Argument);
        foreach (var (t, what) in xs.Skip(1).Select(t => (t, "x")).Concat((ys ?? []).Select(t => (t, "y"))).Concat(w is null ? [] : [(w, "sampleWeight")]))
            if (t.dim() == 0 || t.size(0) != n)
                throw new ArgumentException(
                    $"Batch {step}: x has {n} samples but {what} has {(t.dim() == 0 ? "no sample axis" : t.size(0).ToString())}.", Argument);
        var xb = xs.Select(Move).ToArray();
        var yb = ys?.Select(Move).ToArray();
        var wb = w is null ? null : Move(w.to_type(ScalarType.Float32));
        // As in-memory Fit checks all of x and y up front: a non-finite batch would turn the weights non-finite.
        if (training) InMemoryData.CheckBatchFinite(xb, yb, step, Argument);
        if (classWeight is not null)
            wb = TrainingChecks.CombineWeights(wb, TrainingChecks.ClassWeightsToSampleWeights(TrainingChecks.SingleTarget(model, yb, "classWeight"), classWeight));
        return (xb, yb, wb);
    }

    private Tensor Move(Tensor t)
    {
        var r = t.is_floating_point() && t.dtype != ScalarType.Float32 ? t.to_type(ScalarType.Float32) : t;
        return r.device_type != model.Device.type || r.device_index != model.Device.index ? r.to(model.Device) : r;
    }
}
