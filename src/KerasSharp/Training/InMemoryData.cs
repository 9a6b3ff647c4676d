using KerasSharp.Data;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// x, y and optional per-sample weights held as tensors on the model's device, sliced into batches
/// (Keras' array data adapter). Floating data is stored as float32 once, so batches need no per-step conversion.
/// </summary>
internal sealed class InMemoryData : IDisposable
{
    private readonly List<Tensor> owned = [];

    public InMemoryData(Tensor x, Tensor? y, Tensor? sampleWeight, Device device, string xName = "x", string yName = "y")
    {
        long n = CheckCardinality(x, y, sampleWeight, xName, yName);
        CheckFinite(x, xName);
        if (y is not null) CheckFinite(y, yName);
        if (sampleWeight is not null) CheckFinite(sampleWeight, nameof(sampleWeight));
        X = Prepare(x, device);
        Y = y is null ? null : Prepare(y, device);
        SampleWeight = sampleWeight is null ? null : Prepare(sampleWeight.to_type(ScalarType.Float32), device);
        Count = n;
    }

    /// <summary>
    /// Checks that x has a sample axis and that y and the sample weights have as many samples; returns that count.
    /// Fit calls it before splitting off validation data, the constructor on every data set.
    /// </summary>
    public static long CheckCardinality(Tensor x, Tensor? y, Tensor? sampleWeight, string xName = "x", string yName = "y")
    {
        if (x.dim() == 0)
            throw new ArgumentException($"{xName} must have a sample axis, but received a scalar tensor.", xName);
        long n = x.shape[0];
        if (y is not null && (y.dim() == 0 || y.shape[0] != n))
            throw new ArgumentException(
                $"Data cardinality is ambiguous: {xName} has {n} samples but {yName} has {(y.dim() == 0 ? "no sample axis" : y.shape[0].ToString())}. " +
                $"Make sure {xName} and {yName} have the same number of samples.", yName);
        if (sampleWeight is not null && (sampleWeight.dim() == 0 || sampleWeight.shape[0] != n))
            throw new ArgumentException(
                $"sampleWeight must have one weight per sample ({n}), but received shape ({string.Join(", ", sampleWeight.shape)}).", nameof(sampleWeight));
        return n;
    }

    public Tensor X { get; }
    public Tensor? Y { get; }
    public Tensor? SampleWeight { get; }
    public long Count { get; }

    /// <summary>
    /// <see cref="ArrayConversion.CheckFinite"/>, which writes a mask of the whole data set and reduces it. With
    /// <see cref="FastPaths"/> on, one sum runs first: NaN and infinities propagate through a sum, so a finite sum proves
    /// every value finite without the mask; a non-finite sum (bad data, or a finite overflow) falls back to the full
    /// check and its exact error message.
    /// </summary>
    private static void CheckFinite(Tensor t, string name)
    {
        if (FastPaths.Enabled && t.is_floating_point() && t.numel() > 0)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            if (isfinite(t.sum()).item<bool>()) return;
        }
        ArrayConversion.CheckFinite(t, name);
    }

    /// <summary>Steps needed for one pass with <paramref name="batchSize"/> (the last batch may be partial).</summary>
    public int Steps(int batchSize) => (int)((Count + batchSize - 1) / batchSize);

    /// <summary>Batch <paramref name="step"/>: contiguous slice, or rows <c>order[start..end]</c> when shuffled.</summary>
    public (Tensor X, Tensor? Y, Tensor? W) Batch(int step, int batchSize, Tensor? order)
    {
        long start = (long)step * batchSize;
        long len = Math.Min(batchSize, Count - start);
        if (order is null)
            return (X.narrow(0, start, len), Y?.narrow(0, start, len), SampleWeight?.narrow(0, start, len));
        var idx = order.narrow(0, start, len);
        return (X.index_select(0, idx), Y?.index_select(0, idx), SampleWeight?.index_select(0, idx));
    }

    /// <summary>Splits off the last <paramref name="fraction"/> of samples (Keras' validation_split, before shuffling).</summary>
    public static (Tensor Train, Tensor Val) SplitLast(Tensor t, double fraction)
    {
        long n = t.shape[0];
        long splitAt = (long)Math.Floor(n * (1.0 - fraction));
        return (t.narrow(0, 0, splitAt), t.narrow(0, splitAt, n - splitAt));
    }

    private Tensor Prepare(Tensor t, Device device)
    {
        var r = t;
        if (r.is_floating_point() && r.dtype != ScalarType.Float32) r = r.to_type(ScalarType.Float32);
        if (r.device_type != device.type || r.device_index != device.index) r = r.to(device);
        if (!ReferenceEquals(r, t))
        {
            r.DetachFromDisposeScope();
            owned.Add(r);
        }
        return r;
    }

    public void Dispose()
    {
        foreach (var t in owned) t.Dispose();
        owned.Clear();
    }
}
