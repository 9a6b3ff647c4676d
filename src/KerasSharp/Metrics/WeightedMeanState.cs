using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>Mean</c> state (<c>total</c>, <c>count</c>) with its <c>reduce_to_samplewise_values</c> rule: values
/// are reduced to one per sample (mean over non-batch axes), weighted, summed into <c>total</c>; <c>count</c> grows by
/// the weight sum (or the number of samples when unweighted). No host synchronisation until <see cref="Result"/>.
/// Unweighted sample counts are summed on the host while every count so far is a whole number (sums of whole numbers
/// are exact in float64, so the result is bitwise that of adding them on the device), and the values are not detached
/// (updates run under no_grad, so detaching changes nothing).
/// </summary>
internal sealed class WeightedMeanState
{
    private readonly MetricVariable total = new();
    private readonly MetricVariable count = new();
    private double hostCount;           // unweighted sample counts not yet added to count
    private bool countIsWhole = true;   // no weighted update since the last reset

    /// <summary>Accumulates <paramref name="values"/> weighted by <paramref name="sampleWeight"/>.</summary>
    /// <param name="values">Per-sample values (bool matches are counted as 0/1).</param>
    /// <param name="sampleWeight">Optional per-sample weights.</param>
    /// <param name="ownScope">False when the caller already runs inside a dispose scope and under no_grad (the training
    /// loop's in-step update): the update then opens neither.</param>
    public void Update(Tensor values, Tensor? sampleWeight, bool ownScope = true)
    {
        using var scope = ownScope ? NewDisposeScope() : null;
        using var noGrad = ownScope ? no_grad() : null;
        // Under no_grad (this update's or the caller's), so the values need no detach.
        var v = values;
        // Values are cast to float where they are weighted or averaged over inner axes. A 1-D unweighted update (accuracy's
        // bool matches) is summed as it is: the state's in-place add converts the whole-number count exactly, as the
        // float cast and float sum of 0/1 values would.
        bool countMatches = v.dtype == ScalarType.Bool && sampleWeight is null && v.dim() == 1;
        if (!v.is_floating_point() && !countMatches) v = v.to_type(ScalarType.Float32);
        Tensor? n;
        if (sampleWeight is not null)
        {
            FlushHostCount(v.device);
            countIsWhole = false;
            (v, var w) = Weigh(v, sampleWeight.detach().to(v.device).to_type(v.dtype));
            n = w.sum();
        }
        else if (countIsWhole && v.device_type != TorchSharp.DeviceType.MPS)
        {
            hostCount += v.dim() >= 1 ? v.size(0) : 1;
            n = null;
        }
        else
        {
            FlushHostCount(v.device);
            n = tensor(v.dim() >= 1 ? (double)v.size(0) : 1.0, ScalarType.Float64, v.device);
        }
        if (v.dim() > 1) v = v.mean(Range(1, v.dim()));
        total.Add(v.device, v.sum());
        if (n is not null) count.Add(v.device, n);
    }

    /// <summary>
    /// <see cref="Update"/> (unweighted) for <paramref name="batches"/> equal batches whose per-sample
    /// values are stacked along axis 0 of <paramref name="values"/>, applied batch after batch: each batch's sum is
    /// reduced over the same elements as its own update would be, and the running total takes the sums in batch order
    /// in float64 on the host, as the in-place adds would. Returns false, changing nothing, where that cannot be
    /// guaranteed (a weighted update since the reset, a device other than the CPU, rows too long).
    /// </summary>
    public bool UpdateBatches(Tensor values, int batches)
    {
        if (!countIsWhole || values.device_type != TorchSharp.DeviceType.CPU || batches < 1
            || values.dim() < 1 || values.size(0) % batches != 0)
            return false;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var v = values;
        bool countMatches = v.dtype == ScalarType.Bool && v.dim() == 1;
        if (!v.is_floating_point() && !countMatches) v = v.to_type(ScalarType.Float32);
        if (v.dim() > 1) v = v.mean(Range(1, v.dim()));
        var perBatch = v.reshape(batches, -1);
        if (perBatch.size(1) > Internal.ReductionGrain.MaxRowElements) return false;
        var sums = perBatch.sum(1).to_type(ScalarType.Float64).data<double>().ToArray();
        total.AddInOrder(v.device, sums);
        hostCount += v.size(0);
        return true;
    }

    private void FlushHostCount(Device device)
    {
        if (hostCount == 0) return;
        count.Add(device, tensor(hostCount, ScalarType.Float64, device));
        hostCount = 0;
    }

    /// <summary><c>total / count</c> (0 when nothing was counted).</summary>
    public double Result()
    {
        if (!total.Exists) return 0.0;
        double t = total.Read()[0], c = (count.Exists ? count.Read()[0] : 0.0) + hostCount;
        return c == 0 ? 0.0 : t / c;
    }

    /// <summary>Zeroes total and count.</summary>
    public void Reset()
    {
        total.Reset();
        count.Reset();
        hostCount = 0;
        countIsWhole = true;
    }

    /// <summary>
    /// The weighting of Keras' <c>reduce_to_samplewise_values</c>: ranks aligned (a trailing axis of 1 added or
    /// dropped), values averaged over the axes the weights lack, weights broadcast to the values, values times weights,
    /// and weights of more than one axis averaged per sample. Returns the weighted values and the per-sample weights
    /// whose sum is the count. The weights must already have the values' dtype and device.
    /// </summary>
    internal static (Tensor Values, Tensor Weights) Weigh(Tensor values, Tensor weights)
    {
        var (v, w) = Losses.LossFunctions.SameRank(values, weights);
        if (v.dim() > w.dim()) v = v.mean(Range(w.dim(), v.dim()));
        w = w.broadcast_to(v.shape);
        v = v * w;
        if (w.dim() > 1) w = w.mean(Range(1, w.dim()));
        return (v, w);
    }

    internal static long[] Range(long from, long to)
    {
        var r = new long[to - from];
        for (long i = from; i < to; i++) r[i - from] = i;
        return r;
    }
}
