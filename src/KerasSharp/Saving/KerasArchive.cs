using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PureHDF;

namespace KerasSharp.Saving;

/// <summary>
/// The Keras 3 <c>.keras</c> file (<c>saving_lib</c>): a zip with <c>metadata.json</c> (<c>keras_version</c>,
/// <c>date_saved</c>), <c>config.json</c> (the serialized model with <c>build_config</c> and <c>compile_config</c>) and
/// <c>model.weights.h5</c> (see <see cref="WeightsStore"/>). Writes are atomic (<see cref="AtomicFile"/>); reads
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
            foreach (var (name, text) in assets)
                WriteText(zip, name, text);
        });
    }

    /// <summary>
    /// The asset files of the model's layers (Keras' <c>save_assets</c>): <c>assets/&lt;layer path&gt;/&lt;file&gt;</c>,
    /// the layer path being the one its weights have (<see cref="WeightsStore.LayerPaths"/>).
    /// </summary>
    private static List<(string Name, string Text)> Assets(Model model)
    {
        var list = new List<(string, string)>();
        foreach (var (path, layer) in WeightsStore.LayerPaths(model))
            if (layer is IKerasAssets a)
                foreach (var (dir, file, text) in a.SaveAssets())
                    list.Add(($"{AssetsDirectory}/{Join(path, dir)}/{file}", text));
        return list;
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : $"{a}/{b}";

    /// <summary>Keras' <c>load_assets</c> for every layer that has assets, reading <c>assets/&lt;layer path&gt;/...</c> from <paramref name="zip"/>.</summary>
    private static void LoadAssets(string path, ZipArchive zip, Model model)
    {
        foreach (var (layerPath, layer) in WeightsStore.LayerPaths(model))
        {
            if (layer is not IKerasAssets a) continue;
            a.LoadAssets((dir, file) =>
            {
                var entry = zip.GetEntry($"{AssetsDirectory}/{Join(Join(layerPath, dir), file)}");
                if (entry is null) return null;
                using var ms = ReadEntry(path, entry, Keras.Saving.MaxConfigBytes, "Keras.Saving.MaxConfigBytes");
                return new UTF8Encoding(false, true).GetString(ms.ToArray());
            });
        }
    }

    private static void WriteText(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var s = entry.Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }

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
            WeightsStore.Load(h5, model, skipMismatch: false);
            if (compile && config["compile_config"] is JsonObject cc)
            {
                CompileConfig.Apply(model, cc);
                WeightsStore.LoadOptimizer(h5, model);
            }
        }
        catch (InvalidDataException e)
        {
            throw Bad(path, $"{WeightsName}: {e.Message}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Bad(path, $"{WeightsName} is not a readable Keras weights file ({e.GetType().Name}: {e.Message})", e);
        }
        try
        {
            readAssets?.Invoke(model);
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
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
