using System.Collections;
using KerasSharp.Callbacks;

namespace KerasSharp;

/// <summary>
/// What Fit returns (Keras' <c>History</c>): a read-only dictionary from log key (<c>loss</c>, <c>accuracy</c>,
/// <c>val_loss</c>, ...) to one value per epoch, plus <see cref="Epochs"/> and <see cref="Callback.Params"/>.
/// It is also the callback that records them; Fit always adds one. A metric whose result is a vector (per threshold,
/// class or output) has its mean per epoch here and its whole vector per epoch in <see cref="ValuesOf"/>, as Keras'
/// <c>history.history</c> holds it.
/// </summary>
public sealed class History : Callback, IReadOnlyDictionary<string, IReadOnlyList<double>>
{
    private readonly Dictionary<string, List<double>> history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<double[]>> full = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private readonly List<int> epochs = [];

    /// <summary>The epoch indices recorded (0-based, as Keras' <c>history.epoch</c>).</summary>
    public IReadOnlyList<int> Epochs => epochs;

    /// <summary>The quantity an early-stopping callback monitored during this Fit (e.g. <c>val_loss</c>), or null.</summary>
    public string? Monitor { get; internal set; }

    /// <summary>The 0-based epoch with the best value of <see cref="Monitor"/> (set by early stopping), or null.</summary>
    public int? BestEpoch { get; internal set; }

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs)
    {
        history.Clear();
        full.Clear();
        order.Clear();
        epochs.Clear();
        Monitor = null;
        BestEpoch = null;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        epochs.Add(epoch);
        foreach (var (key, value) in logs)
        {
            if (!history.TryGetValue(key, out var list))
            {
                history[key] = list = [];
                full[key] = [];
                order.Add(key);
            }
            list.Add(value);
            full[key].Add(logs.TryGetValues(key, out var vector) ? vector.ToArray() : [value]);
        }
    }

    /// <summary>Values of <paramref name="key"/>, one per epoch.</summary>
    /// <exception cref="KeyNotFoundException">No such key; the message lists the keys that exist.</exception>
    public IReadOnlyList<double> this[string key] => history.TryGetValue(key, out var list)
        ? list
        : throw new KeyNotFoundException($"History has no key '{key}'. Available keys: {string.Join(", ", order)}.");

    /// <summary>
    /// The whole logged value of <paramref name="key"/> per epoch, as Keras' <c>history.history[key]</c>: the vector of a
    /// vector-valued metric (e.g. <c>F1Score()</c>'s per-class scores), a one-element list for a scalar.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such key; the message lists the keys that exist.</exception>
    public IReadOnlyList<IReadOnlyList<double>> ValuesOf(string key) => full.TryGetValue(key, out var list)
        ? list
        : throw new KeyNotFoundException($"History has no key '{key}'. Available keys: {string.Join(", ", order)}.");

    /// <inheritdoc />
    public IEnumerable<string> Keys => order;
    /// <inheritdoc />
    public IEnumerable<IReadOnlyList<double>> Values => order.Select(k => (IReadOnlyList<double>)history[k]);
    /// <inheritdoc />
    public int Count => order.Count;
    /// <inheritdoc />
    public bool ContainsKey(string key) => history.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out IReadOnlyList<double> value)
    {
        var found = history.TryGetValue(key, out var list);
        value = list ?? (IReadOnlyList<double>)[];
        return found;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, IReadOnlyList<double>>> GetEnumerator() =>
        order.Select(k => new KeyValuePair<string, IReadOnlyList<double>>(k, history[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
