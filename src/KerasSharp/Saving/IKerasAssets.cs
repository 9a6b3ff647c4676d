using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// A layer with state Keras saves outside its numbered weights (Keras' <c>save_assets</c>/<c>load_assets</c> and a
/// <c>save_own_variables</c> with named entries, as the lookup layers have): text files under
/// <c>assets/&lt;layer path&gt;/</c> in the <c>.keras</c> archive and named datasets in the layer's <c>vars</c> group.
/// Paths are relative to the layer's saving path; <c>""</c> is the layer's own directory (a layer that delegates to an
/// inner Keras object also writes that object's copy, e.g. TextVectorization's <c>_lookup_layer</c>).
/// On loading, the named variables are restored first, then the assets, as Keras' <c>_load_state</c> does.
/// This is the built-in lookup layers' form of the public hooks (<see cref="Layer.SaveAssets"/>,
/// <see cref="Layer.SaveOwnVariables"/>): text in memory instead of a folder, with the same archive layout.
/// </summary>
internal interface IKerasAssets
{
    /// <summary>The asset files to write: directory relative to the layer's path, file name, UTF-8 text.</summary>
    IEnumerable<(string Directory, string File, string Text)> SaveAssets();

    /// <summary>Restores the assets; <paramref name="read"/> returns a file's text (directory, file name) or null when absent.</summary>
    void LoadAssets(Func<string, string, string?> read);

    /// <summary>The named variables to write: directory relative to the layer's path (its <c>vars</c> group below it), key, value.</summary>
    IEnumerable<(string Directory, string Key, Tensor Value)> SaveNamedVariables();

    /// <summary>The keys this layer stores by name in its own <c>vars</c> group (so the loader does not count them as numbered weights).</summary>
    IReadOnlyCollection<string> NamedVariableKeys { get; }

    /// <summary>Restores the named variables; <paramref name="read"/> returns a value (key) from the layer's own <c>vars</c> group, or null when absent.</summary>
    void LoadNamedVariables(Func<string, Tensor?> read);
}
