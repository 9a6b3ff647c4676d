using System.Collections;

namespace KerasSharp.Callbacks;

/// <summary>
/// The values passed to callback hooks (Keras' <c>logs</c> dict): metric name -> value. Values computed from running
/// metrics are read lazily, so a batch whose logs nobody reads costs no device synchronisation; a value is read once
/// and then cached. Callbacks may add or replace entries (<c>logs["learning_rate"] = lr</c>).
/// Batch logs are valid during the hook call only; copy them (<see cref="ToDictionary"/>) to keep them.
/// </summary>
public sealed class Logs : IReadOnlyDictionary<string, double>
{
    private readonly List<string> order = [];
    private readonly Dictionary<string, double> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<double>> pending = new(StringComparer.Ordinal);

    /// <summary>An empty log.</summary>
    public Logs() { }

    /// <summary>A log holding <paramref name="entries"/>.</summary>
    public Logs(IEnumerable<KeyValuePair<string, double>> entries)
    {
        foreach (var (k, v) in entries) this[k] = v;
    }

    /// <summary>
    /// The outputs of the batch just predicted, one tensor per model output, in the logs of
    /// <see cref="Callback.OnPredictBatchEnd"/> (Keras' <c>logs["outputs"]</c>); null in other logs. Valid during the
    /// hook call only (clone a tensor to keep it).
    /// </summary>
    public IReadOnlyList<TorchSharp.torch.Tensor>? Outputs { get; init; }

    /// <summary>Adds an entry whose value is computed on first read.</summary>
    internal void AddLazy(string key, Func<double> read)
    {
        if (!values.ContainsKey(key) && !pending.ContainsKey(key)) order.Add(key);
        values.Remove(key);
        pending[key] = read;
    }

    /// <summary>Reads or sets a value.</summary>
    public double this[string key]
    {
        get => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(
            $"No log entry '{key}'. Available: {string.Join(", ", order)}.");
        set
        {
            if (!values.ContainsKey(key) && !pending.ContainsKey(key)) order.Add(key);
            pending.Remove(key);
            values[key] = value;
        }
    }

    /// <inheritdoc />
    public bool TryGetValue(string key, out double value)
    {
        if (values.TryGetValue(key, out value)) return true;
        if (pending.Remove(key, out var read))
        {
            value = read();
            values[key] = value;
            return true;
        }
        value = 0;
        return false;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => values.ContainsKey(key) || pending.ContainsKey(key);

    /// <summary>Keys in insertion order.</summary>
    public IEnumerable<string> Keys => order;

    /// <inheritdoc />
    public IEnumerable<double> Values => order.Select(k => this[k]);

    /// <inheritdoc />
    public int Count => order.Count;

    /// <summary>A materialised copy.</summary>
    public Dictionary<string, double> ToDictionary() => order.ToDictionary(k => k, k => this[k]);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() =>
        order.ToArray().Select(k => new KeyValuePair<string, double>(k, this[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", this.Select(kv => $"{kv.Key}: {kv.Value:G6}"));
}
