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
        if (data is IDictionary dict) return ByName(dict, name, names, part, model);
        if (count == 1) return [Get(data is IReadOnlyList<Tensor> { Count: 1 } single ? single[0] : data, name)]; // [x] as in Keras
        if (data is Tensor || data is string || data is not IEnumerable list)
            throw new ArgumentException(
                $"The model has {count} {part}s: {name} must be a list of {count} arrays or tensors (one per {part}), or a dictionary keyed by {part} name, but received {DescribeData(data)}.", Arg(name));
        var items = list.Cast<object?>().ToArray();
        if (items.Length != count)
            throw new ArgumentException($"{name} must have {count} entries (one per model {part}), but received {items.Length}.", Arg(name));
        return items.Select((o, i) => Get(o ?? throw new ArgumentNullException(Arg(name), $"{name}[{i}] is null."), $"{name}[{i}]")).ToArray();
    }

    // Keras' dict form: every key must name an input (output), and every input (output) needs a key.
    private Tensor[] ByName(IDictionary dict, string name, IReadOnlyList<string> names, string part, Model model)
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
        var result = new Tensor[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            if (!byKey.TryGetValue(names[i], out var value))
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
