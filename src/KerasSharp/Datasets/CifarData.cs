using System.Formats.Tar;
using System.IO.Compression;
using static TorchSharp.torch;

namespace KerasSharp.Datasets;

/// <summary>
/// Loads CIFAR-10 and CIFAR-100 for <see cref="Keras.Datasets.Cifar10"/> and <see cref="Keras.Datasets.Cifar100"/>:
/// the Python versions of the archives Keras downloads, read directly from the <c>.tar.gz</c> (each batch a pickled
/// dict whose <c>data</c> is a uint8 array (n, 3072) of channel-first 32x32 images).
/// </summary>
internal static class CifarData
{
    internal static readonly KerasRemoteFile Cifar10Archive =
        new("cifar-10-python.tar.gz", "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz", "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce");

    internal static readonly KerasRemoteFile Cifar100Archive =
        new("cifar-100-python.tar.gz", "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz", "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7");

    internal static readonly string[] Cifar10Batches =
        ["cifar-10-batches-py/data_batch_1", "cifar-10-batches-py/data_batch_2", "cifar-10-batches-py/data_batch_3",
         "cifar-10-batches-py/data_batch_4", "cifar-10-batches-py/data_batch_5", "cifar-10-batches-py/test_batch"];

    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadCifar10()
    {
        var archive = KerasDatasetDownloads.Fetch("CIFAR-10", MnistData.DatasetsRoot(), [Cifar10Archive], TimeSpan.FromMinutes(30))[Cifar10Archive.Name];
        return Cifar10FromArchive(archive);
    }

    internal static void ValidateLabelMode(string labelMode)
    {
        if (labelMode is not ("fine" or "coarse"))
            throw new ArgumentException($"labelMode must be one of \"fine\", \"coarse\". Received: labelMode={labelMode}.", nameof(labelMode));
    }

    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadCifar100(string labelMode)
    {
        ValidateLabelMode(labelMode);
        var archive = KerasDatasetDownloads.Fetch("CIFAR-100", MnistData.DatasetsRoot(), [Cifar100Archive], TimeSpan.FromMinutes(30))[Cifar100Archive.Name];
        return Cifar100FromArchive(archive, labelMode);
    }

    /// <summary>Keras' cifar10.load_data: five training batches then the test batch; x (n, 32, 32, 3) uint8, y (n, 1) uint8.</summary>
    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) Cifar10FromArchive(byte[] tarGz)
    {
        Runtime.LibTorchLoader.EnsureLoaded();
        var entries = ReadEntries(tarGz, Cifar10Batches);
        var train = Cifar10Batches[..5].Select(b => LoadBatch(entries[b], b, "labels")).ToList();
        var test = LoadBatch(entries[Cifar10Batches[5]], Cifar10Batches[5], "labels");
        var xTrain = cat(train.Select(t => t.X).ToArray(), 0);
        var yTrain = cat(train.Select(t => t.Y).ToArray(), 0);
        foreach (var (x, y) in train) { x.Dispose(); y.Dispose(); }
        return ((ChannelsLast(xTrain), Column(yTrain, ScalarType.Byte)), (ChannelsLast(test.X), Column(test.Y, ScalarType.Byte)));
    }

    /// <summary>Keras' cifar100.load_data: x (n, 32, 32, 3) uint8, y (n, 1) int64 (Keras reshapes a Python list).</summary>
    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) Cifar100FromArchive(byte[] tarGz, string labelMode)
    {
        ValidateLabelMode(labelMode);
        Runtime.LibTorchLoader.EnsureLoaded();
        string[] names = ["cifar-100-python/train", "cifar-100-python/test"];
        var entries = ReadEntries(tarGz, names);
        var train = LoadBatch(entries[names[0]], names[0], labelMode + "_labels");
        var test = LoadBatch(entries[names[1]], names[1], labelMode + "_labels");
        return ((ChannelsLast(train.X), Column(train.Y, ScalarType.Int64)), (ChannelsLast(test.X), Column(test.Y, ScalarType.Int64)));
    }

    private static Tensor ChannelsLast(Tensor x)
    {
        var result = x.permute(0, 2, 3, 1).contiguous();
        x.Dispose();
        return result;
    }

    private static Tensor Column(Tensor y, ScalarType type)
    {
        var result = y.to_type(type).reshape(y.shape[0], 1);
        y.Dispose();
        return result;
    }

    /// <summary>Reads the named members of a .tar.gz (leading "./" ignored).</summary>
    internal static Dictionary<string, byte[]> ReadEntries(byte[] tarGz, IReadOnlyCollection<string> names)
    {
        var wanted = new HashSet<string>(names, StringComparer.Ordinal);
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(tarGz, writable: false), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                if (entry.DataStream is null || !wanted.Contains(name)) continue;
                if (entry.Length > int.MaxValue) throw new InvalidDataException($"The archive member '{name}' is larger than 2 GiB.");
                using var buffer = new MemoryStream((int)entry.Length);
                entry.DataStream.CopyTo(buffer);
                result[name] = buffer.ToArray();
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new InvalidDataException($"The CIFAR archive is not a valid .tar.gz: {e.Message}", e);
        }
        var missing = names.Where(n => !result.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"The CIFAR archive lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        return result;
    }

    /// <summary>
    /// Keras' <c>cifar.load_batch</c>: unpickles a batch (restricted), takes <c>data</c> reshaped to (n, 3, 32, 32)
    /// and the labels under <paramref name="labelKey"/> (int64, shape (n)).
    /// </summary>
    internal static (Tensor X, Tensor Y) LoadBatch(byte[] pickle, string name, string labelKey)
    {
        if (PickleReader.Load(pickle, name) is not Dictionary<object, object?> dict)
            throw new InvalidDataException($"'{name}' does not hold a pickled dict.");
        if (!PickleReader.TryGetItem(dict, "data", out var dataValue) || dataValue is not PyNdArray { Data: { } data } array)
            throw new InvalidDataException($"'{name}' has no 'data' array.");
        if (array.Dtype?.Descr is not ("u1" or "|u1") || array.Shape.Length != 2 || array.Shape[1] != 3 * 32 * 32 || data.LongLength != array.Shape[0] * array.Shape[1])
            throw new InvalidDataException($"'{name}' data must be uint8 of shape (n, 3072), but it is '{array.Dtype?.Descr}' of shape ({string.Join(", ", array.Shape)}).");
        if (!PickleReader.TryGetItem(dict, labelKey, out var labelValue) || labelValue is not List<object?> labelList)
            throw new InvalidDataException($"'{name}' has no '{labelKey}' list.");
        long n = array.Shape[0];
        if (labelList.Count != n)
            throw new InvalidDataException($"'{name}' holds {n} images but {labelList.Count} labels.");
        var labels = labelList.Select((l, i) => l is long v ? v : throw new InvalidDataException($"'{name}' label {i} is not an integer.")).ToArray();
        var x = empty([n, 3, 32, 32], ScalarType.Byte);
        if (data.Length > 0) x.bytes = data;
        return (x, tensor(labels, [n], ScalarType.Int64));
    }
}
