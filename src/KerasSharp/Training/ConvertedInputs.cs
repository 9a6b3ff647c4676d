using System.Collections;
using KerasSharp.Data;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Turns the caller's x, y and sample weights into tensors, one per model input or output; the tensors made from .NET
/// arrays during one call are disposed when the call ends.
/// </summary>
/// <param name="argument">The argument named by errors (a stream's "data"); null: the name of each piece's argument.</param>
/// <param name="scoped">Leave converted tensors to the caller's dispose scope (a streamed batch) instead of owning them.</param>
internal sealed class ConvertedInputs(string? argument = null, bool scoped = false) : IDisposable
{
    private readonly List<Tensor> owned = [];

    /// <summary>The names dictionaries key a functional model's inputs by (its Input layers' names); none for other models.</summary>
    public static IReadOnlyList<string> InputNames(Model model) =>
        model.Graph is { } graph ? graph.Inputs.Select(i => i.Layer.Name).ToArray() : [];

    private string Arg(string name) => argument ?? name.Split('[', '.')[0];

    /// <summary>One tensor from an array or tensor, checked to hold real numbers.</summary>
    public Tensor Get(object data, string name)
    {
        var t = ArrayConversion.ToTensor(data, name);
        if (!ReferenceEquals(t, data) && !scoped) Keep(t);
        TrainingChecks.CheckReal(t, name, Arg(name));
        return t;
    }

    /// <summary>The sample weights or other single tensor a user passed to Fit, Evaluate or <c>*OnBatch</c>.</summary>
    public Tensor Get(ModelData data, string name) => Get(data.Value!, name);

    /// <summary>
    /// <see cref="GetAll(object, string, int, IReadOnlyList{string}, Model)"/> on what a user passed to Fit, Evaluate,
    /// Predict or <c>*OnBatch</c> (a null <see cref="ModelData"/> fails as a null argument always has).
    /// </summary>
    public Tensor[] GetAll(ModelData data, string name, int count, IReadOnlyList<string> names, Model model) =>
        GetAll(data.Value!, name, count, names, model);

    /// <summary>
    /// One tensor per model input (or output): the data itself (or a list holding one tensor) for a single one, a list
    /// with one array or tensor per input in order (Keras' list form <c>model.fit([xa, xb], y)</c>), or a dictionary
    /// keyed by input (output) name (Keras' dict form <c>model.fit({"image": xa, "meta": xb}, y)</c>).
    /// </summary>
    /// <param name="data">The data as the caller gave it.</param>
    /// <param name="name">The argument, for messages ("x", "y", "validationData.X").</param>
    /// <param name="count">How many inputs (outputs) the model has.</param>
    /// <param name="names">The model's input (or output) names, in order; empty when they have none.</param>
    /// <param name="model">The model (for messages).</param>
    public Tensor[] GetAll(object data, string name, int count, IReadOnlyList<string> names, Model model)
    {
        string part = name.EndsWith('y') || name.EndsWith('Y') ? "output" : "input";
        // Targets of outputs compiled without a loss (Keras' loss=[None, ...]) may be left out.
        bool[] optional = part == "output" && model.OutputLosses.Count == count && model.OutputLosses.Contains(null)
            ? model.OutputLosses.Select((l, i) => l is null && !model.MetricOutputs.Values.Contains(i)).ToArray()
            : new bool[count];
        if (data is IDictionary dict) return WithPlaceholders(ByName(dict, name, names, part, model, optional), name);
        if (count == 1) return [Get(data is IReadOnlyList<Tensor> { Count: 1 } single ? single[0] : data, name)]; // [x] as in Keras
        if (data is Tensor || data is string || data is not IEnumerable list)
            throw new ArgumentException(
                $"The model has {count} {part}s: {name} must be a list of {count} arrays or tensors (one per {part}), or a dictionary keyed by {part} name, but received {DescribeData(data)}.", Arg(name));
        var items = list.Cast<object?>().ToArray();
        int needed = optional.Count(o => !o);
        if (items.Length == needed && needed < count)
        {
            // One entry per output that needs targets, in output order (Keras: "loss partially defined over y_pred").
            var spread = new object?[count];
            for (int i = 0, k = 0; i < count; i++) spread[i] = optional[i] ? null : items[k++];
            items = spread;
        }
        if (items.Length != count)
            throw new ArgumentException(
                $"{name} must have {count} entries (one per model {part}){(needed < count ? $" or {needed} (one per {part} with a loss or metrics)" : "")}, but received {items.Length}.", Arg(name));
        var result = new Tensor?[count];
        for (int i = 0; i < count; i++)
        {
            if (items[i] is { } item) result[i] = Get(item, $"{name}[{i}]");
            else if (!optional[i]) throw new ArgumentNullException(Arg(name), $"{name}[{i}] is null{NeedsTargets(part, names, i, model)}.");
        }
        return WithPlaceholders(result, name);
    }

    // Why output i needs targets (its loss or its metrics), for a null entry's message.
    private static string NeedsTargets(string part, IReadOnlyList<string> names, int i, Model model) =>
        part != "output" || model.OutputLosses.Count <= i ? ""
        : model.OutputLosses[i] is not null ? $", but output '{Name(names, i)}' has a loss, which needs targets"
        : $", but output '{Name(names, i)}' has metrics, which need targets";

    private static string Name(IReadOnlyList<string> names, int i) => i < names.Count ? names[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Outputs without targets get a placeholder with the batch's rows (one byte each), never read: batching and slicing
    // then treat every output alike.
    private Tensor[] WithPlaceholders(Tensor?[] targets, string name)
    {
        if (targets.All(t => t is not null)) return targets!;
        var rows = targets.FirstOrDefault(t => t is not null && t.dim() > 0)
            ?? throw new ArgumentException($"{name} gives no targets: at least one output with a loss needs them.", Arg(name));
        var placeholder = zeros([rows.size(0)], ScalarType.Byte, rows.device);
        if (!scoped) Keep(placeholder);
        return targets.Select(t => t ?? placeholder).ToArray();
    }

    // Keras' dict form: every key must name an input (output), and every input (output) needs a key.
    private Tensor?[] ByName(IDictionary dict, string name, IReadOnlyList<string> names, string part, Model model, bool[] optional)
    {
        if (names.Count == 0)
            throw new ArgumentException(
                $"{name} is a dictionary, but model \"{model.Name}\" ({model.GetType().Name}) has no named {part}s: pass the array or tensor itself.", Arg(name));
        var byKey = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in dict)
        {
            if (e.Key is not string key)
                throw new ArgumentException($"{name} is a dictionary, so its keys must be {part} names (strings), but received the key {e.Key} ({e.Key.GetType().Name}).", Arg(name));
            if (!names.Contains(key))
                throw new ArgumentException(
                    $"{name} has the key '{key}', which is not an {part} of model \"{model.Name}\". Expected the {part} names: {string.Join(", ", names)}.", Arg(name));
            byKey[key] = e.Value;
        }
        var result = new Tensor?[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            bool present = byKey.TryGetValue(names[i], out var value);
            if (value is null && i < optional.Length && optional[i]) continue;
            if (!present)
                throw new ArgumentException(
                    $"{name} has no entry for the {part} '{names[i]}' of model \"{model.Name}\": a dictionary needs one entry per {part} ({string.Join(", ", names)}), but received the keys {string.Join(", ", byKey.Keys)}.", Arg(name));
            result[i] = Get(value ?? throw new ArgumentNullException(Arg(name), $"{name}[\"{names[i]}\"] is null."), $"{name}[\"{names[i]}\"]");
        }
        return result;
    }

    private static string DescribeData(object data) => data is Tensor t ? $"a single tensor of shape ({string.Join(", ", t.shape)})" : $"a {data.GetType().Name}";

    /// <summary>Owns <paramref name="t"/> until the call ends.</summary>
    public Tensor Keep(Tensor t)
    {
        t.DetachFromDisposeScope();
        owned.Add(t);
        return t;
    }

    /// <summary>Disposes the tensors made during the call.</summary>
    public void Dispose()
    {
        foreach (var t in owned) t.Dispose();
        owned.Clear();
    }
}
