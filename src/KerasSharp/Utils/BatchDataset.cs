using System.Collections;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>
/// A dataset of batches built on demand (what Keras' <c>timeseries_dataset_from_array</c>,
/// <c>image_dataset_from_directory</c> and <c>text_dataset_from_directory</c> return as a <c>tf.data.Dataset</c>):
/// enumerating it yields <c>(x, y)</c> batches, so it goes straight into
/// <c>Model.Fit(IEnumerable&lt;(Tensor X, Tensor Y)&gt;, ...)</c>
/// and Evaluate; <see cref="Inputs"/> yields the inputs alone (for Predict, or for a dataset without targets).
/// <see cref="Count"/> is the number of batches (Keras' <c>len(dataset)</c>). Each batch is read when it is reached
/// (from memory or from disk), so the data never has to fit in memory at once.
/// </summary>
public sealed class BatchDataset : IReadOnlyCollection<(Tensor X, Tensor Y)>
{
    private readonly Func<long[], (Tensor X, Tensor? Y)> gather;
    private readonly Func<long[]> order;

    /// <param name="sampleCount">Number of samples.</param>
    /// <param name="batchSize">Samples per batch (the last may be smaller); null yields single samples without a batch axis.</param>
    /// <param name="hasTargets">Whether <paramref name="gather"/> returns targets.</param>
    /// <param name="gather">Builds the batch of the given sample indices (stacked along a new first axis).</param>
    /// <param name="order">The sample order of one pass (called at the start of each enumeration, so it may reshuffle).</param>
    internal BatchDataset(long sampleCount, int? batchSize, bool hasTargets, Func<long[], (Tensor X, Tensor? Y)> gather, Func<long[]> order)
    {
        if (batchSize is <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be a positive integer or null, but received {batchSize}.");
        SampleCount = sampleCount;
        BatchSize = batchSize;
        HasTargets = hasTargets;
        this.gather = gather;
        this.order = order;
    }

    /// <summary>Number of samples in one pass.</summary>
    public long SampleCount { get; }

    /// <summary>Samples per batch (null: single samples).</summary>
    public int? BatchSize { get; }

    /// <summary>Whether the dataset has targets (enumerating pairs requires them).</summary>
    public bool HasTargets { get; }

    /// <summary>Number of batches in one pass (Keras' <c>len(dataset)</c> / cardinality).</summary>
    public int Count => BatchSlices.Count(SampleCount, BatchSize);

    /// <summary>The class names, in label order, for datasets built from sub-folders (Keras' <c>class_names</c>); else null.</summary>
    public IReadOnlyList<string>? ClassNames { get; internal init; }

    /// <summary>The files in dataset order, for datasets built from files (Keras' <c>file_paths</c>); else null.</summary>
    public IReadOnlyList<string>? FilePaths { get; internal init; }

    /// <summary>The input batches alone (Keras' dataset without targets, or <c>dataset.map(lambda x, y: x)</c>).</summary>
    public IEnumerable<Tensor> Inputs
    {
        get
        {
            foreach (var (x, y) in Batches())
            {
                y?.Dispose();
                yield return x;
            }
        }
    }

    /// <summary>Enumerates the <c>(x, y)</c> batches.</summary>
    /// <exception cref="InvalidOperationException">The dataset has no targets; use <see cref="Inputs"/>.</exception>
    public IEnumerator<(Tensor X, Tensor Y)> GetEnumerator()
    {
        if (!HasTargets)
            throw new InvalidOperationException("This dataset has no targets (it was built with targets = null); enumerate its Inputs instead.");
        return Pairs().GetEnumerator();
    }

    private IEnumerable<(Tensor X, Tensor Y)> Pairs()
    {
        foreach (var (x, y) in Batches()) yield return (x, y!);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<(Tensor X, Tensor? Y)> Batches()
    {
        foreach (var batch in BatchSlices.Split(order(), BatchSize))
        {
            var (x, y) = gather(batch);
            if (BatchSize is null)
            {
                var (x0, y0) = (x.squeeze(0), y?.squeeze(0));
                x.Dispose();
                y?.Dispose();
                (x, y) = (x0, y0);
            }
            yield return (x, y);
        }
    }

    /// <summary>The identity order 0..n-1.</summary>
    internal static long[] Sequential(long n)
    {
        var result = new long[n];
        for (long i = 0; i < n; i++) result[i] = i;
        return result;
    }
}
