using System.Text.Json;
using static TorchSharp.torch;

namespace KerasSharp.Datasets;

/// <summary>One file Keras downloads: its name in the cache, Keras' URL, and the hash Keras checks (SHA-256 or MD5).</summary>
internal sealed record KerasRemoteFile(string Name, string Url, string Hash);

/// <summary>
/// Fetches and caches Keras' own dataset files (the files and URLs of <c>keras/src/datasets/*.py</c>), verified by the
/// hashes Keras checks, through <see cref="DatasetCache"/>: a file already in the cache folder (for example left there
/// by Python Keras, which uses the same folder and names) is used when its hash matches; a missing one is downloaded
/// from Keras' URL (skipped when <c>KERASSHARP_OFFLINE=1</c>); without a network the error names each file, its hash,
/// its URL and the folder to put it in. Also the shared conversions of NumPy arrays to tensors.
/// </summary>
internal static class KerasDatasetDownloads
{
    /// <summary>Keras' dataset bucket (<c>origin_folder</c> in keras/src/datasets).</summary>
    internal const string OriginFolder = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    /// <summary>
    /// Resolves Keras' <c>path</c> argument: relative to the datasets root (<see cref="MnistData.DatasetsRoot"/>, i.e.
    /// <c>~/.keras/datasets</c> by default), or absolute.
    /// </summary>
    internal static string Resolve(string path, string argumentName)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"{argumentName} must be a file name or path, but received '{path}'.", argumentName);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(MnistData.DatasetsRoot(), path));
    }

    /// <summary>Returns the verified bytes of each file, downloading into <paramref name="folder"/> what is missing.</summary>
    /// <exception cref="FileNotFoundException">A file is missing and could not be downloaded; the message says what to put where.</exception>
    internal static Dictionary<string, byte[]> Fetch(string datasetName, string folder, IReadOnlyList<KerasRemoteFile> files, TimeSpan timeout)
    {
        Runtime.LibTorchLoader.EnsureLoaded();
        return CreateCache(datasetName, folder, files, timeout).Load();
    }

    /// <summary>The cache of <paramref name="files"/> in <paramref name="folder"/> with Keras' URLs as the source.</summary>
    internal static DatasetCache CreateCache(string datasetName, string folder, IReadOnlyList<KerasRemoteFile> files, TimeSpan timeout)
    {
        var byName = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var urls = string.Join(", ", files.Select(f => $"{f.Name} from {f.Url}"));
        DatasetSource[] sources =
        [
            new($"download of Keras' {urls}", needed => Download(needed.Select(n => byName[n]), timeout)),
        ];
        var help = $"Download {(files.Count == 1 ? "it" : "them")} from Keras' URL{(files.Count == 1 ? "" : "s")} ({urls}) on a machine with a network; " +
            "Python Keras caches the same files under the same names in ~/.keras/datasets. The datasets root folder is $KERASSHARP_DATASETS, " +
            "else $KERAS_HOME/datasets, else ~/.keras/datasets.";
        return new DatasetCache(datasetName, folder, files.Select(f => new DatasetFile(f.Name, f.Hash)).ToList(), sources, help)
        {
            Uncompressed = false,
        };
    }

    private static Dictionary<string, byte[]> Download(IEnumerable<KerasRemoteFile> files, TimeSpan timeout)
    {
        if (Environment.GetEnvironmentVariable("KERASSHARP_OFFLINE") == "1")
            throw new InvalidOperationException("skipped because KERASSHARP_OFFLINE=1.");
        using var http = new HttpClient { Timeout = timeout };
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                result[file.Name] = http.GetByteArrayAsync(file.Url).GetAwaiter().GetResult();
            }
            catch (TaskCanceledException)
            {
                throw new TimeoutException($"no complete answer from {file.Url} within {timeout.TotalSeconds:0} s.");
            }
        }
        return result;
    }

    /// <summary>Parses a word-index JSON file (<c>{"word": index, ...}</c>) as Keras' <c>get_word_index</c> returns it.</summary>
    /// <exception cref="InvalidDataException">The file is not a JSON object of integers.</exception>
    internal static Dictionary<string, int> ParseWordIndex(byte[] json, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(json)
                ?? throw new InvalidDataException($"'{name}' holds JSON null, expected an object mapping words to indices.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{name}' is not a JSON object mapping words to integer indices: {e.Message}", e);
        }
    }

    /// <summary>A numeric NumPy array as a tensor of the same dtype (unsigned 16/32-bit widened to the next signed type).</summary>
    /// <exception cref="InvalidDataException">An object array or an unsupported dtype.</exception>
    internal static Tensor ToTensor(NpyArray array, string name)
    {
        if (array.Data is null)
            throw new InvalidDataException($"'{name}' is an object array; a numeric array was expected.");
        var (kind, size, _) = NpyReader.ParseNumericDescr(array.Descr, name);
        ScalarType? direct = (kind, size) switch
        {
            ('u', 1) => ScalarType.Byte,
            ('i', 1) => ScalarType.Int8,
            ('b', 1) => ScalarType.Bool,
            ('i', 2) => ScalarType.Int16,
            ('i', 4) => ScalarType.Int32,
            ('i', 8) => ScalarType.Int64,
            ('f', 2) => ScalarType.Float16,
            ('f', 4) => ScalarType.Float32,
            ('f', 8) => ScalarType.Float64,
            _ => null,
        };
        if (direct is ScalarType type)
        {
            var result = empty(array.Shape, type);
            if (array.Data.Length > 0) result.bytes = array.Data;
            return result;
        }
        var span = array.Data.AsSpan();
        switch ((kind, size))
        {
            case ('u', 2):
                {
                    var values = new int[span.Length / 2];
                    for (int i = 0; i < values.Length; i++) values[i] = BitConverter.ToUInt16(span.Slice(2 * i, 2));
                    return tensor(values).reshape(array.Shape);
                }
            case ('u', 4):
                {
                    var values = new long[span.Length / 4];
                    for (int i = 0; i < values.Length; i++) values[i] = BitConverter.ToUInt32(span.Slice(4 * i, 4));
                    return tensor(values).reshape(array.Shape);
                }
            default:
                throw new InvalidDataException($"'{name}' has dtype '{array.Descr}', which has no tensor type.");
        }
    }

    /// <summary>Reads the elements of a 1-D NumPy object array of Python lists of ints (Keras' ragged sequences).</summary>
    /// <exception cref="InvalidDataException">The array is not 1-D or an element is not a list of integers.</exception>
    internal static int[][] ToSequences(NpyArray array, string name)
    {
        if (array.Objects is null || array.Shape.Length != 1)
            throw new InvalidDataException($"'{name}' must be a 1-D object array of integer lists, but it has dtype '{array.Descr}' and shape ({string.Join(", ", array.Shape)}).");
        var result = new int[array.Objects.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            if (array.Objects[i] is not List<object?> list)
                throw new InvalidDataException($"'{name}' element {i} is not a list.");
            var seq = new int[list.Count];
            for (int j = 0; j < seq.Length; j++)
                seq[j] = list[j] is long v && v is >= int.MinValue and <= int.MaxValue ? (int)v
                    : throw new InvalidDataException($"'{name}' element {i} holds a non-integer (or out of int32 range) value at position {j}.");
            result[i] = seq;
        }
        return result;
    }

    /// <summary>Integer labels of a numeric NumPy array (any integer dtype) as longs.</summary>
    internal static long[] ToLongs(NpyArray array, string name)
    {
        using var t = ToTensor(array, name);
        if (t.is_floating_point() || t.dtype == ScalarType.Bool)
            throw new InvalidDataException($"'{name}' must hold integer labels, but its dtype is '{array.Descr}'.");
        using var l = t.to_type(ScalarType.Int64).flatten();
        return l.data<long>().ToArray();
    }
}
