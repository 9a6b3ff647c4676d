using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using PureHDF;

namespace KerasSharp.Saving;

/// <summary>
/// The Keras 3 <c>.keras</c> file (<c>saving_lib</c>): a zip with <c>metadata.json</c> (<c>keras_version</c>,
/// <c>date_saved</c>), <c>config.json</c> (the serialized model with <c>build_config</c> and <c>compile_config</c>) and
/// <c>model.weights.h5</c> (see <see cref="WeightsStore"/>), plus the layers' asset files under <c>assets/</c>
/// (<see cref="Layer.SaveAssets"/>). Writes are atomic (<see cref="AtomicFile"/>); reads
/// check every part and fail with the file's name and what is wrong, returning no model.
/// </summary>
internal static class KerasArchive
{
    internal const string ConfigName = "config.json";
    internal const string MetadataName = "metadata.json";
    internal const string WeightsName = "model.weights.h5";
    internal const string AssetsDirectory = "assets";

    /// <summary>Saves <paramref name="model"/> to <paramref name="path"/> (a <c>.keras</c> file).</summary>
    public static void Save(Model model, string path)
    {
        // Everything that can fail on the model's side happens before the file is touched.
        var config = ModelSerializer.Serialize(model, includeCompile: true);
        var metadata = new JsonObject
        {
            ["keras_version"] = Keras.KerasVersion,
            ["date_saved"] = DateTime.Now.ToString("yyyy-MM-dd@HH:mm:ss", CultureInfo.InvariantCulture),
        };
        var weights = new MemoryStream();
        WeightsStore.Build(model).Write(weights);
        var assets = Assets(model);
        AtomicFile.Write(path, fs =>
        {
            using var zip = new ZipArchive(fs, ZipArchiveMode.Create, leaveOpen: true);
            WriteText(zip, MetadataName, ConfigJson.Write(metadata));
            AtomicFile.Stage(MetadataName);
            WriteText(zip, ConfigName, ConfigJson.Write(config));
            AtomicFile.Stage(ConfigName);
            var entry = zip.CreateEntry(WeightsName, CompressionLevel.NoCompression);
            using (var es = entry.Open())
            {
                weights.Position = 0;
                weights.CopyTo(es);
            }
            AtomicFile.Stage(WeightsName);
            foreach (var (name, bytes) in assets)
                WriteBytes(zip, name, bytes);
        });
    }

    /// <summary>
    /// The asset files of the model and its layers (Keras' <c>save_assets</c>): <c>assets/&lt;layer path&gt;/&lt;file&gt;</c>,
    /// the layer path being the one its weights have (<see cref="WeightsStore.LayerPaths"/>; the model's own is
    /// <c>assets/</c>). Built-in lookup layers give their vocabulary files directly; a layer overriding
    /// <see cref="Layer.SaveAssets"/> writes into a fresh temporary folder whose files are read back and the folder deleted.
    /// </summary>
    /// <exception cref="InvalidOperationException">A hook wrote a link or two layers wrote the same entry.</exception>
    private static List<(string Name, byte[] Bytes)> Assets(Model model)
    {
        var list = new List<(string, byte[])>();
        foreach (var (path, layer) in WeightsStore.SavedObjects(model))
        {
            if (layer is IKerasAssets a)
                foreach (var (dir, file, text) in a.SaveAssets())
                    list.Add(($"{AssetsDirectory}/{Join(path, dir)}/{file}", Encoding.UTF8.GetBytes(text)));
            if (layer.Overrides(nameof(Layer.SaveAssets), typeof(string)))
                list.AddRange(HookAssets(path, layer));
        }
        var duplicate = list.GroupBy(e => e.Item1, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two asset files of model \"{model.Name}\" would both be stored as '{duplicate.Key}' in the .keras archive.");
        return list;
    }

    /// <summary>Runs <paramref name="layer"/>'s <see cref="Layer.SaveAssets"/> in a temporary folder and collects what it wrote.</summary>
    private static List<(string Name, byte[] Bytes)> HookAssets(string path, Layer layer)
    {
        var dir = Directory.CreateTempSubdirectory("keras_assets_");
        try
        {
            layer.SaveAssets(dir.FullName);
            var files = new List<(string, byte[])>();
            foreach (var item in dir.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                         .OrderBy(i => i.FullName, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(dir.FullName, item.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (item.LinkTarget is not null)
                    throw new InvalidOperationException(
                        $"Layer '{layer.Name}' ({layer.GetType().Name}): SaveAssets wrote the link '{relative}'; a .keras archive holds only plain files.");
                if (item is FileInfo file)
                    files.Add(($"{AssetsDirectory}/{Join(path, relative)}", File.ReadAllBytes(file.FullName)));
            }
            return files;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : $"{a}/{b}";

    /// <summary>
    /// Keras' <c>load_assets</c> for every layer that has assets, reading <c>assets/&lt;layer path&gt;/...</c> from
    /// <paramref name="zip"/>: the built-in lookup layers read their files directly; a layer overriding
    /// <see cref="Layer.LoadAssets"/> gets a fresh temporary folder holding its files, deleted afterwards. Before any
    /// such extraction every <c>assets/</c> entry is checked: no <c>..</c>, absolute or drive path, backslash or link,
    /// each within <see cref="Keras.Saving.MaxConfigBytes"/> and all together within <see cref="Keras.Saving.MaxWeightsBytes"/>.
    /// </summary>
    private static void LoadAssets(string path, ZipArchive zip, Model model)
    {
        var objects = WeightsStore.SavedObjects(model);
        bool extracts = objects.Any(o => o.Layer.Overrides(nameof(Layer.LoadAssets), typeof(string)));
        if (extracts) CheckAssetEntries(path, zip);
        foreach (var (layerPath, layer) in objects)
        {
            if (layer is IKerasAssets a)
                a.LoadAssets((dir, file) =>
                {
                    var entry = zip.GetEntry($"{AssetsDirectory}/{Join(Join(layerPath, dir), file)}");
                    if (entry is null) return null;
                    using var ms = ReadEntry(path, entry, Keras.Saving.MaxConfigBytes, "Keras.Saving.MaxConfigBytes");
                    return new UTF8Encoding(false, true).GetString(ms.ToArray());
                });
            if (layer.Overrides(nameof(Layer.LoadAssets), typeof(string)))
                LoadHookAssets(path, zip, layerPath, layer);
        }
    }

    /// <summary>Refuses an archive whose <c>assets/</c> entries could escape the extraction folder or exhaust the disk.</summary>
    private static void CheckAssetEntries(string path, ZipArchive zip)
    {
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (!entry.FullName.StartsWith(AssetsDirectory + "/", StringComparison.Ordinal) && !entry.FullName.StartsWith(AssetsDirectory + "\\", StringComparison.Ordinal))
                continue;
            var relative = entry.FullName[(AssetsDirectory.Length + 1)..];
            if (UnsafeAssetName(relative) is { } why)
                throw Bad(path, $"the asset entry '{entry.FullName}' {why}, so it could be written outside the folder it is extracted to; refused");
            // Unix mode bits in the upper half of the external attributes: 0xA000 is a symbolic link.
            if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
                throw Bad(path, $"the asset entry '{entry.FullName}' is a symbolic link, which could point outside the folder it is extracted to; refused");
            if (entry.Length > Keras.Saving.MaxConfigBytes)
                throw Bad(path, $"the asset entry '{entry.FullName}' declares {entry.Length:N0} bytes, more than the limit of {Keras.Saving.MaxConfigBytes:N0} " +
                                "(Keras.Saving.MaxConfigBytes; raise it for a larger asset you trust)");
            total += entry.Length;
            if (total > Keras.Saving.MaxWeightsBytes)
                throw Bad(path, $"the asset entries declare more than {Keras.Saving.MaxWeightsBytes:N0} bytes together " +
                                "(Keras.Saving.MaxWeightsBytes; raise it for larger assets you trust)");
        }
    }

    /// <summary>Why an entry name below <c>assets/</c> is unsafe to extract, or null when it is a plain relative path.</summary>
    private static string? UnsafeAssetName(string relative)
    {
        if (relative.Contains('\\')) return "contains a backslash";
        if (relative.Contains(':')) return "contains a drive or stream separator ':'";
        if (relative.Contains('\0')) return "contains a NUL character";
        if (relative.StartsWith('/')) return "is an absolute path";
        var parts = relative.TrimEnd('/').Split('/');
        if (parts.Any(p => p is ".." or ".")) return "has a '..' or '.' component";
        if (relative.TrimEnd('/').Length > 0 && parts.Any(p => p.Length == 0)) return "has an empty path component";
        return null;
    }

    /// <summary>Extracts <paramref name="layer"/>'s assets into a fresh temporary folder, calls its <see cref="Layer.LoadAssets"/>, deletes the folder.</summary>
    private static void LoadHookAssets(string path, ZipArchive zip, string layerPath, Layer layer)
    {
        var prefix = layerPath.Length == 0 ? AssetsDirectory + "/" : $"{AssetsDirectory}/{layerPath}/";
        var dir = Directory.CreateTempSubdirectory("keras_assets_");
        try
        {
            var root = dir.FullName + Path.DirectorySeparatorChar;
            foreach (var entry in zip.Entries)
            {
                if (!entry.FullName.StartsWith(prefix, StringComparison.Ordinal) || entry.FullName.Length == prefix.Length) continue;
                var relative = entry.FullName[prefix.Length..];
                var target = Path.GetFullPath(Path.Combine(dir.FullName, relative.Replace('/', Path.DirectorySeparatorChar)));
                // Checked by CheckAssetEntries already; kept as the last word before anything is written.
                if (!target.StartsWith(root, StringComparison.Ordinal))
                    throw Bad(path, $"the asset entry '{entry.FullName}' resolves outside the folder it is extracted to; refused");
                if (relative.EndsWith('/'))
                {
                    Directory.CreateDirectory(target);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var data = ReadEntry(path, entry, Keras.Saving.MaxConfigBytes, "Keras.Saving.MaxConfigBytes");
                using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                data.CopyTo(file);
            }
            try { layer.LoadAssets(dir.FullName); }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException or UnauthorizedAccessException)
            {
                throw new InvalidDataException(
                    $"layer '{layer.Name}' ({layer.GetType().Name}, assets at '{prefix}'): LoadAssets failed ({e.GetType().Name}: {e.Message.TrimEnd('.')})", e);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void WriteBytes(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var s = entry.Open();
        s.Write(bytes);
    }

    private static void WriteText(ZipArchive zip, string name, string text) => WriteBytes(zip, name, Encoding.UTF8.GetBytes(text));

    /// <summary>Loads a model from a <c>.keras</c> file.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid Keras model; the message names the file and the problem.</exception>
    public static Model Load(string path, bool compile)
    {
        using var zip = OpenZip(path);
        var configEntry = zip.GetEntry(ConfigName) ?? throw Bad(path, $"the archive has no {ConfigName} (entries: {Entries(zip)})");
        JsonNode? parsed;
        try
        {
            using var s = ReadEntry(path, configEntry, Keras.Saving.MaxConfigBytes, "Keras.Saving.MaxConfigBytes");
            parsed = JsonNode.Parse(s);
        }
        // ArgumentException: a JSON object with the same key twice (one file, two readings: refused).
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or ArgumentException)
        {
            throw Bad(path, $"{ConfigName} is not valid JSON ({e.Message})", e);
        }
        if (parsed is not JsonObject config || ConfigJson.GetString(config, "class_name") is null)
            throw Bad(path, $"{ConfigName} is not a Keras model config (expected an object with \"class_name\" and \"config\"), found {ConfigJson.Describe(parsed)}");

        var weightsEntry = zip.GetEntry(WeightsName);
        if (weightsEntry is null)
        {
            var npz = zip.GetEntry("model.weights.npz") is not null ? " (it has model.weights.npz, a format KerasSharp does not read)" : "";
            throw Bad(path, $"the archive has no {WeightsName}{npz}");
        }
        return Build(path, config, compile, weightsEntry.Length, readAssets: model => LoadAssets(path, zip, model), openWeights: model =>
        {
            // The weights file can hold the model's variables and an optimizer's (up to 3 slots each) plus HDF5's own
            // structure; anything declaring more is damaged or hostile, and is refused before it is inflated.
            long need = 4 * ModelBytes(model) + (16L << 20);
            if (weightsEntry.Length > need && weightsEntry.Length <= Keras.Saving.MaxWeightsBytes)
                throw Bad(path, $"{WeightsName} declares {weightsEntry.Length:N0} bytes, far more than this model's weights and optimizer state " +
                                $"can fill (at most {need:N0} bytes); the file is damaged or not what its config describes");
            return ReadEntry(path, weightsEntry, Keras.Saving.MaxWeightsBytes, "Keras.Saving.MaxWeightsBytes");
        });
    }

    private static long ModelBytes(Model model) => model.Weights.Sum(w => w.numel() * w.element_size());

    /// <summary>Builds the model from <paramref name="config"/>, loads weights from the HDF5 <paramref name="openWeights"/> gives, compiles.</summary>
    internal static Model Build(string path, JsonObject config, bool compile, long weightsBytes, Func<Model, MemoryStream> openWeights,
        Action<Model>? readAssets = null)
    {
        Model model;
        try
        {
            // Every weight the config creates must fit in the weights file (Keras stores each one there).
            using (WeightBudget.Begin(weightsBytes, $"its {WeightsName} ({weightsBytes:N0} bytes)"))
                model = ModelSerializer.Deserialize(config, compile: false);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw Bad(path, $"{ConfigName}: {e.Message}", e);
        }
        using var weights = openWeights(model);
        try
        {
            using var h5 = H5File.Open(weights, false);
            Hdf5LinkCheck.Check(h5);   // no soft or external links: resolving one could loop or open another file
            // Keras' order: build_from_config (above), compile_from_config, load_own_variables, the optimizer's state, load_assets.
            bool compiled = false;
            if (compile && config["compile_config"] is JsonObject cc)
            {
                try { ModelSerializer.ApplyCompileConfig(model, cc); }
                catch (InvalidDataException e)
                {
                    throw Bad(path, $"{ConfigName} compile_config: {e.Message.TrimEnd('.')}", e);
                }
                compiled = true;
            }
            WeightsStore.Load(h5, model, skipMismatch: false);
            if (compiled)
                WeightsStore.LoadOptimizer(h5, model);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("Cannot load the model", StringComparison.Ordinal))
        {
            throw Bad(path, $"{WeightsName}: {e.Message}", e);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InvalidDataException))
        {
            throw Bad(path, $"{WeightsName} is not a readable Keras weights file ({e.GetType().Name}: {e.Message})", e);
        }
        try
        {
            readAssets?.Invoke(model);
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException && !e.Message.StartsWith("Cannot load the model", StringComparison.Ordinal))
        {
            throw Bad(path, $"{AssetsDirectory}: {e.Message}", e);
        }
        return model;
    }

    /// <summary>
    /// The <c>model.weights.h5</c> of a <c>.keras</c> archive, read with the same checks as <see cref="Load"/>
    /// (no duplicate entries, size limit, CRC-32), for <c>LoadWeights</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The archive or the entry is missing, damaged or hostile; the message names the file.</exception>
    public static MemoryStream ReadWeightsEntry(string path)
    {
        using var zip = OpenZip(path);
        var entry = zip.GetEntry(WeightsName) ?? throw Bad(path, $"the archive has no {WeightsName}");
        return ReadEntry(path, entry, Keras.Saving.MaxWeightsBytes, "Keras.Saving.MaxWeightsBytes");
    }

    private static ZipArchive OpenZip(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No model file at '{path}'.", path);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(File.OpenRead(path), ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            throw Bad(path, $"it is not a zip archive, so not a .keras file (truncated or another format: {e.Message})", e);
        }
        // One name, one entry: Python's zipfile reads the last of duplicates, .NET the first; refuse to guess.
        var duplicate = zip.Entries.GroupBy(e => e.FullName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is null) return zip;
        zip.Dispose();
        throw Bad(path, $"the archive holds {duplicate.Count()} entries named '{duplicate.Key}', so it describes more than one model");
    }

    /// <summary>
    /// Inflates one entry into memory: refused before reading when it declares more than <paramref name="limit"/>
    /// bytes, stopped as soon as it inflates past its declared size, and checked against its CRC-32 (as Python's
    /// zipfile does, so flipped bytes never load silently).
    /// </summary>
    private static MemoryStream ReadEntry(string path, ZipArchiveEntry entry, long limit, string limitName)
    {
        if (entry.Length > limit)
            throw Bad(path, $"{entry.FullName} declares {entry.Length:N0} bytes, more than the limit of {limit:N0} ({limitName}; raise it for a larger model you trust)");
        var ms = new MemoryStream((int)Math.Min(entry.Length, 1 << 26));
        var crc = new Internal.Crc32();
        try
        {
            using var s = entry.Open();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (ms.Length + n > entry.Length)
                    throw new InvalidDataException($"it inflates past its declared {entry.Length:N0} bytes");
                crc.Append(buffer.AsSpan(0, n));
                ms.Write(buffer, 0, n);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            ms.Dispose();
            throw Bad(path, $"{entry.FullName} is damaged in the archive ({e.Message})", e);
        }
        if (ms.Length != entry.Length || crc.Value != entry.Crc32)
        {
            long read = ms.Length;
            ms.Dispose();
            throw Bad(path, $"{entry.FullName} is damaged in the archive: Bad CRC-32 or length (stored CRC 0x{entry.Crc32:x8}, {entry.Length:N0} bytes; " +
                            $"read CRC 0x{crc.Value:x8}, {read:N0} bytes)");
        }
        ms.Position = 0;
        return ms;
    }

    private static string Entries(ZipArchive zip) => string.Join(", ", zip.Entries.Select(e => e.FullName));

    /// <summary>The exception for an unusable model file.</summary>
    internal static InvalidDataException Bad(string path, string problem, Exception? inner = null) =>
        new($"Cannot load the model from '{path}': {problem}.", inner);
}
