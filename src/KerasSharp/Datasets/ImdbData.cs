using static TorchSharp.torch;

namespace KerasSharp.Datasets;

/// <summary>Loads IMDB for <see cref="Keras.Datasets.Imdb"/>: Keras' <c>imdb.npz</c> and <c>imdb_word_index.json</c>.</summary>
internal static class ImdbData
{
    internal static readonly KerasRemoteFile Npz =
        new("imdb.npz", KerasDatasetDownloads.OriginFolder + "imdb.npz", "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f");

    internal static readonly KerasRemoteFile WordIndex =
        new("imdb_word_index.json", KerasDatasetDownloads.OriginFolder + "imdb_word_index.json", "bfafd718b763782e994055a2d397834f");

    internal static ((int[][] X, Tensor Y) Train, (int[][] X, Tensor Y) Test) Load(string path, int? numWords, int skipTop, int? maxlen,
        long seed, int? startChar, int? oovChar, int indexFrom)
    {
        SequenceDatasetData.Validate(numWords, skipTop, maxlen, seed);
        var full = KerasDatasetDownloads.Resolve(path, nameof(path));
        var file = Npz with { Name = Path.GetFileName(full) };
        var bytes = KerasDatasetDownloads.Fetch("IMDB", Path.GetDirectoryName(full)!, [file], TimeSpan.FromMinutes(5))[file.Name];
        return FromNpz(bytes, numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom);
    }

    /// <summary>Keras' <c>imdb.load_data</c> processing of the arrays of an <c>imdb.npz</c>.</summary>
    internal static ((int[][] X, Tensor Y) Train, (int[][] X, Tensor Y) Test) FromNpz(byte[] npz, int? numWords, int skipTop, int? maxlen,
        long seed, int? startChar, int? oovChar, int indexFrom)
    {
        SequenceDatasetData.Validate(numWords, skipTop, maxlen, seed);
        Runtime.LibTorchLoader.EnsureLoaded();
        Dictionary<string, NpyArray> arrays;
        using (var stream = new MemoryStream(npz, writable: false))
            arrays = NpyReader.ReadNpzArrays(stream, ["x_train", "y_train", "x_test", "y_test"]);
        var xTrain = KerasDatasetDownloads.ToSequences(arrays["x_train"], "x_train");
        var yTrain = KerasDatasetDownloads.ToLongs(arrays["y_train"], "y_train");
        var xTest = KerasDatasetDownloads.ToSequences(arrays["x_test"], "x_test");
        var yTest = KerasDatasetDownloads.ToLongs(arrays["y_test"], "y_test");
        if (xTrain.Length != yTrain.Length || xTest.Length != yTest.Length)
            throw new InvalidDataException($"imdb.npz holds {xTrain.Length}/{xTest.Length} train/test sequences but {yTrain.Length}/{yTest.Length} labels.");

        // One RandomState shuffles the training set, then the test set.
        var rng = new NumpyRandomState(seed);
        var indices = rng.Permutation(xTrain.Length);
        xTrain = SequenceDatasetData.Take(xTrain, indices);
        yTrain = SequenceDatasetData.Take(yTrain, indices);
        indices = rng.Permutation(xTest.Length);
        xTest = SequenceDatasetData.Take(xTest, indices);
        yTest = SequenceDatasetData.Take(yTest, indices);

        xTrain = SequenceDatasetData.AddStartAndShift(xTrain, startChar, indexFrom);
        xTest = SequenceDatasetData.AddStartAndShift(xTest, startChar, indexFrom);

        if (maxlen is int m && m != 0)
        {
            (xTrain, yTrain) = SequenceDatasetData.RemoveLongSequences(m, xTrain, yTrain);
            (xTest, yTest) = SequenceDatasetData.RemoveLongSequences(m, xTest, yTest);
            if (xTrain.Length == 0 || xTest.Length == 0)
                throw new ArgumentException($"After filtering for sequences shorter than maxlen={m}, no sequence was kept. Increase maxlen.", nameof(maxlen));
        }

        var xs = SequenceDatasetData.LimitVocabulary([.. xTrain, .. xTest], numWords, skipTop, oovChar);
        return ((xs[..xTrain.Length], SequenceDatasetData.Labels(yTrain)), (xs[xTrain.Length..], SequenceDatasetData.Labels(yTest)));
    }

    internal static Dictionary<string, int> GetWordIndex(string path)
    {
        var full = KerasDatasetDownloads.Resolve(path, nameof(path));
        var file = WordIndex with { Name = Path.GetFileName(full) };
        var bytes = KerasDatasetDownloads.Fetch("IMDB word index", Path.GetDirectoryName(full)!, [file], TimeSpan.FromMinutes(2))[file.Name];
        return KerasDatasetDownloads.ParseWordIndex(bytes, file.Name);
    }
}
