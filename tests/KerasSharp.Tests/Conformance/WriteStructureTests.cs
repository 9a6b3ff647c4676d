using System.IO.Compression;
using System.Text.Json.Nodes;
using KerasSharp.Tests.TestSupport;
using PureHDF;

namespace KerasSharp.Tests.Conformance;

/// <summary>
/// The write direction, proved structurally (no Python here): every corpus model, loaded and saved again by
/// KerasSharp, gives a <c>.keras</c> file whose <c>config.json</c> equals Keras' own (class names, <c>module</c>,
/// <c>registered_name</c>, every config key and value, <c>build_config</c>, <c>compile_config</c>) and whose
/// <c>model.weights.h5</c> has exactly Keras' dataset paths and shapes, optimizer variables included.
/// KerasSharp writes Keras 3.5.0's form, which both 3.5.0 and 3.15.1 load; against 3.15.1 files the keys 3.15.1
/// added at their defaults (and its <c>Orthogonal</c> spelling) are the only allowed differences.
/// </summary>
public class WriteStructureTests
{
    /// <summary>Keys Keras 3.6-3.15 added to configs (always at their defaults in the corpus); 3.5.0 rejects them.</summary>
    private static readonly HashSet<string> AddedAfter35 =
        ["optional", "ragged", "renorm", "renorm_clipping", "renorm_momentum", "quantization_config", "input_axes", "output_axes",
         "use_gate", "sliding_window", "antialias", "seed", "gain"];

    [KerasReferenceTheory]
    [MemberData(nameof(KerasReference.Models), MemberType = typeof(KerasReference))]
    public void SavedByKerasSharpConfigEqualsKeras(string version, string name)
    {
        var (keras, ours) = KerasAndOurs(version, name);
        var diffs = JsonDiff.Compare(Config(keras), Config(ours), (path, owner) => Allowed(version, path, owner));
        Assert.True(diffs.Count == 0, $"{version}/{name}: config.json differs from Keras' in {diffs.Count} places:\n" + string.Join("\n", diffs.Take(40)));
    }

    /// <summary>Keras writes each config's keys in its own order (for a Conv2D: every <c>*_initializer</c>, then every
    /// <c>*_regularizer</c> and <c>activity_regularizer</c>, then every <c>*_constraint</c>); a file we write keeps that
    /// order, so that it is byte for byte the JSON Keras would write. Keys only one side has are left out. KerasSharp
    /// writes Keras 3.5.0's order: against 3.15.1 files, the configs of <see cref="ReorderedAfter35"/> are not compared
    /// (their order is checked against the 3.5.0 files).</summary>
    [KerasReferenceTheory]
    [MemberData(nameof(KerasReference.Models), MemberType = typeof(KerasReference))]
    public void SavedByKerasSharpConfigKeysAreInKerasOrder(string version, string name)
    {
        var (keras, ours) = KerasAndOurs(version, name);
        var diffs = new List<string>();
        CompareKeyOrder(Config(keras), Config(ours), "$", version == "3.5.0", diffs);
        Assert.True(diffs.Count == 0, $"{version}/{name}: config.json keys in another order than Keras' in {diffs.Count} places:\n" +
            string.Join("\n", diffs.Take(20)));
    }

    /// <summary>Classes whose config keys Keras 3.15.1 writes in another order than 3.5.0 (the random initializers put
    /// <c>seed</c> first, the image preprocessing layers <c>data_format</c> right after <c>dtype</c>).</summary>
    private static readonly HashSet<string> ReorderedAfter35 =
        ["Orthogonal", "OrthogonalInitializer", "RandomNormal", "RandomUniform", "TruncatedNormal", "VarianceScaling",
         "CenterCrop", "Resizing"];

    private static void CompareKeyOrder(JsonNode? keras, JsonNode? ours, string path, bool isKeras35, List<string> diffs,
        bool compare = true)
    {
        if (keras is JsonObject k && ours is JsonObject o)
        {
            var kerasKeys = k.Select(p => p.Key).Where(o.ContainsKey).ToArray();
            var ourKeys = o.Select(p => p.Key).Where(k.ContainsKey).ToArray();
            if (compare && !kerasKeys.SequenceEqual(ourKeys))
                diffs.Add($"{path}: Keras [{string.Join(", ", kerasKeys)}], ours [{string.Join(", ", ourKeys)}]");
            bool reordered = !isKeras35 && ConfigJsonString(k, "class_name") is { } cls && ReorderedAfter35.Contains(cls);
            foreach (var key in kerasKeys)
                CompareKeyOrder(k[key], o[key], path + "." + key, isKeras35, diffs, compare: !(reordered && key == "config"));
        }
        else if (keras is JsonArray ka && ours is JsonArray oa)
        {
            for (int i = 0; i < Math.Min(ka.Count, oa.Count); i++)
                CompareKeyOrder(ka[i], oa[i], $"{path}[{i}]", isKeras35, diffs);
        }
    }

    [KerasReferenceTheory]
    [MemberData(nameof(KerasReference.Models), MemberType = typeof(KerasReference))]
    public void SavedByKerasSharpWeightPathsAndShapesEqualKeras(string version, string name)
    {
        var (keras, ours) = KerasAndOurs(version, name);
        var expected = Datasets(keras);
        var actual = Datasets(ours);
        var missing = expected.Except(actual).ToArray();
        var extra = actual.Except(expected).ToArray();
        Assert.True(missing.Length == 0 && extra.Length == 0,
            $"{version}/{name}: model.weights.h5 differs from Keras'.\nmissing: {string.Join(", ", missing)}\nextra: {string.Join(", ", extra)}");
    }

    private static (string Keras, string Ours) KerasAndOurs(string version, string name)
    {
        var entry = KerasReference.Model(version, name);
        var kerasFile = KerasReference.PathOf((string)entry["files"]!["keras"]!);
        bool trained = (bool)entry["trained"]!;
        var model = Keras.Models.LoadModel(kerasFile, compile: trained);
        var dir = Path.Combine(Path.GetTempPath(), "kerassharp-conformance-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var ours = Path.Combine(dir, name + ".keras");
        model.Save(ours);
        return (kerasFile, ours);
    }

    private static JsonNode Config(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var s = zip.GetEntry("config.json")!.Open();
        return JsonNode.Parse(s)!;
    }

    /// <summary>"path shape" of every dataset of the archive's model.weights.h5.</summary>
    private static HashSet<string> Datasets(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var ms = new MemoryStream();
        zip.GetEntry("model.weights.h5")!.Open().CopyTo(ms);
        ms.Position = 0;
        using var h5 = H5File.Open(ms, false);
        return H5Listing.Datasets(h5);
    }

    /// <summary>The documented differences a KerasSharp file may have from a Keras file.</summary>
    private static bool Allowed(string version, string path, JsonObject? owner)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        // Torch-backend files name a backend-private optimizer module and register it under its class name (corpus
        // quirk 4); KerasSharp writes the public module, which every backend loads.
        if (key is "module" or "registered_name" && owner is not null &&
            ConfigJsonString(owner, "module")?.StartsWith("keras.src.backend.", StringComparison.Ordinal) == true)
            return true;
        // Object identity for sharing one Python object between layers; KerasSharp writes each object separately,
        // which Keras loads as separate equal objects.
        if (key == "shared_object_id") return true;
        // Call bookkeeping Keras records per node (training flag, propagated masks): Keras recomputes both when it
        // replays the call, so a node without them loads the same.
        if (path.Contains(".kwargs.", StringComparison.Ordinal) && (key is "training" or "mask" || key.EndsWith("_mask", StringComparison.Ordinal)))
            return true;
        // Keras writes what its backend resolved for jit_compile ("auto"): true on numpy/JAX/TF, false on torch.
        if (key == "jit_compile") return true;
        if (version == "3.15.1")
        {
            if (AddedAfter35.Contains(key)) return true;
            // 3.15.1 writes compile_config: {} for an uncompiled model, 3.5.0 nothing; and a single endpoint as a bare
            // [name, node, tensor] where 3.5.0 (and KerasSharp) write a list of one (corpus quirk 5).
            if (key == "compile_config") return true;
            // 3.15.1 no longer writes build_config for layers without a build step (Masking, activation layers, ...);
            // it still reads the one 3.5.0 (and KerasSharp) writes.
            if (key == "build_config") return true;
            if (key is "input_layers" or "output_layers") return true;
            // 3.15.1 spells the initializer Orthogonal; KerasSharp writes 3.5.0's OrthogonalInitializer (both load it).
            if (key == "class_name" && owner is not null && ConfigJsonString(owner, "class_name") == "Orthogonal") return true;
        }
        // Keras 3.5.0 drops output_padding from transposed convolutions (corpus quirk 6); KerasSharp writes it, which 3.5.0 accepts.
        if (version == "3.5.0" && key == "output_padding") return true;
        return false;
    }

    private static string? ConfigJsonString(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
