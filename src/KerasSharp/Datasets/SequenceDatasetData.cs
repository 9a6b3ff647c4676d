using static TorchSharp.torch;

namespace KerasSharp.Datasets;

/// <summary>
/// The word-index processing shared by Keras' <c>imdb.load_data</c> and <c>reuters.load_data</c>, step for step:
/// prepend <c>start_char</c> and shift every word by <c>index_from</c>; drop sequences of <c>maxlen</c> words or more
/// (Keras' <c>remove_long_seq</c> keeps <c>len(x) &lt; maxlen</c>); then every word outside
/// <c>[skip_top, num_words)</c> becomes <c>oov_char</c> (or is dropped when <c>oov_char</c> is null), where a missing
/// or zero <c>num_words</c> is the largest word index of all sequences (so, as in Keras, that largest word itself
/// becomes <c>oov_char</c>).
/// </summary>
internal static class SequenceDatasetData
{
    /// <summary>Validates the options every sequence loader shares (before any file is read).</summary>
    internal static void Validate(int? numWords, int skipTop, int? maxlen, long seed)
    {
        if (numWords is < 0)
            throw new ArgumentOutOfRangeException(nameof(numWords), numWords, $"numWords must be null or >= 0, but received {numWords}.");
        if (skipTop < 0)
            throw new ArgumentOutOfRangeException(nameof(skipTop), skipTop, $"skipTop must be >= 0, but received {skipTop}.");
        if (maxlen is < 0)
            throw new ArgumentOutOfRangeException(nameof(maxlen), maxlen, $"maxlen must be null or >= 0, but received {maxlen}.");
        if (seed is < 0 or > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, $"seed must be between 0 and 2**32 - 1 (NumPy's RandomState), but received {seed}.");
    }

    /// <summary>Keras' <c>[start_char] + [w + index_from for w in x]</c> (or only the shift when start_char is null).</summary>
    internal static int[][] AddStartAndShift(int[][] xs, int? startChar, int indexFrom) =>
        xs.Select(x =>
        {
            int offset = startChar is null ? 0 : 1;
            var result = new int[x.Length + offset];
            if (startChar is int s) result[0] = s;
            for (int i = 0; i < x.Length; i++) result[i + offset] = checked(x[i] + indexFrom);
            return result;
        }).ToArray();

    /// <summary>Keras' <c>remove_long_seq</c>: keeps the sequences (and labels) with <c>len(x) &lt; maxlen</c>.</summary>
    internal static (int[][] X, long[] Y) RemoveLongSequences(int maxlen, int[][] xs, long[] labels)
    {
        var keptX = new List<int[]>();
        var keptY = new List<long>();
        for (int i = 0; i < xs.Length; i++)
            if (xs[i].Length < maxlen) { keptX.Add(xs[i]); keptY.Add(labels[i]); }
        return (keptX.ToArray(), keptY.ToArray());
    }

    /// <summary>Replaces (or drops) the words outside <c>[skipTop, numWords)</c>, numWords defaulting to the largest word.</summary>
    internal static int[][] LimitVocabulary(int[][] xs, int? numWords, int skipTop, int? oovChar)
    {
        if (xs.Length == 0)
            return numWords is int given && given != 0 ? xs
                : throw new ArgumentException("After filtering by maxlen no sequence was kept, so the largest word index (Keras' default num_words) is undefined. Increase maxlen.", "maxlen");
        int limit = numWords is int n && n != 0 ? n : xs.Max(x => x.Length == 0
            ? throw new InvalidDataException("A sequence is empty, so the largest word index (Keras' default num_words) is undefined; pass numWords.")
            : x.Max());
        return xs.Select(x => oovChar is int oov
            ? x.Select(w => skipTop <= w && w < limit ? w : oov).ToArray()
            : x.Where(w => skipTop <= w && w < limit).ToArray()).ToArray();
    }

    /// <summary>Applies the permutation <paramref name="indices"/> (Keras' <c>x[indices]</c>).</summary>
    internal static T[] Take<T>(T[] items, int[] indices) => indices.Select(i => items[i]).ToArray();

    /// <summary>Labels as an int64 tensor of shape (n) (Keras returns int64 NumPy arrays).</summary>
    internal static Tensor Labels(long[] labels) => tensor(labels, [labels.LongLength], ScalarType.Int64);
}
