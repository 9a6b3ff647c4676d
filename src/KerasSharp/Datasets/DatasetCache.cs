using System.Security.Cryptography;
using System.Text;

namespace KerasSharp.Datasets;

/// <summary>
/// One file of a dataset: its name in the cache folder and the hash (lower-case hex) it must have: SHA-256 (64 hex
/// digits) or, for the few files Keras publishes an MD5 for (the word indexes), MD5 (32 hex digits), chosen by length
/// as Keras' <c>get_file(hash_algorithm="auto")</c> does.
/// </summary>
internal sealed record DatasetFile(string Name, string Sha256)
{
    /// <summary>"sha256" or "md5", by the length of the expected hash.</summary>
    public string Algorithm => Sha256.Length == 32 ? "md5" : "sha256";

    /// <summary>The hash of <paramref name="data"/> with this file's algorithm.</summary>
    public string HashOf(ReadOnlySpan<byte> data) =>
        Sha256.Length == 32 ? Convert.ToHexString(MD5.HashData(data)).ToLowerInvariant() : DatasetCache.Sha256Hex(data);
}

/// <summary>
/// A place the files of a dataset can come from. <see cref="Fetch"/> receives the names still needed and returns the
/// bytes of (at least) those files, or throws (any exception) with a short reason when the source is unavailable.
/// </summary>
internal sealed record DatasetSource(string Description, Func<IReadOnlyList<string>, IReadOnlyDictionary<string, byte[]>> Fetch);

/// <summary>
/// A folder of verified dataset files. <see cref="Load"/> returns the bytes of every file, each checked against its
/// SHA-256; files missing or corrupt in the folder are fetched from the sources in order, verified, and written
/// atomically (temporary name in the same folder, then a rename). A corrupt cached file is reported on stderr and never
/// used.
/// </summary>
internal sealed class DatasetCache
{
    private readonly string datasetName;
    private readonly IReadOnlyList<DatasetFile> files;
    private readonly IReadOnlyList<DatasetSource> sources;
    private readonly string manualHelp;

    /// <param name="datasetName">Named in messages ("MNIST").</param>
    /// <param name="folder">The cache folder (created when files are written).</param>
    /// <param name="files">The files and their hashes.</param>
    /// <param name="sources">Where missing files come from, tried in order.</param>
    /// <param name="manualHelp">Appended to the error when no source works: where a user can get the files.</param>
    internal DatasetCache(string datasetName, string folder, IReadOnlyList<DatasetFile> files, IReadOnlyList<DatasetSource> sources, string manualHelp)
    {
        this.datasetName = datasetName;
        Folder = Path.GetFullPath(folder);
        this.files = files;
        this.sources = sources;
        this.manualHelp = manualHelp;
    }

    /// <summary>The absolute cache folder.</summary>
    internal string Folder { get; }

    /// <summary>Whether the error message calls the files "uncompressed" (MNIST's IDX files; Keras' own archives are not).</summary>
    internal bool Uncompressed { get; init; } = true;

    /// <summary>Where messages about corrupt files go (stderr by default; tests capture it).</summary>
    internal TextWriter Log { get; init; } = Console.Error;

    /// <summary>Lower-case hex SHA-256 of <paramref name="data"/>.</summary>
    internal static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    /// <summary>Returns every file's verified bytes, by name, fetching what the folder lacks.</summary>
    /// <exception cref="FileNotFoundException">Files are missing and no source could supply them.</exception>
    /// <exception cref="InvalidDataException">A cached file is corrupt and no source could replace it.</exception>
    internal Dictionary<string, byte[]> Load()
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var corrupt = new Dictionary<string, string>(StringComparer.Ordinal); // name -> actual hash
        var needed = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(Folder, file.Name);
            if (!File.Exists(path)) { needed.Add(file.Name); continue; }
            var bytes = File.ReadAllBytes(path);
            var actual = file.HashOf(bytes);
            if (actual == file.Sha256) { result[file.Name] = bytes; continue; }
            Log.WriteLine($"KerasSharp: the cached {datasetName} file '{path}' is corrupt ({file.Algorithm} {actual}, expected {file.Sha256}); fetching it again.");
            corrupt[file.Name] = actual;
            needed.Add(file.Name);
        }
        if (needed.Count == 0) return result;

        var failures = new List<string>();
        foreach (var source in sources)
        {
            IReadOnlyDictionary<string, byte[]> fetched;
            try
            {
                fetched = source.Fetch(needed);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"{source.Description}: {e.Message}");
                continue;
            }
            var stillNeeded = new List<string>();
            foreach (var name in needed)
            {
                var file = files.First(f => f.Name == name);
                var expected = file.Sha256;
                if (!fetched.TryGetValue(name, out var bytes))
                {
                    failures.Add($"{source.Description}: did not provide '{name}'.");
                    stillNeeded.Add(name);
                    continue;
                }
                var actual = file.HashOf(bytes);
                if (actual != expected)
                {
                    failures.Add($"{source.Description}: '{name}' has {file.Algorithm} {actual}, expected {expected}.");
                    stillNeeded.Add(name);
                    continue;
                }
                WriteAtomically(name, bytes);
                result[name] = bytes;
            }
            needed = stillNeeded;
            if (needed.Count == 0) return result;
        }
        throw BuildError(needed, corrupt, failures);
    }

    private void WriteAtomically(string name, byte[] bytes)
    {
        Directory.CreateDirectory(Folder);
        var target = Path.Combine(Folder, name);
        var temp = Path.Combine(Folder, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private Exception BuildError(IReadOnlyList<string> needed, IReadOnlyDictionary<string, string> corrupt, IReadOnlyList<string> failures)
    {
        var text = new StringBuilder();
        var corruptNeeded = needed.Where(corrupt.ContainsKey).ToList();
        if (corruptNeeded.Count > 0)
        {
            text.Append($"The cached {datasetName} file(s) are corrupt and could not be replaced: ");
            text.Append(string.Join("; ", corruptNeeded.Select(n =>
                $"'{Path.Combine(Folder, n)}' has {files.First(f => f.Name == n).Algorithm} {corrupt[n]}, expected {files.First(f => f.Name == n).Sha256}")));
            text.Append(". ");
        }
        var missing = needed.Where(n => !corrupt.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            text.Append($"The {datasetName} file(s) {string.Join(", ", missing.Select(n => $"'{n}'"))} are not in the cache folder and could not be fetched. ");
        if (failures.Count > 0)
            text.Append("Tried: ").Append(string.Join(" ", failures.Select(f => f.EndsWith('.') ? f : f + "."))).Append(' ');
        text.Append(files.Count == 1 ? $"To provide the data by hand, put this file in the folder '{Folder}': "
            : $"To provide the data by hand, put these {files.Count} {(Uncompressed ? "uncompressed " : "")}files in the folder '{Folder}': ");
        text.Append(string.Join(", ", files.Select(f => $"{f.Name} ({f.Algorithm} {f.Sha256})")));
        text.Append(". ").Append(manualHelp);
        return corruptNeeded.Count > 0
            ? new InvalidDataException(text.ToString())
            : new FileNotFoundException(text.ToString(), Path.Combine(Folder, missing[0]));
    }
}
