using System.Globalization;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// What Keras' <c>IndexLookup</c> saves besides its config: the vocabulary as <c>vocabulary.txt</c> (one token per line,
/// special tokens included, lines joined by <c>\n</c>; only when the vocabulary was not given to the constructor, which
/// the config then holds) and, in <c>"tf_idf"</c> mode, the IDF weights as the variable <c>idf_weights</c>.
/// </summary>
internal static class LookupAssets
{
    /// <summary>The vocabulary file's name.</summary>
    public const string VocabularyFile = "vocabulary.txt";

    /// <summary>Keras' <c>save_assets</c>: the vocabulary file in the layer's directory, unless the config holds the vocabulary.</summary>
    public static IEnumerable<(string, string, string)> SaveVocabulary<T>(LookupVocabulary<T> table, string directory = "") where T : notnull =>
        table.InputVocabulary is not null ? [] : [(directory, VocabularyFile, string.Join("\n", table.GetVocabulary(true).Select(Text)))];

    // Python's str() of a token.
    private static string Text<T>(T? token) => token switch
    {
        null => "None",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => token.ToString()!,
    };

    /// <summary>Keras' <c>load_assets</c>: reads the vocabulary file (unless the config held the vocabulary) and sets it.</summary>
    /// <exception cref="InvalidDataException">The archive has no vocabulary file for this layer.</exception>
    public static void LoadVocabulary<T>(LookupVocabulary<T> table, string layerName, Func<string, string, string?> read, Action<List<string>> set)
        where T : notnull
    {
        if (table.InputVocabulary is not null) return;
        var text = read("", VocabularyFile)
            ?? throw new InvalidDataException($"layer \"{layerName}\": the archive has no {VocabularyFile} in the layer's assets directory, where Keras stores the vocabulary of an adapted lookup layer.");
        var lines = SplitLines(text);
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        try { set(lines); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new InvalidDataException($"layer \"{layerName}\": its {VocabularyFile} cannot be used: {e.Message}", e);
        }
    }

    /// <summary>The IDF weights passed to <c>set_vocabulary</c> when reloading (Keras passes <c>idf_weights_const</c>).</summary>
    public static IReadOnlyList<double>? IdfForReload<T>(LookupVocabulary<T> table) where T : notnull =>
        table.OutputMode == "tf_idf" ? table.IdfWeights : null;

    /// <summary>Keras' <c>save_own_variables</c>: <c>idf_weights</c> (float32) in <c>"tf_idf"</c> mode.</summary>
    public static IEnumerable<(string, string, Tensor)> SaveIdf<T>(LookupVocabulary<T> table, string directory = "") where T : notnull =>
        table.OutputMode == "tf_idf" && table.IdfWeights is { } w ? [(directory, "idf_weights", tensor(w.Select(v => (float)v).ToArray()))] : [];

    /// <summary>The named variable keys of the layer's own <c>vars</c> group.</summary>
    public static IReadOnlyCollection<string> IdfKeys<T>(LookupVocabulary<T> table) where T : notnull =>
        table.OutputMode == "tf_idf" ? ["idf_weights"] : [];

    /// <summary>Keras' <c>load_own_variables</c>: restores <c>idf_weights</c> in <c>"tf_idf"</c> mode.</summary>
    /// <exception cref="InvalidDataException">The weights file has no <c>idf_weights</c> for a tf-idf layer.</exception>
    public static void LoadIdf<T>(LookupVocabulary<T> table, string layerName, Func<string, Tensor?> read) where T : notnull
    {
        if (table.OutputMode != "tf_idf") return;
        var value = read("idf_weights")
            ?? throw new InvalidDataException($"layer \"{layerName}\" (output_mode 'tf_idf'): the weights file has no 'idf_weights' in the layer's vars group, where Keras stores them.");
        using var flat = value.to_type(ScalarType.Float64).cpu().reshape(-1);
        table.SetIdfWeights(flat.data<double>().ToArray());
    }

    /// <summary>Python's <c>str.splitlines()</c>: splits at \n, \r\n, \r, \v, \f, \x1c-\x1e, \x85, \u2028 and \u2029.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                start = i + 1;
            }
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
