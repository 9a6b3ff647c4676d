using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// A dataset of images from a folder (Keras' <c>keras.utils.image_dataset_from_directory</c>): with
        /// <c>labels: "inferred"</c> each sub-folder is a class (sorted by name: class i is the i-th folder), and its
        /// images (".bmp", ".gif", ".jpeg", ".jpg", ".png", searched recursively) are read from disk batch by batch,
        /// converted to <paramref name="colorMode"/>, resized to <paramref name="imageSize"/> and returned as float32
        /// (batch, height, width, channels) with values 0 to 255, and labels by <paramref name="labelMode"/>: "int" int32
        /// (batch), "categorical" float32 one-hot (batch, classes), "binary" float32 (batch, 1) (exactly 2 classes).
        /// </summary>
        /// <remarks>
        /// <para>The file order is Keras': folders and files in sorted order, then (with <paramref name="shuffle"/>)
        /// permuted by NumPy's <c>RandomState(seed).shuffle</c>, reproduced bit for bit, so the same seed puts the same
        /// files in the training and validation subsets as in Keras (validation = the last
        /// <c>int(validationSplit * n)</c> files). Keras also applies tf.data's <c>shuffle(batch_size * 8)</c> buffer
        /// every epoch; that buffer algorithm is reproduced with .NET's <see cref="Random"/>, so the within-epoch order
        /// differs from TensorFlow's.</para>
        /// <para>Resizing uses tf.image.resize's rule (half-pixel centres, no antialiasing) for "bilinear" (default),
        /// "nearest" and "area"; "bicubic" uses PyTorch's kernel (a = -0.75, TensorFlow's is -0.5). JPEG decoding
        /// (libjpeg-turbo in SkiaSharp) can differ from TensorFlow's by a unit in some pixels.</para>
        /// <para>With <paramref name="verbose"/> it prints Keras' "Found N files belonging to K classes." and
        /// "Using M files for training." lines.</para>
        /// </remarks>
        /// <param name="directory">The folder.</param>
        /// <param name="labels">"inferred" (default) or null (images only: use <see cref="BatchDataset.Inputs"/>).</param>
        /// <param name="labelList">Keras' <c>labels</c> as a list: one integer label per file, in sorted file order (then
        /// <paramref name="labels"/> stays "inferred" and the folders are not classes).</param>
        /// <param name="labelMode">"int" (default), "categorical", "binary" or null (no labels).</param>
        /// <param name="classNames">With inferred labels, the sub-folders to use, in label order.</param>
        /// <param name="colorMode">"rgb" (default), "rgba" or "grayscale".</param>
        /// <param name="batchSize">Images per batch (default 32); null yields single images.</param>
        /// <param name="imageSize">(height, width), default (256, 256).</param>
        /// <param name="shuffle">Shuffle the files (default true).</param>
        /// <param name="seed">Shuffling seed (required with a validation split when shuffling).</param>
        /// <param name="validationSplit">Fraction in (0, 1) held out for validation.</param>
        /// <param name="subset">"training" or "validation" (with <paramref name="validationSplit"/>); for both use <see cref="ImageDatasetsFromDirectory"/>.</param>
        /// <param name="interpolation">"bilinear" (default), "nearest", "bicubic" or "area".</param>
        /// <param name="followLinks">Follow symbolic links to folders (default false).</param>
        /// <param name="cropToAspectRatio">Centre-crop each image to the target aspect ratio before resizing.</param>
        /// <param name="padToAspectRatio">Pad each image with zeros to the target aspect ratio before resizing.</param>
        /// <param name="verbose">Print the file counts (default true).</param>
        /// <exception cref="ArgumentException">A bad argument (Keras' checks and wording), or no images.</exception>
        public static BatchDataset ImageDatasetFromDirectory(string directory, string? labels = "inferred", IReadOnlyList<int>? labelList = null, string? labelMode = "int",
            IReadOnlyList<string>? classNames = null, string colorMode = "rgb", int? batchSize = 32, (int Height, int Width)? imageSize = null,
            bool shuffle = true, long? seed = null, double? validationSplit = null, string? subset = null, string interpolation = "bilinear",
            bool followLinks = false, bool cropToAspectRatio = false, bool padToAspectRatio = false, bool verbose = true)
        {
            if (subset == "both")
                throw new ArgumentException("subset \"both\" returns two datasets: call Keras.Utils.ImageDatasetsFromDirectory.", nameof(subset));
            return ImageDatasets(directory, LabelsArgument(labels, labelList), labelMode, classNames, colorMode, batchSize, imageSize, shuffle, seed, validationSplit,
                subset, interpolation, followLinks, cropToAspectRatio, padToAspectRatio, verbose)[0];
        }

        /// <summary>
        /// <see cref="ImageDatasetFromDirectory"/> with <c>subset="both"</c>: the training and the validation dataset of
        /// one split (Keras returns the pair).
        /// </summary>
        public static (BatchDataset Training, BatchDataset Validation) ImageDatasetsFromDirectory(string directory, double validationSplit, long seed,
            string? labels = "inferred", IReadOnlyList<int>? labelList = null, string? labelMode = "int", IReadOnlyList<string>? classNames = null, string colorMode = "rgb",
            int? batchSize = 32, (int Height, int Width)? imageSize = null, bool shuffle = true, string interpolation = "bilinear",
            bool followLinks = false, bool cropToAspectRatio = false, bool padToAspectRatio = false, bool verbose = true)
        {
            var both = ImageDatasets(directory, LabelsArgument(labels, labelList), labelMode, classNames, colorMode, batchSize, imageSize, shuffle, seed, validationSplit,
                "both", interpolation, followLinks, cropToAspectRatio, padToAspectRatio, verbose);
            return (both[0], both[1]);
        }

        private static BatchDataset[] ImageDatasets(string directory, object? labels, string? labelMode, IReadOnlyList<string>? classNames,
            string colorMode, int? batchSize, (int Height, int Width)? imageSize, bool shuffle, long? seed, double? validationSplit, string? subset,
            string interpolation, bool followLinks, bool cropToAspectRatio, bool padToAspectRatio, bool verbose)
        {
            ArgumentNullException.ThrowIfNull(directory);
            var size = imageSize ?? (256, 256);
            if (size.Height <= 0 || size.Width <= 0)
                throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, $"imageSize must be positive (height, width), but received {imageSize}.");
            if (batchSize is <= 0)
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be a positive integer or null, but received {batchSize}.");
            if (cropToAspectRatio && padToAspectRatio)
                throw new ArgumentException("Only one of cropToAspectRatio and padToAspectRatio can be set to true.", nameof(padToAspectRatio));
            var mode = ImageCodec.ModeOf(colorMode, nameof(colorMode));
            var interp = ImageCodec.ParseInterpolation(interpolation, nameof(interpolation));
            DirectoryIndex.CheckArguments(labels, labelMode, classNames, validationSplit, subset, shuffle, seed);
            if (labels is null || labelMode is null) { labels = null; labelMode = null; }
            long actualSeed = seed ?? System.Random.Shared.Next(1_000_000);
            var index = DirectoryIndex.Index(directory, labels as IReadOnlyList<int>, labels is "inferred", ImageCodec.AllowedFormats,
                classNames, shuffle, actualSeed, followLinks);
            if (labelMode == "binary" && index.ClassNames.Count != 2)
                throw new ArgumentException($"When passing labelMode=\"binary\", there must be exactly 2 classNames. Received: classNames=[{string.Join(", ", index.ClassNames)}]", nameof(labelMode));
            if (index.FilePaths.Count == 0)
                throw new ArgumentException($"No images found in directory {directory}. Allowed formats: ({string.Join(", ", ImageCodec.AllowedFormats)})", nameof(directory));
            if (verbose)
                Console.WriteLine(labels is "inferred" || labels is IReadOnlyList<int>
                    ? $"Found {index.FilePaths.Count} files belonging to {index.ClassNames.Count} classes."
                    : $"Found {index.FilePaths.Count} files.");
            int numClasses = labels is "inferred" ? index.ClassNames.Count : index.Labels is { Count: > 0 } l ? l.Max() + 1 : 0;

            BatchDataset Make(int start, int count)
            {
                var paths = index.FilePaths.GetRange(start, count);
                var subsetLabels = index.Labels?.GetRange(start, count);
                (Tensor X, Tensor? Y) Gather(long[] which)
                {
                    using var scope = NewDisposeScope();
                    var images = which.Select(i => LoadForDataset(paths[(int)i], mode, size, interp, cropToAspectRatio, padToAspectRatio)).ToArray();
                    var x = stack(images, 0);
                    Tensor? y = subsetLabels is null ? null : LabelTensor(which.Select(i => subsetLabels[(int)i]).ToArray(), labelMode!, numClasses);
                    return (x.MoveToOuterDisposeScope(), y?.MoveToOuterDisposeScope());
                }
                int pass = 0;
                long[] Order()
                {
                    var order = BatchDataset.Sequential(count);
                    return shuffle ? BufferShuffle(order, batchSize is int b ? (long)b * 8 : 1024, new System.Random(HashCode.Combine(actualSeed, pass++))) : order;
                }
                return new BatchDataset(count, batchSize, subsetLabels is not null, Gather, Order)
                {
                    ClassNames = index.ClassNames,
                    FilePaths = paths,
                };
            }

            int total = index.FilePaths.Count;
            if (subset is null) return [Make(0, total)];
            var result = new List<BatchDataset>();
            foreach (var part in subset == "both" ? new[] { "training", "validation" } : [subset])
            {
                var (start, count) = DirectoryIndex.Subset(total, validationSplit!.Value, part);
                if (verbose) Console.WriteLine($"Using {count} files for {part}.");
                result.Add(Make(start, count));
            }
            return [.. result];
        }

        /// <summary>Keras' single <c>labels</c> argument from the C# pair (labels, labelList).</summary>
        internal static object? LabelsArgument(string? labels, IReadOnlyList<int>? labelList)
        {
            if (labels is not (null or "inferred"))
                throw new ArgumentException($"labels must be \"inferred\" or null (pass a list of labels as labelList), but received \"{labels}\".", nameof(labels));
            if (labelList is null) return labels;
            if (labels is null)
                throw new ArgumentException("labelList is given but labels is null (no labels); leave labels at \"inferred\" to use labelList.", nameof(labelList));
            return labelList;
        }

        /// <summary>Keras' labels per label_mode: int32 (n), float32 one-hot (n, classes), float32 (n, 1).</summary>
        internal static Tensor LabelTensor(int[] labels, string labelMode, int numClasses) => labelMode switch
        {
            "int" => tensor(labels, ScalarType.Int32),
            "binary" => tensor(labels.Select(l => (float)l).ToArray(), [labels.Length, 1], ScalarType.Float32),
            _ => ToCategorical(labels, numClasses),
        };

        private static Tensor LoadForDataset(string path, string mode, (int Height, int Width) size, TorchSharp.torch.InterpolationMode interp,
            bool crop, bool pad)
        {
            var image = ImageCodec.Convert(ImageCodec.DecodeRgba(File.ReadAllBytes(path), path), mode);
            var x = ImageCodec.ToTensor(image);
            if (pad)
            {
                long h = x.shape[0], w = x.shape[1];
                long padHeight = Math.Max(h, (long)((double)(w * size.Height) / size.Width));
                long padWidth = Math.Max(w, (long)((double)(h * size.Width) / size.Height));
                long top = (long)((padHeight - h) / 2.0), left = (long)((padWidth - w) / 2.0);
                var padded = zeros([padHeight, padWidth, x.shape[2]], ScalarType.Float32);
                padded.narrow(0, top, h).narrow(1, left, w).copy_(x);
                x = padded;
            }
            return ImageCodec.Resize(x, size.Height, size.Width, interp, crop);
        }
    }
}
