namespace KerasSharp;

/// <summary>
/// How <see cref="BatchDataset"/> and <see cref="TextBatchDataset"/> cut one pass into batches: consecutive slices of
/// the pass's sample order, <c>batchSize</c> samples each (the last may be smaller), or one sample per element when
/// there is no batch size.
/// </summary>
internal static class BatchSlices
{
    /// <summary>The number of batches in a pass of <paramref name="sampleCount"/> samples (Keras' <c>len(dataset)</c>).</summary>
    /// <param name="sampleCount">Samples in one pass.</param>
    /// <param name="batchSize">Samples per batch, or null for one sample per element.</param>
    public static int Count(long sampleCount, int? batchSize) =>
        batchSize is int b ? checked((int)((sampleCount + b - 1) / b)) : checked((int)sampleCount);

    /// <summary>The sample indices of each batch, in order.</summary>
    /// <param name="order">The sample order of the pass.</param>
    /// <param name="batchSize">Samples per batch, or null for one sample per element.</param>
    public static IEnumerable<long[]> Split(long[] order, int? batchSize)
    {
        int step = batchSize ?? 1;
        for (long start = 0; start < order.LongLength; start += step)
            yield return order[(int)start..(int)Math.Min(start + step, order.LongLength)];
    }
}
