using System.IO.Compression;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Saving;
using PureHDF;
using PureHDF.VOL.Native;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp;

public partial class Model
{
    /// <summary>
    /// Saves the model as a Keras 3 <c>.keras</c> file (Keras' <c>model.save</c>): architecture (<c>config.json</c>),
    /// compile configuration, weights and optimizer state (<c>model.weights.h5</c>), readable by Python Keras 3 and by
    /// <see cref="Keras.Models.LoadModel"/>. The file is written to a temporary file in the same folder and moved into
    /// place only when complete, so a failure leaves any previous file intact.
    /// </summary>
    /// <param name="path">Target path ending in <c>.keras</c>.</param>
    /// <param name="overwrite">Replace an existing file (Keras' default true).</param>
    /// <exception cref="ArgumentException">The path does not end in <c>.keras</c>.</exception>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="InvalidOperationException">A subclassed model (no config); use <see cref="SaveWeights"/>.</exception>
    public void Save(string path, bool overwrite = true)
    {
        using var running = BeginCall("Save");   // weights must not change under a running call on another thread
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(".keras", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"Invalid path for Save: expected a '.keras' extension (the Keras 3 format), but received '{path}'. " +
                "Use SaveWeights(\"....weights.h5\") for weights only.", nameof(path));
        if (!overwrite && File.Exists(path))
            throw new IOException($"'{path}' already exists and overwrite is false.");
        KerasArchive.Save(this, path);
    }

    /// <summary>
    /// Saves the weights (and the optimizer's state when compiled) to a Keras 3 <c>.weights.h5</c> file (Keras'
    /// <c>save_weights</c>), atomically like <see cref="Save"/>.
    /// </summary>
    /// <param name="path">Target path ending in <c>.weights.h5</c>.</param>
    /// <param name="overwrite">Replace an existing file (Keras' default true).</param>
    /// <exception cref="ArgumentException">The path does not end in <c>.weights.h5</c>.</exception>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="InvalidOperationException">Some of the model's weights are held by layers that no attribute of the
    /// model leads to, so the file would miss them (nothing is written); the message names those layers.</exception>
    public void SaveWeights(string path, bool overwrite = true)
    {
        using var running = BeginCall("SaveWeights");   // weights must not change under a running call on another thread
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"Invalid path for SaveWeights: expected a '.weights.h5' extension, but received '{path}'.", nameof(path));
        if (!overwrite && File.Exists(path))
            throw new IOException($"'{path}' already exists and overwrite is false.");
        var tree = WeightsStore.Build(this);
        var buffer = new MemoryStream();
        tree.Write(buffer);
        AtomicFile.Write(path, fs =>
        {
            buffer.Position = 0;
            buffer.CopyTo(fs);
            AtomicFile.Stage("weights");
        });
    }

    /// <summary>
    /// Loads weights saved by <see cref="SaveWeights"/> or Keras (<c>.weights.h5</c>, the weights inside a
    /// <c>.keras</c> file, or a Keras 2 <c>.h5</c> weights / model file), and the optimizer's state when the file has
    /// it and the model is compiled. Every weight is checked before any is assigned: a file that does not fit leaves
    /// the model unchanged.
    /// </summary>
    /// <param name="path">A <c>.weights.h5</c>, <c>.keras</c> or Keras 2 <c>.h5</c> file.</param>
    /// <param name="skipMismatch">Skip layers whose weight count or shapes differ (with a warning) instead of failing.</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or does not fit (or holds no weights at all while the
    /// model has some); the message names the file, and the layer and both shapes.</exception>
    /// <exception cref="InvalidOperationException">Some of the model's weights are held by layers that no attribute of the
    /// model leads to, so they could not be read; the message names those layers.</exception>
    public void LoadWeights(string path, bool skipMismatch = false)
    {
        using var running = BeginCall("LoadWeights");   // weights must not change under a running call on another thread
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No weights file at '{path}'.", path);
        AtomicFile.CheckRegularFile(path, "LoadWeights"); // a named pipe would block the read forever
        WeightsStore.EnsureWalkCoversWeights(this, "load");
        if (path.EndsWith(".keras", StringComparison.OrdinalIgnoreCase))
        {
            var ms = KerasArchive.ReadWeightsEntry(path);   // duplicates, size limit and CRC-32 checked
            using (ms) LoadWeightsFrom(path, () => H5File.Open(ms, true), skipMismatch);
            return;
        }
        LoadWeightsFrom(path, () => LegacyH5.Open(path), skipMismatch);
    }

    private void LoadWeightsFrom(string path, Func<NativeFile> open, bool skipMismatch)
    {
        NativeFile file;
        try { file = open(); }
        catch (Exception e) when (e is not (OutOfMemoryException or InvalidDataException))
        {
            throw KerasArchive.Bad(path, $"the weights are not a readable HDF5 file ({e.Message})", e);
        }
        using (file)
        {
            try
            {
                Hdf5LinkCheck.Check(file);   // no soft or external links: resolving one could loop or open another file
                if (LegacyH5.IsLegacy(file))
                    LegacyH5.LoadWeights(file.LinkExists("model_weights") ? file.Group("model_weights") : file, this, skipMismatch);
                else
                {
                    // The optimizer's state is read and checked first, so a bad slot changes no weight.
                    var restoreOptimizer = WeightsStore.PrepareOptimizer(file, this);
                    WeightsStore.Load(file, this, skipMismatch);
                    restoreOptimizer?.Invoke();
                }
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith("Cannot load", StringComparison.Ordinal))
            {
                throw KerasArchive.Bad(path, e.Message.TrimEnd('.'), e);
            }
            catch (Exception e) when (e is not (OutOfMemoryException or InvalidDataException))
            {
                throw KerasArchive.Bad(path, $"the weights file is damaged ({e.GetType().Name}: {e.Message})", e);
            }
        }
    }

    /// <summary>
    /// The model's weights as new CPU tensors in Keras' order and layouts (Keras' <c>get_weights</c>): layer by layer,
    /// each layer's trainable weights then its non-trainable ones (Dense: kernel <c>(in, out)</c>, bias; BatchNormalization:
    /// gamma, beta, moving mean, moving variance).
    /// </summary>
    public override IReadOnlyList<Tensor> GetWeights()
    {
        using var _ = no_grad();
        return OrderedWeights().Select(w => w.Value.detach().cpu().clone().DetachFromDisposeScope()).ToArray();
    }

    /// <summary>
    /// Sets every weight from <paramref name="weights"/>, in the order and shapes of <see cref="GetWeights"/> (Keras'
    /// <c>set_weights</c>). All counts and shapes are checked before any weight changes.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong count, or a shape that differs (the message names the layer, weight and both shapes).</exception>
    public override void SetWeights(IReadOnlyList<Tensor> weights)
    {
        using var running = BeginCall("SetWeights");   // weights must not change under a running call on another thread
        ArgumentNullException.ThrowIfNull(weights);
        var targets = OrderedWeights();
        if (weights.Count != targets.Count)
            throw new ArgumentException(
                $"SetWeights on model \"{Name}\": expected a list of {targets.Count} weights, but received {weights.Count}.", nameof(weights));
        for (int i = 0; i < targets.Count; i++)
        {
            if (weights[i] is null)
                throw new ArgumentException($"SetWeights on model \"{Name}\": weight {i} is null.", nameof(weights));
            if (!weights[i].shape.SequenceEqual(targets[i].Value.shape))
                throw new ArgumentException(
                    $"SetWeights on model \"{Name}\": weight {i} ('{targets[i].Layer.Name}/{targets[i].Name}') of layer \"{targets[i].Layer.Name}\" has shape " +
                    $"{Shape.FromDims(targets[i].Value.shape)}, but the provided weight has shape {Shape.FromDims(weights[i].shape)}.", nameof(weights));
        }
        using var _ = no_grad();
        for (int i = 0; i < targets.Count; i++)
            targets[i].Value.copy_(weights[i].to(targets[i].Value.dtype, targets[i].Value.device));
    }

    private List<(Layer Layer, string Name, Parameter Value)> OrderedWeights()
    {
        var list = new List<(Layer, string, Parameter)>();
        foreach (var (_, layer) in WeightsStore.SavedObjects(this))
        {
            foreach (var w in layer.OwnWeights.Where(w => w.Trainable)) list.Add((layer, w.Name, w.Value));
            foreach (var w in layer.OwnWeights.Where(w => !w.Trainable)) list.Add((layer, w.Name, w.Value));
        }
        return list;
    }

    /// <summary>
    /// The model's config (Keras' <c>model.get_config()</c>): for a Sequential or functional model, the object a
    /// <c>.keras</c> file's <c>config.json</c> holds under <c>"config"</c> (<c>name</c>, <c>trainable</c>, <c>layers</c>
    /// with their <c>inbound_nodes</c>, <c>input_layers</c>, <c>output_layers</c>; a Sequential's <c>layers</c> and
    /// <c>build_input_shape</c>), its values as JSON nodes; <see cref="FromConfig(JsonObject, IReadOnlyDictionary{string, object}?)"/>
    /// rebuilds the model. Other models return the layer config (a subclass overrides it, as in Keras).
    /// </summary>
    public override Dictionary<string, object?> GetConfig()
    {
        if (this is not Sequential && Graph is null) return base.GetConfig();
        var config = (JsonObject)ModelSerializer.Serialize(this, includeCompile: false)["config"]!;
        return config.ToDictionary(kv => kv.Key, kv => (object?)kv.Value?.DeepClone());
    }

    /// <summary>
    /// Rebuilds a model from its config (Keras' <c>Model.from_config(config, custom_objects)</c>): a functional config
    /// (<c>layers</c>, <c>input_layers</c>, <c>output_layers</c>) gives a functional model, a Sequential config
    /// (<c>layers</c> only) a <see cref="Sequential"/>; the weights are new. The config may come from
    /// <see cref="GetConfig"/> or from a Keras <c>config.json</c>'s <c>"config"</c>.
    /// </summary>
    /// <param name="config">The model's config.</param>
    /// <param name="customObjects">Classes and functions the config names (Keras' <c>custom_objects</c>), as for
    /// <see cref="Keras.Saving.CustomObjectScope"/>.</param>
    /// <exception cref="ArgumentException">The config has no <c>layers</c> list, or <paramref name="customObjects"/> is not valid.</exception>
    /// <exception cref="InvalidDataException">A layer config that does not fit its class, or a graph that cannot be rebuilt.</exception>
    public static Model FromConfig(JsonObject config, IReadOnlyDictionary<string, object>? customObjects = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var scope = customObjects is null ? null : CustomObjects.Push(CustomObjects.Validate(customObjects, nameof(customObjects)));
        if (config["layers"] is not JsonArray)
            throw new ArgumentException(
                $"FromConfig expected a model config with a \"layers\" list (and \"input_layers\" / \"output_layers\" for a functional model), but received keys [{string.Join(", ", config.Select(kv => kv.Key))}].", nameof(config));
        bool functional = config.ContainsKey("input_layers") && config.ContainsKey("output_layers");
        return ModelSerializer.Deserialize(
            new JsonObject { ["class_name"] = functional ? "Functional" : "Sequential", ["config"] = config.DeepClone() }, compile: false);
    }

    /// <summary>Rebuilds a model from the dictionary <see cref="GetConfig"/> returns (Keras' <c>Model.from_config</c>).</summary>
    /// <inheritdoc cref="FromConfig(JsonObject, IReadOnlyDictionary{string, object}?)"/>
    public static Model FromConfig(IDictionary<string, object?> config, IReadOnlyDictionary<string, object>? customObjects = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return FromConfig((JsonObject)ConfigJson.ToNode(config)!, customObjects);
    }

    /// <summary>
    /// The model's architecture as JSON (Keras' <c>to_json</c>): the same object as a <c>.keras</c> file's
    /// <c>config.json</c> (with <c>compile_config</c> when compiled). <see cref="Keras.Models.ModelFromJson"/> rebuilds it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A subclassed model, which has no config.</exception>
    public string ToJson() => ConfigJson.Write(ModelSerializer.Serialize(this, includeCompile: true));
}
