using System.Globalization;
using System.Text.Json.Nodes;
using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

// Keras' public saving hooks of a layer (keras/src/layers/layer.py and keras/src/saving/saving_lib.py): what a layer
// writes into and reads from the weights file, its assets folder and its build_config. Override them as Keras'
// guide "Handling custom objects in depth" does.
public abstract partial class Layer
{
    /// <summary>
    /// Writes the layer's own variables into <paramref name="store"/> (Keras' <c>save_own_variables</c>), called once per
    /// object of the saving walk when a <c>.keras</c> or <c>.weights.h5</c> file is written; nested layers write theirs
    /// into their own store. The default stores this layer's own weights (not its sub-layers') under <c>"0"</c>,
    /// <c>"1"</c>, ... in Keras' variable order (a Dense: kernel, bias). An override may add entries of its own
    /// (<c>store["variables"] = myTensor</c>) and usually calls the base first.
    /// </summary>
    /// <param name="store">This layer's <c>vars</c> group in the file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public virtual void SaveOwnVariables(VariableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var own = OwnWeights;
        for (int i = 0; i < own.Count; i++)
            store[i.ToString(CultureInfo.InvariantCulture)] = own[i].Value;
    }

    /// <summary>
    /// Restores the layer's own variables from <paramref name="store"/> (Keras' <c>load_own_variables</c>), called once per
    /// object of the saving walk when a model or its weights are loaded. The default expects exactly this layer's own
    /// weights under <c>"0"</c>, <c>"1"</c>, ... (Keras raises when the counts differ), checks every shape, and only then
    /// assigns them. An override must restore every variable it saved (Keras: "you must specify how all variables,
    /// including layer weights, are loaded"). When an override throws, the loader puts back every weight of the model it
    /// had already assigned, so a failed load leaves the model as it was (state kept outside the layer's weights is the
    /// override's to restore).
    /// </summary>
    /// <param name="store">This layer's <c>vars</c> group, read from the file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="InvalidDataException">The store holds another number of variables than the layer, or a value of
    /// another shape than its weight; no weight has changed.</exception>
    public virtual void LoadOwnVariables(VariableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var own = OwnWeights;
        var named = this is IKerasAssets assets ? assets.NamedVariableKeys : [];
        int count = store.Keys.Count(k => !named.Contains(k));
        if (count != own.Count)
        {
            if (own.Count == 0 && !Built)
                throw new InvalidDataException(
                    $"Layer '{Name}' was never built and thus it doesn't have any variables. However the weights file lists {count} variables " +
                    $"for this layer ({store.Location}). Build it before loading, or override BuildFromConfig (and GetBuildConfig) so that loading rebuilds it.");
            throw new InvalidDataException(
                $"Layer '{Name}' expected {own.Count} variables, but received {count} variables during loading ({store.Location}). " +
                $"Expected: [{string.Join(", ", own.Select(w => $"'{w.Name}'"))}].");
        }
        var values = new Tensor[own.Count];
        for (int i = 0; i < own.Count; i++)
        {
            var key = i.ToString(CultureInfo.InvariantCulture);
            if (!store.ContainsKey(key))
                throw new InvalidDataException(
                    $"Layer '{Name}' stores its variables under '0'..'{own.Count - 1}', but {store.Location} has no '{key}' (keys: {string.Join(", ", store.Keys)}).");
            values[i] = store[key];
            if (!values[i].shape.SequenceEqual(own[i].Value.shape))
                throw new InvalidDataException(
                    $"Layer '{Name}': variable {i} '{own[i].Name}' has shape {Shape.FromDims(values[i].shape)} in {store.Location}, but the layer expects {Shape.FromDims(own[i].Value.shape)}.");
        }
        using var _ = no_grad();
        for (int i = 0; i < own.Count; i++)
            own[i].Value.copy_(values[i].to(own[i].Value.dtype, own[i].Value.device));
    }

    /// <summary>
    /// Writes the layer's asset files (Keras' <c>save_assets</c>): <paramref name="innerPath"/> is an empty folder
    /// created for this layer; every file written there (sub-folders included) is stored in the <c>.keras</c> archive
    /// under <c>assets/&lt;layer path&gt;/</c> and the folder is deleted afterwards. The default writes nothing. Only
    /// <see cref="Model.Save"/> calls it (a <c>.weights.h5</c> file has no assets).
    /// </summary>
    /// <param name="innerPath">The folder to write into.</param>
    public virtual void SaveAssets(string innerPath) { }

    /// <summary>
    /// Restores the layer's assets (Keras' <c>load_assets</c>): <paramref name="innerPath"/> is a fresh temporary folder
    /// holding the files the archive stores under <c>assets/&lt;layer path&gt;/</c> (empty when there are none), deleted
    /// when the hook returns. Called after the weights are loaded. The default reads nothing. Entries that would land
    /// outside the folder (<c>..</c>, absolute paths, links) or exceed <see cref="Keras.Saving.MaxConfigBytes"/> each
    /// (<see cref="Keras.Saving.MaxWeightsBytes"/> together) refuse the file before anything is extracted.
    /// </summary>
    /// <param name="innerPath">The folder to read from.</param>
    public virtual void LoadAssets(string innerPath) { }

    /// <summary>
    /// What the layer needs to rebuild its state at loading time (Keras' <c>get_build_config</c>), written as the layer's
    /// <c>build_config</c> in <c>config.json</c>; null writes none. The default, once built, is Keras'
    /// <c>{"input_shape": shape}</c> (a list of shapes for several inputs, or <c>{"shapes_dict": {...}}</c> for layers
    /// whose build takes named shapes). Values follow <see cref="GetConfig"/>'s rules (shapes, numbers, strings, lists,
    /// dictionaries, Keras objects such as initializers).
    /// </summary>
    public virtual Dictionary<string, object?>? GetBuildConfig()
    {
        if (!Built) return null;
        if (BuildInputShape is Shape s)
            return new() { ["input_shape"] = s };
        if (BuildInputShapes is { Count: > 1 } shapes)
            return KerasSerializer.ShapesDict(this, shapes) is { } dict
                ? new() { ["shapes_dict"] = dict }
                : new() { ["input_shape"] = shapes.ToList() };
        return null;
    }

    /// <summary>
    /// Builds the layer from its <c>build_config</c> when a model is loaded (Keras' <c>build_from_config</c>), so that its
    /// weights exist before they are loaded; called only when the layer is not built yet and the config is not empty.
    /// The default builds for <c>input_shape</c> (one shape or a list of shapes) or <c>shapes_dict</c>. Override it with
    /// <see cref="GetBuildConfig"/> when building needs more than the input shape.
    /// </summary>
    /// <param name="config">The layer's <c>build_config</c> as written by <see cref="GetBuildConfig"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is null.</exception>
    /// <exception cref="InvalidDataException">A shape that is not a list of dimensions, or one the layer cannot be built for.</exception>
    public virtual void BuildFromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var className = SerializationRegistry.ClassNameOf(GetType());
        if (config["shapes_dict"] is JsonObject shapesDict && !Built)
        {
            // Named build shapes (MultiHeadAttention's query/value/key, a recurrent layer's sequences and initial states).
            var shapes = KerasSerializer.ShapesOf(shapesDict, $"build_config of layer '{Name}'");
            try { if (shapes.Count > 0) EnsureBuiltAll(shapes); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new InvalidDataException($"Cannot build layer '{Name}' ({className}) for input shapes {ConfigJson.Describe(shapesDict)}: {e.Message}", e);
            }
        }
        if (config["input_shape"] is JsonArray shape && !Built)
        {
            // One shape ([null, 4]) or, for layers with several inputs (merges, attention), a list of shapes.
            bool several = shape.Count > 0 && shape.All(d => d is JsonArray);
            var what = $"build_config of layer '{Name}'";
            try
            {
                if (several) EnsureBuiltAll(shape.Select((d, i) => ConfigJson.ToShape(d!, $"{what}, input {i}")).ToArray());
                else EnsureBuilt(ConfigJson.ToShape(shape, what));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new InvalidDataException($"Cannot build layer '{Name}' ({className}) for input shape {ConfigJson.Describe(shape)}: {e.Message}", e);
            }
        }
    }

    /// <summary>True when the layer's class (a subclass) overrides the hook <paramref name="name"/> taking <paramref name="parameter"/>.</summary>
    internal bool Overrides(string name, Type parameter) =>
        Internal.OverrideCheck.Overrides(GetType(), name, [parameter], typeof(Layer), typeof(Model));
}
