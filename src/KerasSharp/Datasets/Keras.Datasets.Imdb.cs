using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>IMDB movie reviews labelled by sentiment, as word-index sequences (Keras' <c>keras.datasets.imdb</c>).</summary>
        public static class Imdb
        {
            /// <summary>
            /// Loads IMDB like Keras' <c>imdb.load_data(...)</c>: 25000 training and 25000 test reviews, each a sequence
            /// of word indices (<c>int[]</c>, the first being <paramref name="startChar"/>), with int64 labels of shape
            /// (n) (1 positive, 0 negative). Pad them with <c>Keras.Utils.PadSequences</c>.
            /// </summary>
            /// <remarks>
            /// <para>Processing as Keras': the training then the test set are shuffled by one NumPy
            /// <c>RandomState(seed)</c> (reproduced exactly: MT19937 and NumPy's legacy shuffle, so the order is
            /// Keras'); every word gets <paramref name="indexFrom"/> added and <paramref name="startChar"/> is
            /// prepended; with <paramref name="maxlen"/>, sequences of <c>maxlen</c> words or more are dropped (not
            /// truncated); words outside <c>[skipTop, numWords)</c> become <paramref name="oovChar"/> (or are dropped
            /// when it is null). Without <paramref name="numWords"/> the limit is the largest word index, which (as in
            /// Keras) therefore becomes <paramref name="oovChar"/> too.</para>
            /// <para>Keras' <c>imdb.npz</c> (SHA-256 <c>69664113...4676b9f</c>) is cached at <c>&lt;root&gt;/imdb.npz</c>
            /// (Keras' own location and name) and downloaded from Keras' URL when missing; its ragged arrays are NumPy
            /// object arrays, read by a restricted pickle reader that allows only NumPy array data, like Keras'.</para>
            /// </remarks>
            /// <param name="path">Cache file, relative to the datasets root or absolute (Keras' default "imdb.npz").</param>
            /// <param name="numWords">Keep the most frequent words below this index; null keeps all.</param>
            /// <param name="skipTop">Replace the most frequent words below this index by <paramref name="oovChar"/>.</param>
            /// <param name="maxlen">Drop sequences of this length or longer (after adding the start character); null keeps all.</param>
            /// <param name="seed">Shuffling seed, 0 to 2^32 - 1 (Keras default 113).</param>
            /// <param name="startChar">Marks each sequence's start (default 1); null adds none.</param>
            /// <param name="oovChar">Replaces cut-out words (default 2); null drops them.</param>
            /// <param name="indexFrom">Added to every word index (default 3).</param>
            /// <exception cref="ArgumentException">A bad argument, or no sequence shorter than <paramref name="maxlen"/>.</exception>
            /// <exception cref="FileNotFoundException">The file is missing and could not be downloaded.</exception>
            public static ((int[][] X, Tensor Y) Train, (int[][] X, Tensor Y) Test) LoadData(string path = "imdb.npz", int? numWords = null,
                int skipTop = 0, int? maxlen = null, long seed = 113, int? startChar = 1, int? oovChar = 2, int indexFrom = 3) =>
                ImdbData.Load(path, numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom);

            /// <summary>
            /// Keras' <c>imdb.get_word_index()</c>: word -> index (1 = most frequent). The indices in
            /// <see cref="LoadData"/>'s sequences are these plus <c>indexFrom</c> (3 by default).
            /// </summary>
            /// <param name="path">Cache file, relative to the datasets root or absolute (Keras' "imdb_word_index.json", MD5-checked).</param>
            public static Dictionary<string, int> GetWordIndex(string path = "imdb_word_index.json") => ImdbData.GetWordIndex(path);
        }
    }
}
