using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>Reuters newswires labelled over 46 topics, as word-index sequences (Keras' <c>keras.datasets.reuters</c>).</summary>
        public static class Reuters
        {
            /// <summary>
            /// Loads Reuters like Keras' <c>reuters.load_data(...)</c>: 11228 newswires as word-index sequences
            /// (<c>int[]</c>) with int64 topic labels 0 to 45, shuffled by NumPy's <c>RandomState(seed)</c> (reproduced
            /// exactly), processed as in <see cref="Imdb.LoadData"/>, then split at
            /// <c>int(n * (1 - testSplit))</c> into train and test.
            /// </summary>
            /// <remarks>Keras' <c>reuters.npz</c> (SHA-256 <c>d6586e69...5959916</c>) is cached at
            /// <c>&lt;root&gt;/reuters.npz</c> and downloaded from Keras' URL when missing.</remarks>
            /// <param name="path">Cache file, relative to the datasets root or absolute (Keras' default "reuters.npz").</param>
            /// <param name="numWords">Keep the most frequent words below this index; null keeps all.</param>
            /// <param name="skipTop">Replace the most frequent words below this index by <paramref name="oovChar"/>.</param>
            /// <param name="maxlen">Drop sequences of this length or longer; null keeps all.</param>
            /// <param name="testSplit">Fraction in [0, 1) used as test data (default 0.2).</param>
            /// <param name="seed">Shuffling seed, 0 to 2^32 - 1 (default 113).</param>
            /// <param name="startChar">Marks each sequence's start (default 1); null adds none.</param>
            /// <param name="oovChar">Replaces cut-out words (default 2); null drops them.</param>
            /// <param name="indexFrom">Added to every word index (default 3).</param>
            /// <exception cref="ArgumentException">A bad argument.</exception>
            /// <exception cref="FileNotFoundException">The file is missing and could not be downloaded.</exception>
            public static ((int[][] X, Tensor Y) Train, (int[][] X, Tensor Y) Test) LoadData(string path = "reuters.npz", int? numWords = null,
                int skipTop = 0, int? maxlen = null, double testSplit = 0.2, long seed = 113, int? startChar = 1, int? oovChar = 2,
                int indexFrom = 3) =>
                ReutersData.Load(path, numWords, skipTop, maxlen, testSplit, seed, startChar, oovChar, indexFrom);

            /// <summary>Keras' <c>reuters.get_word_index()</c>: word -> index; sequences hold these plus <c>indexFrom</c>.</summary>
            /// <param name="path">Cache file, relative to the datasets root or absolute (Keras' "reuters_word_index.json", MD5-checked).</param>
            public static Dictionary<string, int> GetWordIndex(string path = "reuters_word_index.json") => ReutersData.GetWordIndex(path);

            /// <summary>Keras' <c>reuters.get_label_names()</c>: the 46 topic names, position = label ("cocoa", "grain", ...).</summary>
            public static IReadOnlyList<string> GetLabelNames() => ReutersData.LabelNames;
        }
    }
}
