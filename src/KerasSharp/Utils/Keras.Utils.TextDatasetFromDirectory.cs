using System.Text;
using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// A dataset of texts from a folder (Keras' <c>keras.utils.text_dataset_from_directory</c>): with
        /// <c>labels: "inferred"</c> each sub-folder is a class (sorted by name) and its ".txt" files (searched
        /// recursively) are the samples, read as UTF-8 when their batch is reached; labels by
        /// <paramref name="labelMode"/> as in <see cref="ImageDatasetFromDirectory"/>.
        /// </summary>
        /// <remarks>File order, NumPy-seeded shuffle, validation split, checks and messages are those of
        /// <see cref="ImageDatasetFromDirectory"/> (Keras shares them); <paramref name="maxLength"/> keeps the first
        /// characters of each text (Keras' tf.strings.substr counts UTF-8 bytes: the same for ASCII text, shorter cuts
        /// for other scripts there). The per-epoch tf.data buffer shuffle uses
        /// .NET's <see cref="Random"/>.</remarks>
        /// <param name="directory">The folder.</param>
        /// <param name="labels">"inferred" (default) or null (texts only).</param>
        /// <param name="labelList">One integer label per file in sorted file order (Keras' labels as a list).</param>
        /// <param name="labelMode">"int" (default), "categorical", "binary" or null.</param>
        /// <param name="classNames">With inferred labels, the sub-folders to use, in label order.</param>
        /// <param name="batchSize">Texts per batch (default 32); null yields single texts.</param>
        /// <param name="maxLength">Keep at most this many characters of each text; null keeps all.</param>
        /// <param name="shuffle">Shuffle the files (default true).</param>
        /// <param name="seed">Shuffling seed (required with a validation split when shuffling).</param>
        /// <param name="validationSplit">Fraction in (0, 1) held out for validation.</param>
        /// <param name="subset">"training" or "validation" (with <paramref name="validationSplit"/>).</param>
        /// <param name="followLinks">Follow symbolic links to folders (default false).</param>
        /// <param name="verbose">Print Keras' file counts (default true).</param>
        /// <exception cref="ArgumentException">A bad argument (Keras' checks and wording), or no text files.</exception>
        public static TextBatchDataset TextDatasetFromDirectory(string directory, string? labels = "inferred", IReadOnlyList<int>? labelList = null,
            string? labelMode = "int", IReadOnlyList<string>? classNames = null, int? batchSize = 32, int? maxLength = null, bool shuffle = true,
            long? seed = null, double? validationSplit = null, string? subset = null, bool followLinks = false, bool verbose = true)
        {
            ArgumentNullException.ThrowIfNull(directory);
            if (subset == "both")
                throw new ArgumentException("subset \"both\" returns two datasets: call TextDatasetFromDirectory once with subset \"training\" and once with \"validation\" (same seed).", nameof(subset));
            if (batchSize is <= 0)
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be a positive integer or null, but received {batchSize}.");
            if (maxLength is <= 0)
                throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"maxLength must be a positive integer or null, but received {maxLength}.");
            object? labelsArg = LabelsArgument(labels, labelList);
            DirectoryIndex.CheckArguments(labelsArg, labelMode, classNames, validationSplit, subset, shuffle, seed);
            if (labelsArg is null || labelMode is null) { labelsArg = null; labelMode = null; }
            long actualSeed = seed ?? System.Random.Shared.Next(1_000_000);
            var index = DirectoryIndex.Index(directory, labelsArg as IReadOnlyList<int>, labelsArg is "inferred", [".txt"], classNames, shuffle, actualSeed, followLinks);
            if (labelMode == "binary" && index.ClassNames.Count != 2)
                throw new ArgumentException($"When passing labelMode=\"binary\", there must be exactly 2 classNames. Received: classNames=[{string.Join(", ", index.ClassNames)}]", nameof(labelMode));
            if (index.FilePaths.Count == 0)
                throw new ArgumentException($"No text files found in directory {directory}. Allowed format: .txt", nameof(directory));
            if (verbose)
                Console.WriteLine(labelsArg is null ? $"Found {index.FilePaths.Count} files." : $"Found {index.FilePaths.Count} files belonging to {index.ClassNames.Count} classes.");
            int numClasses = labelsArg is "inferred" ? index.ClassNames.Count : index.Labels is { Count: > 0 } l ? l.Max() + 1 : 0;
            int start = 0, count = index.FilePaths.Count;
            if (subset is not null)
            {
                (start, count) = DirectoryIndex.Subset(count, validationSplit!.Value, subset);
                if (verbose) Console.WriteLine($"Using {count} files for {subset}.");
            }
            var paths = index.FilePaths.GetRange(start, count);
            var subsetLabels = index.Labels?.GetRange(start, count);
            Runtime.LibTorchLoader.EnsureLoaded();

            (string[] X, Tensor? Y) Gather(long[] which)
            {
                var texts = which.Select(i =>
                {
                    var text = File.ReadAllText(paths[(int)i], Encoding.UTF8);
                    return maxLength is int m && text.Length > m ? text[..m] : text;
                }).ToArray();
                var y = subsetLabels is null ? null : LabelTensor(which.Select(i => subsetLabels[(int)i]).ToArray(), labelMode!, numClasses);
                return (texts, y);
            }
            int pass = 0;
            long[] Order()
            {
                var order = BatchDataset.Sequential(count);
                return shuffle ? BufferShuffle(order, batchSize is int b ? (long)b * 8 : 1024, new System.Random(HashCode.Combine(actualSeed, pass++))) : order;
            }
            return new TextBatchDataset(count, batchSize, subsetLabels is not null, Gather, Order) { ClassNames = index.ClassNames, FilePaths = paths };
        }
    }
}
