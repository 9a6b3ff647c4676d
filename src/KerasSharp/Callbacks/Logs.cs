using System.Collections;

namespace KerasSharp.Callbacks;

/// <summary>
/// The values passed to callback hooks (Keras' <c>logs</c> dict): metric name -> value. Values computed from running
/// metrics are read lazily, so a batch whose logs nobody reads costs no device synchronisation; a value is read once
/// and then cached. Callbacks may add or replace entries (<c>logs["learning_rate"] = lr</c>).
/// Batch logs are valid during the hook call only; copy them (<see cref="ToDictionary"/>) to keep them.
/// A metric whose Keras <c>result()</c> is a vector (<see cref="Metrics.Metric.ResultIsVector"/>, e.g. per threshold or
/// per class) is logged as the mean of its values, which is what Keras' progress bar prints, and its whole vector,
/// which is what Keras puts in its logs, is read with <see cref="TryGetValues"/>.
/// </summary>
public sealed class Logs : IReadOnlyDictionary<string, double>
{
    private readonly List<string> order = [];
    private readonly Dictionary<string, double> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<double>> pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double[]> vectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<double[]>> pendingVectors = new(StringComparer.Ordinal);

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
        if (!ContainsKey(key)) order.Add(key);
        values.Remove(key);
        vectors.Remove(key);
        pendingVectors.Remove(key);
        pending[key] = read;
    }

    /// <summary>Adds a vector-valued entry (a metric's whole <c>result()</c>) read on first use of the key.</summary>
    internal void AddLazyValues(string key, Func<double[]> read)
    {
        if (!ContainsKey(key)) order.Add(key);
        values.Remove(key);
        vectors.Remove(key);
        pending.Remove(key);
        pendingVectors[key] = read;
    }

    /// <summary>Sets a vector-valued entry: its scalar view is the mean of <paramref name="result"/>.</summary>
    internal void SetValues(string key, double[] result)
    {
        if (!ContainsKey(key)) order.Add(key);
        pending.Remove(key);
        pendingVectors.Remove(key);
        vectors[key] = result;
        values[key] = Mean(result);
    }

    /// <summary>Copies every entry of <paramref name="other"/> under <paramref name="prefix"/> + its key (e.g. <c>val_</c>), vectors included.</summary>
    internal void AddPrefixed(string prefix, Logs other)
    {
        foreach (var key in other.order)
        {
            if (other.TryGetValues(key, out var v)) SetValues(prefix + key, v.ToArray());
            else this[prefix + key] = other[key];
        }
    }

    /// <summary>
    /// The whole value of an entry whose metric result is a vector (one value per threshold, class or output), as Keras
    /// logs it; false for scalar entries and unknown keys.
    /// </summary>
    public bool TryGetValues(string key, out IReadOnlyList<double> result)
    {
        if (pendingVectors.Remove(key, out var read))
        {
            var v = read();
            vectors[key] = v;
            values[key] = Mean(v);
        }
        if (vectors.TryGetValue(key, out var found))
        {
            result = found;
            return true;
        }
        result = [];
        return false;
    }

    private static double Mean(double[] v) => v.Length == 0 ? 0.0 : v.Average();

    /// <summary>Reads or sets a value.</summary>
    public double this[string key]
    {
        get => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(
            $"No log entry '{key}'. Available: {string.Join(", ", order)}.");
        set
        {
            if (!ContainsKey(key)) order.Add(key);
            pending.Remove(key);
            pendingVectors.Remove(key);
            vectors.Remove(key);
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
        if (pendingVectors.ContainsKey(key) && TryGetValues(key, out _))
        {
            value = values[key];
            return true;
        }
        value = 0;
        return false;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => values.ContainsKey(key) || pending.ContainsKey(key) || pendingVectors.ContainsKey(key);

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
