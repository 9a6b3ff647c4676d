using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Splits arrays of samples into a left and a right part (Keras' <c>keras.utils.split_dataset</c>), e.g. train and
        /// test: <c>var (train, test) = Keras.Utils.SplitDataset(x, leftSize: 0.8);</c> on 1000 samples gives 800 and 200.
        /// </summary>
        /// <remarks>
        /// <para>Sizes as Keras': an integer is a count (0 &lt; n &lt; total), a floating-point number a fraction
        /// (0 &lt; f &lt; 1) rounded half to even (Python's <c>round</c>); a missing size is the complement of the other.
        /// The left part is the first <c>left</c> samples, the right part the last <c>right</c> samples.</para>
        /// <para>With <paramref name="shuffle"/>, samples are first shuffled exactly as Keras does
        /// (<c>random.seed(seed); random.shuffle(samples)</c> of Python's <c>random</c>, reproduced bit for bit); the same
        /// seed gives Keras' split. Keras returns <c>tf.data.Dataset</c>s of samples; these are tensors, which Fit takes
        /// directly.</para>
        /// </remarks>
        /// <param name="dataset">The samples (first axis).</param>
        /// <param name="leftSize">int/long: samples in the left part; float/double: its fraction; null: the complement of <paramref name="rightSize"/>.</param>
        /// <param name="rightSize">int/long: samples in the right part; float/double: its fraction; null: the complement of <paramref name="leftSize"/>.</param>
        /// <param name="shuffle">Shuffle before splitting (default false).</param>
        /// <param name="seed">The shuffling seed (default: random).</param>
        /// <exception cref="ArgumentException">Bad sizes (Keras' checks and messages) or an empty dataset.</exception>
        public static (Tensor Left, Tensor Right) SplitDataset(Tensor dataset, object? leftSize = null, object? rightSize = null,
            bool shuffle = false, long? seed = null)
        {
            ArgumentNullException.ThrowIfNull(dataset);
            var (left, right) = SplitDataset([dataset], leftSize, rightSize, shuffle, seed);
            return (left[0], right[0]);
        }

        /// <summary>
        /// <see cref="SplitDataset(Tensor, object?, object?, bool, long?)"/> for an <c>(x, y)</c> pair (Keras' tuple of
        /// arrays): the same samples go to the same side in both.
        /// </summary>
        public static ((Tensor X, Tensor Y) Left, (Tensor X, Tensor Y) Right) SplitDataset((Tensor X, Tensor Y) dataset,
            object? leftSize = null, object? rightSize = null, bool shuffle = false, long? seed = null)
        {
            ArgumentNullException.ThrowIfNull(dataset.X, "dataset.X");
            ArgumentNullException.ThrowIfNull(dataset.Y, "dataset.Y");
            var (left, right) = SplitDataset([dataset.X, dataset.Y], leftSize, rightSize, shuffle, seed);
            return ((left[0], left[1]), (right[0], right[1]));
        }

        /// <summary>
        /// <see cref="SplitDataset(Tensor, object?, object?, bool, long?)"/> for a list of arrays with the same number of
        /// samples (Keras' list/tuple of arrays): one left and one right tensor per array, in order.
        /// </summary>
        public static (Tensor[] Left, Tensor[] Right) SplitDataset(IReadOnlyList<Tensor> dataset, object? leftSize = null, object? rightSize = null,
            bool shuffle = false, long? seed = null)
        {
            ArgumentNullException.ThrowIfNull(dataset);
            if (dataset.Count == 0)
                throw new ArgumentException("Received an empty list dataset. Please provide a non-empty list of arrays.", nameof(dataset));
            for (int i = 0; i < dataset.Count; i++)
            {
                if (dataset[i] is null) throw new ArgumentException($"dataset element {i} is null.", nameof(dataset));
                if (dataset[i].dim() == 0) throw new ArgumentException($"dataset element {i} is a scalar; arrays of samples are expected.", nameof(dataset));
                if (dataset[i].shape[0] != dataset[0].shape[0])
                    throw new ArgumentException($"Received a list of arrays with different lengths. Mismatch found at index {i}, expected {dataset[0].shape[0]} samples, received {dataset[i].shape[0]}. Please provide arrays of the same length.", nameof(dataset));
            }
            long total = dataset[0].shape[0];
            if (total == 0)
                throw new ArgumentException("Received an empty dataset. Argument dataset must be a non-empty list of arrays.", nameof(dataset));
            if (leftSize is null && rightSize is null)
                throw new ArgumentException("At least one of the leftSize or rightSize must be specified. Received: leftSize=null and rightSize=null", nameof(leftSize));
            var (left, right) = RescaleSplitSizes(leftSize, rightSize, total);

            var order = BatchDataset.Sequential(total);
            if (shuffle)
                new PythonRandom(seed ?? System.Random.Shared.Next(0, 1_000_001)).Shuffle(order);
            using var scope = NewDisposeScope();
            var leftIndex = tensor(order[..(int)left], ScalarType.Int64);
            var rightIndex = tensor(order[(int)(total - right)..], ScalarType.Int64);
            var lefts = dataset.Select(t => t.index_select(0, leftIndex.to(t.device)).MoveToOuterDisposeScope()).ToArray();
            var rights = dataset.Select(t => t.index_select(0, rightIndex.to(t.device)).MoveToOuterDisposeScope()).ToArray();
            return (lefts, rights);
        }

        /// <summary>Keras' <c>_rescale_dataset_split_sizes</c>: validates the sizes and returns them as counts.</summary>
        internal static (long Left, long Right) RescaleSplitSizes(object? leftSize, object? rightSize, long total)
        {
            static (bool IsInt, double Value)? Read(object? size, string name) => size switch
            {
                null => null,
                int i => (true, i),
                long l => (true, l),
                float f => (false, f),
                double d => (false, d),
                _ => throw new ArgumentException($"Invalid {name} type. Expected: int, long, float, double or null, Received: {size.GetType().Name}.", name),
            };
            var l = Read(leftSize, nameof(leftSize));
            var r = Read(rightSize, nameof(rightSize));
            if (l is { Value: 0 } && r is { Value: 0 })
                throw new ArgumentException("Both leftSize and rightSize are zero. At least one of the split sizes must be non-zero.", nameof(leftSize));
            if (l is { } lv && (lv.IsInt ? lv.Value <= 0 || lv.Value >= total : !(lv.Value > 0 && lv.Value < 1)))
                throw new ArgumentOutOfRangeException(nameof(leftSize), leftSize,
                    $"leftSize should be either a positive integer smaller than {total}, or a float within the range [0, 1]. Received: leftSize={leftSize}");
            if (r is { } rv && (rv.IsInt ? rv.Value <= 0 || rv.Value >= total : !(rv.Value > 0 && rv.Value < 1)))
                throw new ArgumentOutOfRangeException(nameof(rightSize), rightSize,
                    $"rightSize should be either a positive integer and smaller than {total} or a float within the range [0, 1]. Received: rightSize={rightSize}");
            if (l is { IsInt: false } lf && r is { IsInt: false } rf && lf.Value + rf.Value > 1)
                throw new ArgumentException("The sum of leftSize and rightSize is greater than 1. It must be less than or equal to 1.", nameof(rightSize));
            double? left = l is null ? null : l.Value.IsInt ? l.Value.Value : Math.Round(l.Value.Value * total, MidpointRounding.ToEven);
            double? right = r is null ? null : r.Value.IsInt ? r.Value.Value : Math.Round(r.Value.Value * total, MidpointRounding.ToEven);
            left ??= total - right!.Value;
            right ??= total - left.Value;
            if (left + right > total)
                throw new ArgumentException($"The sum of leftSize and rightSize should be smaller than the {total}. Received: leftSize + rightSize = {left + right} and total_length = {total}", nameof(leftSize));
            foreach (var (split, side) in new[] { (left.Value, "left"), (right.Value, "right") })
                if (split == 0)
                    throw new ArgumentException($"With dataset of length={total}, leftSize={left} and rightSize={right}. Resulting {side} side dataset split will be empty. Adjust any of the aforementioned parameters", side == "left" ? nameof(leftSize) : nameof(rightSize));
            return ((long)left.Value, (long)right.Value);
        }
    }
}
