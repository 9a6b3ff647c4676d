using KerasSharp.Data;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// x, y and optional per-sample weights held as tensors on the model's device, sliced into batches
/// (Keras' array data adapter). Floating data is stored as float32 once, so batches need no per-step conversion.
/// A model with several inputs or outputs has one x or y tensor per input or output, all with the same sample count.
/// </summary>
internal sealed class InMemoryData : IDisposable
{
    private readonly List<Tensor> owned = [];

    public InMemoryData(Tensor x, Tensor? y, Tensor? sampleWeight, Device device, string xName = "x", string yName = "y")
        : this([x], y is null ? null : [y], sampleWeight, device, xName, yName)
    {
    }

    /// <summary>Checks the data and keeps it (as float32 on <paramref name="device"/>) for batching.</summary>
    /// <param name="xs">One x tensor per model input.</param>
    /// <param name="ys">One y tensor per model output, or null (Predict).</param>
    /// <param name="sampleWeight">Optional per-sample weights.</param>
    /// <param name="device">The model's device.</param>
    /// <param name="xName">Argument name for x in error messages.</param>
    /// <param name="yName">Argument name for y in error messages.</param>
    /// <param name="checkFinite">Reject NaN and infinities up front (training data: a non-finite value would corrupt the
    /// weights). Evaluate and Predict pass false: as in Keras, a non-finite input gives non-finite results, and the
    /// scan would cost a full pass over the data per call.</param>
    public InMemoryData(IReadOnlyList<Tensor> xs, IReadOnlyList<Tensor>? ys, Tensor? sampleWeight, Device device, string xName = "x", string yName = "y",
        bool checkFinite = true)
    {
        long n = CheckCardinality(xs, ys, sampleWeight, xName, yName);
        if (checkFinite)
        {
            foreach (var (t, i) in xs.Select((t, i) => (t, i))) CheckFinite(t, Label(xName, i, xs.Count));
            if (ys is not null)
                foreach (var (t, i) in ys.Select((t, i) => (t, i))) CheckFinite(t, Label(yName, i, ys.Count));
            if (sampleWeight is not null) CheckFinite(sampleWeight, nameof(sampleWeight));
        }
        Xs = xs.Select(t => Prepare(t, device)).ToArray();
        Ys = ys?.Select(t => Prepare(t, device)).ToArray();
        SampleWeight = sampleWeight is null ? null : Prepare(sampleWeight.to_type(ScalarType.Float32), device);
        Count = n;
    }

    private static string Label(string name, int index, int count) => count == 1 ? name : $"{name}[{index}]";

    /// <summary>Single-tensor form of <see cref="CheckCardinality(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}?, Tensor?, string, string)"/>.</summary>
    public static long CheckCardinality(Tensor x, Tensor? y, Tensor? sampleWeight, string xName = "x", string yName = "y") =>
        CheckCardinality([x], y is null ? null : [y], sampleWeight, xName, yName);

    /// <summary>
    /// Checks that every x has a sample axis and that every y and the sample weights have as many samples; returns that
    /// count. Fit calls it before splitting off validation data, the constructor on every data set.
    /// </summary>
    public static long CheckCardinality(IReadOnlyList<Tensor> xs, IReadOnlyList<Tensor>? ys, Tensor? sampleWeight, string xName = "x", string yName = "y")
    {
        for (int i = 0; i < xs.Count; i++)
            if (xs[i].dim() == 0)
                throw new ArgumentException($"{Label(xName, i, xs.Count)} must have a sample axis, but received a scalar tensor.", xName);
        long n = xs[0].shape[0];
        for (int i = 1; i < xs.Count; i++)
            if (xs[i].shape[0] != n)
                throw new ArgumentException(
                    $"Data cardinality is ambiguous: {xName}[0] has {n} samples but {xName}[{i}] has {xs[i].shape[0]}. Every input needs the same number of samples.", xName);
        for (int i = 0; i < (ys?.Count ?? 0); i++)
        {
            var y = ys![i];
            if (y.dim() == 0 || y.shape[0] != n)
                throw new ArgumentException(
                    $"Data cardinality is ambiguous: {xName} has {n} samples but {Label(yName, i, ys.Count)} has {(y.dim() == 0 ? "no sample axis" : y.shape[0].ToString())}. " +
                    $"Make sure {xName} and {yName} have the same number of samples.", yName);
        }
        if (sampleWeight is not null && (sampleWeight.dim() == 0 || sampleWeight.shape[0] != n))
            throw new ArgumentException(
                $"sampleWeight must have one weight per sample ({n}), but received shape ({string.Join(", ", sampleWeight.shape)}).", nameof(sampleWeight));
        return n;
    }

    public IReadOnlyList<Tensor> Xs { get; }
    public IReadOnlyList<Tensor>? Ys { get; }
    public Tensor X => Xs[0];
    public Tensor? Y => Ys?[0];
    public Tensor? SampleWeight { get; }
    public long Count { get; }

    /// <summary>
    /// <see cref="ArrayConversion.CheckFinite"/>, which writes a mask of the whole data set and reduces it, after one
    /// sum: the sum runs first: NaN and infinities propagate through a sum, so a finite sum proves
    /// every value finite without the mask; a non-finite sum (bad data, or a finite overflow) falls back to the full
    /// check and its exact error message.
    /// </summary>
    private static void CheckFinite(Tensor t, string name)
    {
        if (t.is_floating_point() && t.numel() > 0)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            if (isfinite(t.sum()).item<bool>()) return;
        }
        ArrayConversion.CheckFinite(t, name);
    }

    /// <summary>
    /// The per-batch form of the up-front check for streamed training data: one sum of the floating tensors among
    /// <paramref name="xs"/> and <paramref name="ys"/> (NaN and infinities propagate through it) and one read-back per
    /// batch; only a non-finite sum runs the full check, for its message. Integer tensors cannot hold NaN and are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">A NaN or infinite value; the message names the batch, x or y, and the sample.</exception>
    public static void CheckBatchFinite(IReadOnlyList<Tensor> xs, IReadOnlyList<Tensor>? ys, int step, string argument)
    {
        var named = xs.Select((t, i) => (t, Label("x", i, xs.Count)))
            .Concat((ys ?? []).Select((t, i) => (t, Label("y", i, ys!.Count)))).ToArray();
        Tensor? total = null;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            foreach (var (t, _) in named)
                if (t.is_floating_point() && t.numel() > 0)
                    total = total is null ? t.sum() : total + t.sum();
            if (total is null || isfinite(total).item<bool>()) return;
        }
        foreach (var (t, name) in named)
        {
            try { ArrayConversion.CheckFinite(t, name); }
            catch (ArgumentException e)
            {
                string message = e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
                throw new ArgumentException($"Batch {step} of {argument}: {message}", argument, e);
            }
        }
    }

    /// <summary>Steps needed for one pass with <paramref name="batchSize"/> (the last batch may be partial).</summary>
    public int Steps(int batchSize) => (int)((Count + batchSize - 1) / batchSize);

    /// <summary>The inputs of <paramref name="batches"/> consecutive batches from batch <paramref name="step"/> in order
    /// (contiguous slices), without targets or weights; the inputs themselves when those batches hold every row (a
    /// Predict of a few rows then makes no view).</summary>
    public Tensor[] Inputs(int step, int batchSize, int batches = 1)
    {
        long start = (long)step * batchSize;
        long len = Math.Min((long)batches * batchSize, Count - start);
        return start == 0 && len == Count ? [.. Xs] : Slice(Xs, start, len);
    }

    // Rows [start, start + len) of each tensor, as views.
    private static Tensor[] Slice(IReadOnlyList<Tensor> ts, long start, long len)
    {
        var r = new Tensor[ts.Count];
        for (int i = 0; i < r.Length; i++) r[i] = ts[i].narrow(0, start, len);
        return r;
    }

    /// <summary>Batch <paramref name="step"/>: contiguous slice, or rows <c>order[start..end]</c> when shuffled.</summary>
    public (Tensor[] X, Tensor[]? Y, Tensor? W) Batch(int step, int batchSize, Tensor? order)
    {
        long start = (long)step * batchSize;
        long len = Math.Min(batchSize, Count - start);
        if (order is null)
            return (Slice(Xs, start, len), Ys is null ? null : Slice(Ys, start, len), SampleWeight?.narrow(0, start, len));
        var idx = order.narrow(0, start, len);
        return (Select(Xs), Ys is null ? null : Select(Ys), SampleWeight?.index_select(0, idx));

        Tensor[] Select(IReadOnlyList<Tensor> ts)
        {
            var r = new Tensor[ts.Count];
            for (int i = 0; i < r.Length; i++) r[i] = ts[i].index_select(0, idx);
            return r;
        }
    }

    /// <summary>Splits off the last <paramref name="fraction"/> of samples (Keras' validation_split, before shuffling).</summary>
    public static (Tensor Train, Tensor Val) SplitLast(Tensor t, double fraction)
    {
        long n = t.shape[0];
        long splitAt = (long)Math.Floor(n * (1.0 - fraction));
        return (t.narrow(0, 0, splitAt), t.narrow(0, splitAt, n - splitAt));
    }

    /// <summary><see cref="SplitLast(Tensor, double)"/> for each tensor of a multi-input or multi-output data set.</summary>
    public static (Tensor[] Train, Tensor[] Val) SplitLast(IReadOnlyList<Tensor> ts, double fraction)
    {
        var parts = ts.Select(t => SplitLast(t, fraction)).ToArray();
        return (parts.Select(p => p.Train).ToArray(), parts.Select(p => p.Val).ToArray());
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
