using System.Collections;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>
/// A dataset of text batches (what Keras' <c>text_dataset_from_directory</c> returns as a <c>tf.data.Dataset</c> of
/// strings): enumerating it yields <c>(texts, labels)</c> batches, the texts read from disk when their batch is
/// reached; <see cref="Texts"/> yields the texts alone. <see cref="Count"/> is the number of batches.
/// </summary>
public sealed class TextBatchDataset : IReadOnlyCollection<(string[] X, Tensor Y)>
{
    private readonly Func<long[], (string[] X, Tensor? Y)> gather;
    private readonly Func<long[]> order;

    internal TextBatchDataset(long sampleCount, int? batchSize, bool hasTargets, Func<long[], (string[] X, Tensor? Y)> gather, Func<long[]> order)
    {
        SampleCount = sampleCount;
        BatchSize = batchSize;
        HasTargets = hasTargets;
        this.gather = gather;
        this.order = order;
    }

    /// <summary>Number of texts in one pass.</summary>
    public long SampleCount { get; }

    /// <summary>Texts per batch (null: one text per element, labels without a batch axis).</summary>
    public int? BatchSize { get; }

    /// <summary>Whether the dataset has labels.</summary>
    public bool HasTargets { get; }

    /// <summary>Number of batches in one pass.</summary>
    public int Count => BatchSlices.Count(SampleCount, BatchSize);

    /// <summary>The class names in label order (Keras' <c>class_names</c>).</summary>
    public IReadOnlyList<string>? ClassNames { get; internal init; }

    /// <summary>The files in dataset order (Keras' <c>file_paths</c>).</summary>
    public IReadOnlyList<string>? FilePaths { get; internal init; }

    /// <summary>The text batches alone.</summary>
    public IEnumerable<string[]> Texts
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

    /// <summary>Enumerates the <c>(texts, labels)</c> batches.</summary>
    /// <exception cref="InvalidOperationException">The dataset has no labels; use <see cref="Texts"/>.</exception>
    public IEnumerator<(string[] X, Tensor Y)> GetEnumerator()
    {
        if (!HasTargets)
            throw new InvalidOperationException("This dataset has no labels (labels or labelMode is null); enumerate its Texts instead.");
        return Batches().Select(b => (b.X, b.Y!)).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<(string[] X, Tensor? Y)> Batches()
    {
        foreach (var batch in BatchSlices.Split(order(), BatchSize))
        {
            var (x, y) = gather(batch);
            if (BatchSize is null && y is not null)
            {
                var y0 = y.squeeze(0);
                y.Dispose();
                y = y0;
            }
            yield return (x, y);
        }
    }
}
