using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Running mean of the batch losses weighted by batch size (Keras' <c>_loss_tracker</c>), accumulated on the device
/// so that a step needs no host synchronisation; <see cref="Result"/> reads it back. The model's "loss" entry of
/// <see cref="Model.Metrics"/> is a <see cref="Metrics.Mean"/> backed by the tracker of its compiled loss, so a custom
/// step that updates that Mean and the default step share one running mean, as in Keras.
/// </summary>
internal sealed class LossTracker : Metrics.IMeanState, IDisposable
{
    private Tensor? total;
    private double count;

    public void Update(Tensor batchLoss, long batchSize)
    {
        using var _ = no_grad();
        var total = TotalOn(batchLoss.device);
        // One native call: the in-place add broadcasts the scalar, casts it to float64 and adds alpha * loss in float64
        // (the same values as reshaping and casting first).
        total.add_(batchLoss, alpha: batchSize);
        count += batchSize;
    }

    /// <summary>
    /// <see cref="Update"/> for each element of <paramref name="batchLosses"/> in order, every batch of
    /// <paramref name="batchSize"/> samples, with the values those updates give: each float32 loss
    /// times the batch size is exact in float64, and the sums are rounded in the same order, here on the host.
    /// </summary>
    public void UpdateInOrder(Tensor batchLosses, long batchSize)
    {
        var losses = batchLosses.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        var total = TotalOn(CPU);
        double t = total.item<double>();
        foreach (var loss in losses) t += loss * batchSize;
        total.fill_(t);
        count += batchSize * losses.Length;
    }

    /// <summary>
    /// Keras' <c>Mean.update_state(values, sample_weight)</c> on this tracker, in float64: values with more than one
    /// axis are first averaged per sample; each sample is weighted by <paramref name="sampleWeight"/> (a scalar weighs
    /// every sample, as Keras' loss tracker's <c>sample_weight=batch_size</c>), and the count grows by the weight sum
    /// (or the number of values when unweighted).
    /// </summary>
    /// <exception cref="ArgumentException">The weights do not broadcast to the values.</exception>
    public void UpdateMean(Tensor values, Tensor? sampleWeight)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var v = values.detach().to_type(ScalarType.Float64);
        Tensor n;
        if (sampleWeight is null)
        {
            n = tensor(v.dim() >= 1 ? (double)v.size(0) : 1.0, ScalarType.Float64, v.device);
        }
        else
        {
            Tensor w;
            try { (v, w) = Metrics.WeightedMeanState.Weigh(v, sampleWeight.detach().to(v.device).to_type(ScalarType.Float64)); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new ArgumentException($"sampleWeight of shape [{string.Join(", ", sampleWeight.shape)}] does not broadcast to the values' shape [{string.Join(", ", values.shape)}].", nameof(sampleWeight), e);
            }
            n = w.sum();
        }
        if (v.dim() > 1) v = v.mean(Metrics.WeightedMeanState.Range(1, v.dim()));
        TotalOn(v.device).add_(v.sum().reshape(1));
        count += n.item<double>();
    }

    // The running total on `device`, started anew (at zero) when it lives elsewhere.
    private Tensor TotalOn(Device device)
    {
        if (total is null || total.device_type != device.type || total.device_index != device.index)
        {
            total?.Dispose();
            total = zeros(1, ScalarType.Float64, device).DetachFromDisposeScope();
        }
        return total;
    }

    /// <summary>The running mean: total over count (0 before any update, as Keras' Mean).</summary>
    public double Result() => count == 0 || total is null ? 0 : total.item<double>() / count;

    public void Reset()
    {
        total?.zero_();
        count = 0;
    }

    public void Dispose() => total?.Dispose();
}
