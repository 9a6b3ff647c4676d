using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Creates a dataset of sliding windows over a timeseries (Keras' <c>keras.utils.timeseries_dataset_from_array</c>).
        /// Window i starts at <c>startIndex + p_i</c> (p_i = 0, <paramref name="sequenceStride"/>, 2 * stride, ...) and
        /// holds the steps <c>p_i, p_i + samplingRate, ..., p_i + (sequenceLength - 1) * samplingRate</c> of
        /// <c>data[startIndex:endIndex]</c>; its target is <c>targets[startIndex:endIndex][p_i]</c>. There are
        /// <c>endIndex - startIndex - (sequenceLength - 1) * samplingRate</c> candidate starts (at most
        /// <c>len(targets)</c>), so, as in Keras' example, indices 0..98 with length 10, rate 2, stride 3 give windows
        /// <c>[0 2 ... 18]</c>, <c>[3 5 ... 21]</c>, ..., <c>[78 80 ... 96]</c>.
        /// </summary>
        /// <remarks>
        /// With <paramref name="shuffle"/>, the window starts are permuted exactly as Keras does
        /// (<c>numpy.random.RandomState(seed).shuffle</c>, reproduced bit for bit). Keras then also passes the windows
        /// through <c>tf.data</c>'s <c>shuffle(buffer_size=batch_size * 8, seed=seed)</c>, reshuffled every epoch; the
        /// same buffer algorithm is applied here, but its random draws come from .NET's <see cref="Random"/> seeded with
        /// the seed and the pass number, not from TensorFlow's generator, so a shuffled pass is not in TensorFlow's
        /// order. Without shuffling the batches are exactly Keras'.
        /// </remarks>
        /// <param name="data">The timeseries, time on the first axis (a Tensor or a .NET array).</param>
        /// <param name="targets">The target of the window starting at each step, or null for a dataset of inputs only (see <see cref="BatchDataset.Inputs"/>).</param>
        /// <param name="sequenceLength">Steps per window.</param>
        /// <param name="sequenceStride">Steps between the starts of consecutive windows (default 1).</param>
        /// <param name="samplingRate">Steps between the steps inside a window (default 1).</param>
        /// <param name="batchSize">Windows per batch (default 128); null yields single windows.</param>
        /// <param name="shuffle">Shuffle the windows (default false).</param>
        /// <param name="seed">The shuffling seed (default: random).</param>
        /// <param name="startIndex">First step used (default 0).</param>
        /// <param name="endIndex">Steps from this index on are not used (default: the end).</param>
        /// <returns>A <see cref="BatchDataset"/> of <c>(windows, targets)</c> batches, usable in Fit.</returns>
        /// <exception cref="ArgumentException">A bad argument (named in the message, with Keras' wording).</exception>
        public static BatchDataset TimeseriesDatasetFromArray(object data, object? targets, int sequenceLength, int sequenceStride = 1,
            int samplingRate = 1, int? batchSize = 128, bool shuffle = false, int? seed = null, int? startIndex = null, int? endIndex = null)
        {
            ArgumentNullException.ThrowIfNull(data);
            Runtime.LibTorchLoader.EnsureLoaded();
            var x = Data.ArrayConversion.ToTensor(data, nameof(data));
            var y = targets is null ? null : Data.ArrayConversion.ToTensor(targets, nameof(targets));
            if (x.dim() == 0) throw new ArgumentException("data must have a time axis (rank >= 1), but received a scalar.", nameof(data));
            if (y is not null && y.dim() == 0) throw new ArgumentException("targets must have a time axis (rank >= 1), but received a scalar.", nameof(targets));
            long length = x.shape[0];
            if (sequenceLength < 1)
                throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, $"sequenceLength must be a positive integer, but received {sequenceLength}.");
            if (startIndex is int s && s != 0)
            {
                if (s < 0)
                    throw new ArgumentOutOfRangeException(nameof(startIndex), s, $"startIndex must be 0 or greater. Received: startIndex={s}");
                if (s >= length)
                    throw new ArgumentOutOfRangeException(nameof(startIndex), s, $"startIndex must be lower than the length of the data. Received: startIndex={s}, for data of length {length}");
            }
            if (endIndex is int e && e != 0)
            {
                if (startIndex is int s2 && s2 != 0 && e <= s2)
                    throw new ArgumentOutOfRangeException(nameof(endIndex), e, $"endIndex must be higher than startIndex. Received: startIndex={s2}, and endIndex={e}");
                if (e >= length)
                    throw new ArgumentOutOfRangeException(nameof(endIndex), e, $"endIndex must be lower than the length of the data. Received: endIndex={e}, for data of length {length}");
                if (e <= 0)
                    throw new ArgumentOutOfRangeException(nameof(endIndex), e, $"endIndex must be higher than 0. Received: endIndex={e}");
            }
            if (samplingRate <= 0)
                throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate, $"samplingRate must be higher than 0. Received: samplingRate={samplingRate}");
            if (samplingRate >= length)
                throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate, $"samplingRate must be lower than the length of the data. Received: samplingRate={samplingRate}, for data of length {length}");
            if (sequenceStride <= 0)
                throw new ArgumentOutOfRangeException(nameof(sequenceStride), sequenceStride, $"sequenceStride must be higher than 0. Received: sequenceStride={sequenceStride}");
            if (sequenceStride >= length)
                throw new ArgumentOutOfRangeException(nameof(sequenceStride), sequenceStride, $"sequenceStride must be lower than the length of the data. Received: sequenceStride={sequenceStride}, for data of length {length}");
            if (batchSize is <= 0)
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be a positive integer or null, but received {batchSize}.");

            long start = startIndex ?? 0;
            long end = endIndex ?? length;
            long numSeqs = end - start - (long)(sequenceLength - 1) * samplingRate;
            if (y is not null) numSeqs = Math.Min(numSeqs, y.shape[0]);
            var positions = new List<long>();
            for (long p = 0; p < numSeqs; p += sequenceStride) positions.Add(p);
            var startPositions = positions.ToArray();
            int actualSeed = seed ?? System.Random.Shared.Next(1_000_000);
            if (shuffle) new NumpyRandomState(actualSeed).Shuffle(startPositions.AsSpan());

            // data[start:end] and targets[start:end], kept (as views) by the dataset.
            var steps = x.narrow(0, start, end - start);
            var targetSteps = y?.narrow(0, Math.Min(start, y.shape[0]), Math.Max(0, Math.Min(end, y.shape[0]) - Math.Min(start, y.shape[0])));
            var offsets = arange(0L, (long)sequenceLength * samplingRate, samplingRate, ScalarType.Int64);

            (Tensor X, Tensor? Y) Gather(long[] windows)
            {
                using var scope = NewDisposeScope();
                var starts = tensor(windows.Select(w => startPositions[w]).ToArray(), ScalarType.Int64);
                var index = (starts.unsqueeze(1) + offsets.unsqueeze(0)).flatten();
                var xb = steps.index_select(0, index).reshape([windows.Length, sequenceLength, .. steps.shape[1..]]);
                var yb = targetSteps?.index_select(0, starts);
                return (xb.MoveToOuterDisposeScope(), yb?.MoveToOuterDisposeScope());
            }

            int pass = 0;
            long[] Order()
            {
                var order = BatchDataset.Sequential(startPositions.LongLength);
                if (!shuffle) return order;
                var rng = new System.Random(HashCode.Combine(actualSeed, pass++));
                return BufferShuffle(order, batchSize is int b ? (long)b * 8 : 1024, rng);
            }

            return new BatchDataset(startPositions.LongLength, batchSize, y is not null, Gather, Order);
        }

        /// <summary>tf.data's <c>shuffle(buffer_size)</c>: draw uniformly from a buffer refilled from the input in order.</summary>
        internal static long[] BufferShuffle(long[] items, long bufferSize, System.Random rng)
        {
            var result = new long[items.LongLength];
            var buffer = new List<long>();
            long next = 0, written = 0;
            while (buffer.Count < bufferSize && next < items.LongLength) buffer.Add(items[next++]);
            while (buffer.Count > 0)
            {
                int i = rng.Next(buffer.Count);
                result[written++] = buffer[i];
                if (next < items.LongLength) buffer[i] = items[next++];
                else { buffer[i] = buffer[^1]; buffer.RemoveAt(buffer.Count - 1); }
            }
            return result;
        }
    }
}
