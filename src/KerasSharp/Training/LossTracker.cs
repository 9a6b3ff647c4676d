using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Running mean of the batch losses weighted by batch size (Keras' <c>_loss_tracker</c>), accumulated on the device
/// so that a step needs no host synchronisation; <see cref="Result"/> reads it back.
/// </summary>
internal sealed class LossTracker : IDisposable
{
    private Tensor? total;
    private long count;

    public void Update(Tensor batchLoss, long batchSize)
    {
        using var _ = no_grad();
        var total = TotalOn(batchLoss.device);
        if (FastPaths.Enabled)
        {
            // One native call: the in-place add broadcasts the scalar, casts it to float64 and adds alpha * loss in
            // float64, exactly as the conversion chain below does in three extra calls.
            total.add_(batchLoss, alpha: batchSize);
        }
        else
        {
            total.add_(batchLoss.detach().reshape(1).to_type(ScalarType.Float64), alpha: batchSize);
        }
        count += batchSize;
    }

    /// <summary>
    /// <see cref="Update"/> for each element of <paramref name="batchLosses"/> in order, every batch of
    /// <paramref name="batchSize"/> samples, with the values those updates give (fast paths on): each float32 loss
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

    public double Result() => count == 0 || total is null ? 0 : total.item<double>() / count;

    public void Reset()
    {
        total?.zero_();
        count = 0;
    }

    public void Dispose() => total?.Dispose();
}
