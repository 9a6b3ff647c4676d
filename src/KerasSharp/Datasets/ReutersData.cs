using static TorchSharp.torch;

namespace KerasSharp.Datasets;

/// <summary>Loads Reuters for <see cref="Keras.Datasets.Reuters"/>: Keras' <c>reuters.npz</c> and <c>reuters_word_index.json</c>.</summary>
internal static class ReutersData
{
    internal static readonly KerasRemoteFile Npz =
        new("reuters.npz", KerasDatasetDownloads.OriginFolder + "reuters.npz", "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916");

    internal static readonly KerasRemoteFile WordIndex =
        new("reuters_word_index.json", KerasDatasetDownloads.OriginFolder + "reuters_word_index.json", "4d44cc38712099c9e383dc6e5f11a921");

    /// <summary>Keras' <c>reuters.get_label_names()</c>: the 46 topics, index = label.</summary>
    internal static readonly IReadOnlyList<string> LabelNames =
    [
        "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply", "coffee", "sugar", "trade",
        "reserves", "ship", "cotton", "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum",
        "oilseed", "gold", "tin", "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei",
        "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead",
    ];

    internal static void ValidateTestSplit(double testSplit)
    {
        if (!(testSplit >= 0 && testSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(testSplit), testSplit, $"testSplit must be between 0 and 1 (exclusive of 1), but received {testSplit}.");
    }

    internal static ((int[][] X, Tensor Y) Train, (int[][] X, Tensor Y) Test) Load(string path, int? numWords, int skipTop, int? maxlen,
        double testSplit, long seed, int? startChar, int? oovChar, int indexFrom)
    {
        SequenceDatasetData.Validate(numWords, skipTop, maxlen, seed);
        ValidateTestSplit(testSplit);
        var full = KerasDatasetDownloads.Resolve(path, nameof(path));
        var file = Npz with { Name = Path.GetFileName(full) };
        var bytes = KerasDatasetDownloads.Fetch("Reuters", Path.GetDirectoryName(full)!, [file], TimeSpan.FromMinutes(5))[file.Name];
        return FromNpz(bytes, numWords, skipTop, maxlen, testSplit, seed, startChar, oovChar, indexFrom);
    }

    /// <summary>Keras' <c>reuters.load_data</c> processing of the arrays <c>x</c>, <c>y</c> of a <c>reuters.npz</c>.</summary>
    internal static ((int[][] X, Tensor Y) Train, (int[][] X, Tensor Y) Test) FromNpz(byte[] npz, int? numWords, int skipTop, int? maxlen,
        double testSplit, long seed, int? startChar, int? oovChar, int indexFrom)
    {
        SequenceDatasetData.Validate(numWords, skipTop, maxlen, seed);
        ValidateTestSplit(testSplit);
        Runtime.LibTorchLoader.EnsureLoaded();
        Dictionary<string, NpyArray> arrays;
        using (var stream = new MemoryStream(npz, writable: false))
            arrays = NpyReader.ReadNpzArrays(stream, ["x", "y"]);
        var xs = KerasDatasetDownloads.ToSequences(arrays["x"], "x");
        var labels = KerasDatasetDownloads.ToLongs(arrays["y"], "y");
        if (xs.Length != labels.Length)
            throw new InvalidDataException($"reuters.npz holds {xs.Length} sequences but {labels.Length} labels.");

        var indices = new NumpyRandomState(seed).Permutation(xs.Length);
        xs = SequenceDatasetData.Take(xs, indices);
        labels = SequenceDatasetData.Take(labels, indices);

        xs = SequenceDatasetData.AddStartAndShift(xs, startChar, indexFrom);
        if (maxlen is int m && m != 0)
            (xs, labels) = SequenceDatasetData.RemoveLongSequences(m, xs, labels);
        xs = SequenceDatasetData.LimitVocabulary(xs, numWords, skipTop, oovChar);

        int idx = (int)(xs.Length * (1 - testSplit)); // Python's int() truncates
        return ((xs[..idx], SequenceDatasetData.Labels(labels[..idx])), (xs[idx..], SequenceDatasetData.Labels(labels[idx..])));
    }

    internal static Dictionary<string, int> GetWordIndex(string path)
    {
        var full = KerasDatasetDownloads.Resolve(path, nameof(path));
        var file = WordIndex with { Name = Path.GetFileName(full) };
        var bytes = KerasDatasetDownloads.Fetch("Reuters word index", Path.GetDirectoryName(full)!, [file], TimeSpan.FromMinutes(2))[file.Name];
        return KerasDatasetDownloads.ParseWordIndex(bytes, file.Name);
    }
}
