using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using PureHDF;
using PureHDF.VOL.Native;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Saving;

/// <summary>
/// Keras 2's HDF5 formats. A full model (<c>model.save("m.h5")</c>): root attributes <c>model_config</c> (JSON of
/// <c>{class_name, config}</c>) and <c>training_config</c>, and a group <c>model_weights</c> with attribute
/// <c>layer_names</c>; each layer's group has attribute <c>weight_names</c> (<c>dense/kernel:0</c>, ...) naming its
/// datasets in the layer's weight order. A weights file (<c>save_weights("w.h5")</c>) is the same layer groups at the
/// root. Weights are matched to the model's layers that have weights, in order, as Keras 2 does.
/// </summary>
internal static class LegacyH5
{
    /// <summary>True when <paramref name="root"/> is in Keras 2's layout (full model or weights).</summary>
    public static bool IsLegacy(IH5Group root) => root.AttributeExists("layer_names") || root.LinkExists("model_weights");

    /// <summary>Loads a Keras 2 full-model HDF5 file.</summary>
    public static Model LoadModel(string path, bool compile)
    {
        using var file = Open(path);
        try
        {
            Hdf5LinkCheck.Check(file);   // no soft or external links: resolving one could loop or open another file
            RefuseKeras1(file);
        }
        catch (InvalidDataException e) { throw KerasArchive.Bad(path, e.Message, e); }
        if (!file.AttributeExists("model_config"))
            throw KerasArchive.Bad(path, "this HDF5 file has no 'model_config' attribute, so it holds weights only, not a model (use LoadWeights)");
        JsonNode? config;
        try { config = JsonNode.Parse(ReadString(file.Attribute("model_config"))); }
        catch (JsonException e) { throw KerasArchive.Bad(path, $"its model_config is not valid JSON ({e.Message})", e); }
        if (config is not JsonObject co || ConfigJson.GetString(co, "class_name") is null)
            throw KerasArchive.Bad(path, $"its model_config is not a Keras model config: {ConfigJson.Describe(config)}");
        Model model;
        try
        {
            using (WeightBudget.Begin(new FileInfo(path).Length, $"the file ({new FileInfo(path).Length:N0} bytes)"))
                model = ModelSerializer.Deserialize(co, compile: false);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw KerasArchive.Bad(path, $"model_config: {e.Message}", e);
        }
        try
        {
            var weights = file.LinkExists("model_weights") ? file.Group("model_weights") : throw new InvalidDataException("the file has no 'model_weights' group");
            LoadWeights(weights, model, skipMismatch: false);
            if (compile && file.AttributeExists("training_config"))
            {
                var tc = JsonNode.Parse(ReadString(file.Attribute("training_config"))) as JsonObject
                    ?? throw new InvalidDataException("training_config is not a JSON object");
                CompileConfig.Apply(model, tc);
            }
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or ArgumentException)
        {
            throw KerasArchive.Bad(path, e.Message, e);
        }
        return model;
    }

    /// <summary>Opens an HDF5 file, turning a damaged one into an exception naming the file.</summary>
    internal static NativeFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No file at '{path}'.", path);
        // The stream is ours, so a file that fails to open as HDF5 is closed at once (not left locked until a GC).
        var stream = File.OpenRead(path);
        try { return H5File.Open(stream, leaveOpen: false); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stream.Dispose();
            throw KerasArchive.Bad(path, $"it is not a readable HDF5 file ({e.Message})", e);
        }
    }

    /// <summary>
    /// Loads Keras 2 layer groups from <paramref name="group"/> (with <c>layer_names</c>) into <paramref name="model"/>,
    /// as Keras' <c>load_weights_from_hdf5_group</c> does: the model's top-level layers that have weights (a nested
    /// model or a wrapper such as Bidirectional is one layer with all its weights) are matched in order with the
    /// file's layer groups whose <c>weight_names</c> is not empty; each layer takes its trainable weights, then its
    /// non-trainable ones, from the datasets its group names, in that order. Everything is read and checked before
    /// any weight changes.
    /// </summary>
    /// <exception cref="InvalidDataException">Counts or shapes do not match, or the file is in Keras 1's format; the message names the layer and shapes.</exception>
    public static void LoadWeights(IH5Group group, Model model, bool skipMismatch)
    {
        RefuseKeras1(group);
        if (!group.AttributeExists("layer_names"))
            throw new InvalidDataException("the HDF5 group has no 'layer_names' attribute, so it is not in Keras' legacy weights layout");
        var names = ReadStrings(group.Attribute("layer_names"));
        var fileLayers = new List<(string Name, IH5Group Group, string[] WeightNames)>();
        foreach (var name in names)
        {
            if (!group.LinkExists(name))
                throw new InvalidDataException($"'layer_names' lists '{name}', but the file has no group of that name");
            var g = group.Group(name);
            var wn = g.AttributeExists("weight_names") ? ReadStrings(g.Attribute("weight_names")) : [];
            if (wn.Length > 0) fileLayers.Add((name, g, wn));
        }
        var layers = model.Layers.Where(l => l.Weights.Count > 0).ToList();
        if (layers.Count != fileLayers.Count)
            throw new InvalidDataException(
                $"the model has {layers.Count} layers with weights ({string.Join(", ", layers.Select(l => l.Name))}) but the file has " +
                $"{fileLayers.Count} ({string.Join(", ", fileLayers.Select(f => f.Name))})");
        var pending = new List<(Parameter, Tensor)>();
        try
        {
            for (int i = 0; i < layers.Count; i++)
            {
                var layer = layers[i];
                var (fname, fg, wnames) = fileLayers[i];
                var own = layer.Weights;
                var what = $"layer #{i} '{layer.Name}' ({layer.GetType().Name})";
                string? problem = null;
                if (own.Count != wnames.Length)
                    problem = $"{what} expects {own.Count} weights but the file's layer '{fname}' has {wnames.Length} ({string.Join(", ", wnames)})";
                var values = new List<Tensor>();
                for (int k = 0; problem is null && k < wnames.Length; k++)
                {
                    if (!fg.LinkExists(wnames[k]))
                    {
                        problem = $"the file's layer '{fname}' lists weight '{wnames[k]}' in weight_names but has no such dataset";
                        break;
                    }
                    var ds = fg.Dataset(wnames[k]);
                    var shape = H5Tensors.ShapeOf(ds);
                    if (!shape.SequenceEqual(own[k].shape))
                    {
                        problem = $"{what}: weight '{wnames[k]}' has shape {Shape.FromDims(shape)} in the file but the layer expects {Shape.FromDims(own[k].shape)}";
                        break;
                    }
                    values.Add(H5Tensors.ReadTensor(ds, wnames[k]).DetachFromDisposeScope());
                }
                if (problem is not null)
                {
                    foreach (var v in values) v.Dispose();
                    if (skipMismatch)
                    {
                        Console.Error.WriteLine($"Warning: skipping {problem} (skipMismatch: true).");
                        continue;
                    }
                    throw new InvalidDataException(problem);
                }
                for (int k = 0; k < values.Count; k++) pending.Add((own[k], values[k]));
            }
            using var _ = no_grad();
            foreach (var (target, value) in pending) target.copy_(value.to(target.dtype, target.device));
        }
        finally
        {
            foreach (var (_, value) in pending) value.Dispose();
        }
    }

    /// <summary>
    /// Keras 1 wrote weights under other names and layouts (e.g. <c>dense_1_W</c>, Theano kernels); like Keras 3, which
    /// has no conversion for them, KerasSharp refuses such a file by its <c>keras_version</c> ("1.x").
    /// </summary>
    private static void RefuseKeras1(IH5Group group)
    {
        if (!group.AttributeExists("keras_version")) return;
        string version;
        try { version = ReadString(group.Attribute("keras_version")); }
        catch (Exception e) when (e is not OutOfMemoryException) { return; }
        if (version.StartsWith("1.", StringComparison.Ordinal) || version == "1")
            throw new InvalidDataException($"it was written by Keras {version}: the Keras 1 format is not supported (load it in Keras 2, save it again, then load that file)");
    }

    private static string ReadString(IH5Attribute a)
    {
        if (a.Type.Class == H5DataTypeClass.String || a.Type.Class == H5DataTypeClass.VariableLength)
        {
            try { return a.Read<string>(); }
            catch (Exception) { return a.Read<string[]>()[0]; }
        }
        return Encoding.UTF8.GetString(a.Read<byte[]>()).TrimEnd('\0');
    }

    private static string[] ReadStrings(IH5Attribute a)
    {
        // h5py writes an empty list (a weightless layer's weight_names) as an empty float64 array.
        if (a.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength) && a.Space.Rank == 1 && a.Space.Dimensions[0] == 0)
            return [];
        return a.Space.Rank == 0 ? [ReadString(a)] : a.Read<string[]>().Select(s => s.TrimEnd('\0')).ToArray();
    }
}
