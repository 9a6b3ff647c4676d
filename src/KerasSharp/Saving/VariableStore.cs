using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// The <c>store</c> Keras hands to <see cref="Layer.SaveOwnVariables"/> and <see cref="Layer.LoadOwnVariables"/>: one
/// object's <c>vars</c> group of the weights file (<c>model.weights.h5</c> inside a <c>.keras</c> archive, or a
/// <c>.weights.h5</c> file), a dictionary from a dataset name to its values. Keras' default writes the layer's own
/// variables under <c>"0"</c>, <c>"1"</c>, ...; an override may add entries of its own (<c>store["variables"] = myVariable</c>)
/// and read them back by name. Entries keep the order they were added in.
/// </summary>
/// <remarks>
/// When saving, a value is copied into the file when the hook returns, so it may be any tensor (its dtype is kept:
/// float32, float64, int8/16/32/64, uint8, bool). When loading, the values are new CPU tensors read from the file,
/// owned by the caller of the indexer: assign them into the layer's variables (<c>weight.copy_(store["0"])</c>) or keep
/// them.
/// </remarks>
public sealed class VariableStore
{
    private readonly List<string> keys = [];
    private readonly Dictionary<string, Tensor> values = new(StringComparer.Ordinal);

    /// <summary>An empty store (what <see cref="Layer.SaveOwnVariables"/> receives when a model is saved).</summary>
    public VariableStore() : this("a store created in code") { }

    internal VariableStore(string location) => Location = location;

    /// <summary>Where the store is in the file, for messages (<c>layer 'dense' (Dense, stored at 'layers/dense/vars')</c>).</summary>
    internal string Location { get; }

    /// <summary>The value stored under <paramref name="key"/> (Keras' <c>store[key]</c>).</summary>
    /// <param name="key">A dataset name: not empty, without <c>/</c>, not <c>.</c> or <c>..</c>.</param>
    /// <exception cref="KeyNotFoundException">Getting a key the store does not hold; the message lists the keys it holds.</exception>
    /// <exception cref="ArgumentException">Setting an invalid key, or a null value.</exception>
    public Tensor this[string key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            return values.TryGetValue(key, out var value)
                ? value
                : throw new KeyNotFoundException(
                    $"The variable store ({Location}) has no entry '{key}'; it holds {(keys.Count == 0 ? "none" : string.Join(", ", keys.Select(k => $"'{k}'")))}.");
        }
        set
        {
            CheckKey(key);
            if (value is null)
                throw new ArgumentException($"The value stored under '{key}' must be a tensor, but received null.", nameof(value));
            if (!values.ContainsKey(key)) keys.Add(key);
            values[key] = value;
        }
    }

    /// <summary>The keys in the order they were added (Keras' <c>store.keys()</c>).</summary>
    public IReadOnlyList<string> Keys => keys;

    /// <summary>The number of entries (Keras' <c>len(store.keys())</c>).</summary>
    public int Count => keys.Count;

    /// <summary>True when the store holds <paramref name="key"/> (Keras' <c>key in store</c>).</summary>
    public bool ContainsKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return values.ContainsKey(key);
    }

    /// <summary>The entries in the order they were added.</summary>
    internal IEnumerable<(string Key, Tensor Value)> Entries => keys.Select(k => (k, values[k]));

    private static void CheckKey(string key)
    {
        if (key is null)
            throw new ArgumentNullException(nameof(key), "A variable store key must be a dataset name, but received null.");
        if (key.Length == 0 || key.Contains('/') || key is "." or "..")
            throw new ArgumentException(
                $"A variable store key must be a plain HDF5 dataset name (not empty, no '/', not '.' or '..'), but received '{key}'.", nameof(key));
    }
}
