using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Pads sequences to the same length (Keras' <c>keras.utils.pad_sequences</c>): a tensor
        /// <c>(sequences.Count, maxlen)</c> of <paramref name="dtype"/> where shorter sequences are padded with
        /// <paramref name="value"/> and longer ones truncated, both at the start ("pre", the default) or at the end
        /// ("post"). <c>PadSequences([[1], [2, 3], [4, 5, 6]])</c> gives <c>[[0, 0, 1], [0, 2, 3], [4, 5, 6]]</c> (int32).
        /// </summary>
        /// <param name="sequences">The sequences (for example the word indices of <see cref="Datasets.Imdb.LoadData"/>).</param>
        /// <param name="maxlen">The output length; null: the longest sequence's length.</param>
        /// <param name="dtype">The output dtype (Keras' default "int32"; also "int64", "int16", "int8", "uint8", "float16", "float32", "float64", "bool").</param>
        /// <param name="padding">"pre" or "post": where the padding goes.</param>
        /// <param name="truncating">"pre" or "post": which end of a longer sequence is removed.</param>
        /// <param name="value">The padding value, converted to <paramref name="dtype"/> as NumPy does (0.5 becomes 0 in int32).</param>
        /// <exception cref="ArgumentException">A bad argument (named in the message).</exception>
        public static Tensor PadSequences(IReadOnlyList<int[]> sequences, int? maxlen = null, string dtype = "int32",
            string padding = "pre", string truncating = "pre", double value = 0.0)
            => Pad(sequences, v => v, maxlen, dtype, padding, truncating, value, integral: true);

        /// <summary><see cref="PadSequences(IReadOnlyList{int[]}, int?, string, string, string, double)"/> for int64 sequences.</summary>
        public static Tensor PadSequences(IReadOnlyList<long[]> sequences, int? maxlen = null, string dtype = "int32",
            string padding = "pre", string truncating = "pre", double value = 0.0)
            => Pad(sequences, v => v, maxlen, dtype, padding, truncating, value, integral: true, longs: sequences);

        /// <summary><see cref="PadSequences(IReadOnlyList{int[]}, int?, string, string, string, double)"/> for float sequences.</summary>
        public static Tensor PadSequences(IReadOnlyList<float[]> sequences, int? maxlen = null, string dtype = "int32",
            string padding = "pre", string truncating = "pre", double value = 0.0)
            => Pad(sequences, v => v, maxlen, dtype, padding, truncating, value, integral: false);

        /// <summary><see cref="PadSequences(IReadOnlyList{int[]}, int?, string, string, string, double)"/> for double sequences.</summary>
        public static Tensor PadSequences(IReadOnlyList<double[]> sequences, int? maxlen = null, string dtype = "int32",
            string padding = "pre", string truncating = "pre", double value = 0.0)
        {
            ArgumentNullException.ThrowIfNull(sequences);
            return global::KerasSharp.Utils.SequencePadding.Pad(sequences.Select((s, i) => s ?? throw NullSequence(i)).ToList(),
                maxlen, dtype, padding, truncating, value, integral: false);
        }

        // Converts every sequence to doubles (naming a null one) for SequencePadding.Pad.
        private static Tensor Pad<T>(IReadOnlyList<T[]> sequences, Func<T, double> toDouble, int? maxlen, string dtype,
            string padding, string truncating, double value, bool integral, IReadOnlyList<long[]>? longs = null)
        {
            ArgumentNullException.ThrowIfNull(sequences);
            return global::KerasSharp.Utils.SequencePadding.Pad(
                sequences.Select((s, i) => s is null ? throw NullSequence(i) : s.Select(toDouble).ToArray()).ToList(),
                maxlen, dtype, padding, truncating, value, integral, longs);
        }

        private static ArgumentException NullSequence(int i) =>
            new($"sequences must be a list of sequences, but element {i} is null.", "sequences");
    }
}
