using System.Text.Json.Nodes;

namespace KerasSharp.Tests.TestSupport;

/// <summary>
/// Lists the differences between two JSON trees as readable lines (<c>$.config.layers[2].config.units: 4 != 5</c>):
/// missing and extra keys, different types, strings and numbers (numbers within a relative tolerance, so a float32
/// value written as a double still matches).
/// </summary>
public static class JsonDiff
{
    /// <summary>Every difference between <paramref name="expected"/> and <paramref name="actual"/>.</summary>
    /// <param name="expected">The reference tree (Keras' file).</param>
    /// <param name="actual">The tree under test.</param>
    /// <param name="ignore">Called with (path, key, owner object) for each key present on one side only or differing;
    /// returning true drops that difference (documented version differences).</param>
    /// <param name="tolerance">Relative tolerance for numbers.</param>
    public static List<string> Compare(JsonNode? expected, JsonNode? actual, Func<string, JsonObject?, bool>? ignore = null, double tolerance = 1e-6)
    {
        var diffs = new List<string>();
        Walk("$", expected, actual, null, ignore, tolerance, diffs);
        return diffs;
    }

    private static void Walk(string path, JsonNode? e, JsonNode? a, JsonObject? owner, Func<string, JsonObject?, bool>? ignore, double tol, List<string> diffs)
    {
        switch (e, a)
        {
            case (null, null): return;
            case (JsonObject eo, JsonObject ao):
                foreach (var (k, ev) in eo)
                {
                    var p = $"{path}.{k}";
                    if (!ao.ContainsKey(k))
                    {
                        if (ignore?.Invoke(p, eo) != true) diffs.Add($"{p}: missing (Keras has {Short(ev)})");
                        continue;
                    }
                    Walk(p, ev, ao[k], eo, ignore, tol, diffs);
                }
                foreach (var (k, av) in ao)
                    if (!eo.ContainsKey(k) && ignore?.Invoke($"{path}.{k}", eo) != true)
                        diffs.Add($"{path}.{k}: extra key (Keras has none), value {Short(av)}");
                return;
            case (JsonArray ea, JsonArray aa):
                if (ea.Count != aa.Count)
                {
                    if (ignore?.Invoke(path, owner) != true) diffs.Add($"{path}: {ea.Count} elements != {aa.Count}: {Short(ea)} vs {Short(aa)}");
                    return;
                }
                for (int i = 0; i < ea.Count; i++) Walk($"{path}[{i}]", ea[i], aa[i], owner, ignore, tol, diffs);
                return;
            case (JsonValue ev, JsonValue av):
                if (ev.TryGetValue(out double ed) && av.TryGetValue(out double ad))
                {
                    if (Math.Abs(ed - ad) <= tol * Math.Max(1, Math.Abs(ed))) return;
                }
                else if (JsonNode.DeepEquals(ev, av)) return;
                if (ignore?.Invoke(path, owner) != true) diffs.Add($"{path}: Keras {Short(ev)} != {Short(av)}");
                return;
            default:
                if (ignore?.Invoke(path, owner) != true) diffs.Add($"{path}: Keras {Short(e)} != {Short(a)}");
                return;
        }
    }

    private static string Short(JsonNode? n)
    {
        var s = n?.ToJsonString() ?? "null";
        return s.Length > 120 ? s[..120] + "..." : s;
    }
}
