using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>TextVectorization</c>: turns strings into token indices or bag-of-words vectors. Each string is
/// standardized (<c>"lower_and_strip_punctuation"</c> by default: ASCII letters lowercased, as <c>tf.strings.lower</c>
/// does, and Python's <c>string.punctuation</c> removed; or <c>"lower"</c>, <c>"strip_punctuation"</c>, null; Keras'
/// callable is <c>customStandardize</c>), split (<c>"whitespace"</c> by default: runs of ASCII whitespace; or
/// <c>"character"</c>: Unicode code points; null: the whole string is one token; Keras' callable is
/// <c>customSplit</c>), optionally joined into n-grams (all widths 1..n for
/// <c>ngrams: n</c>, or the listed widths, width by width, joined by a space), then looked up in a vocabulary that
/// <see cref="Adapt(IEnumerable{string})"/> learns (most frequent first, ties by the token, high to low, as Keras) or that
/// is given. Index 0 is padding (the mask token <c>""</c>) and index 1 the OOV token <c>"[UNK]"</c>.
/// <c>output_mode</c> <c>"int"</c> returns int64 <c>(batch, sequence)</c> indices padded with 0 (to
/// <c>output_sequence_length</c>, trimmed to it, or to the longest string); <c>"multi_hot"</c>, <c>"count"</c> and
/// <c>"tf_idf"</c> return float32 <c>(batch, vocabulary size)</c> (or <c>max_tokens</c> with <c>pad_to_max_tokens</c>);
/// <c>"one_hot"</c> needs <c>split: null</c> (one token per string).
/// <para>Strings are not torch tensors, so the layer is called with <see cref="Apply(string[])"/> and does not run inside
/// a model's <c>Fit</c>/<c>Predict</c>: vectorize the texts first and train the model on the integer tensors (Keras'
/// text classification example, option 2, "apply it to the text dataset"). A model (e.g. a Sequential holding only
/// this layer) can still be saved and loaded with it: its config is Keras', and a learned vocabulary is written to
/// <c>assets/&lt;layer path&gt;/vocabulary.txt</c> (and to <c>_lookup_layer/vocabulary.txt</c> below it, the copy of
/// Keras' inner StringLookup), so the <c>.keras</c> file opens in Keras.</para>
/// </summary>
public class TextVectorization : Layer, Saving.IKerasAssets
{
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static readonly char[] AsciiWhitespace = [' ', '\t', '\n', '\v', '\f', '\r'];
    private readonly LookupVocabulary<string> table;
    private readonly int[]? ngramWidths;
    private readonly object? standardizeMode, splitMode;

    /// <summary>Creates a TextVectorization layer.</summary>
    /// <param name="maxTokens">Maximum vocabulary size, padding and OOV included (null: no limit).</param>
    /// <param name="standardize"><c>"lower_and_strip_punctuation"</c> (default), <c>"lower"</c>, <c>"strip_punctuation"</c> or null (none).</param>
    /// <param name="split"><c>"whitespace"</c> (default), <c>"character"</c> or null (each string is one token).</param>
    /// <param name="ngrams">null, an integer n (n-grams of widths 1..n), or an <c>int[]</c> of widths.</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="outputSequenceLength">With <c>"int"</c>: pad or trim every sequence to this length.</param>
    /// <param name="padToMaxTokens">Encode to width <c>max_tokens</c> whatever the vocabulary size.</param>
    /// <param name="vocabulary">The vocabulary (optionally starting with <c>""</c> and <c>"[UNK]"</c>); null to adapt instead.</param>
    /// <param name="idfWeights">IDF weights per vocabulary entry (<c>"tf_idf"</c> with a vocabulary).</param>
    /// <param name="sparse">Keras' sparse output (TensorFlow backend only in Keras); must be false.</param>
    /// <param name="ragged">Keras' ragged output (TensorFlow backend only in Keras); must be false.</param>
    /// <param name="encoding">Text encoding of the strings' bytes (default <c>"utf-8"</c>).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="customStandardize">Keras' callable <c>standardize</c>: applied to each string instead of a named mode (leave <paramref name="standardize"/> at its default or null). A layer using it cannot be saved, as in Keras without a registered function.</param>
    /// <param name="customSplit">Keras' callable <c>split</c>: splits each standardized string instead of a named mode (leave <paramref name="split"/> at its default or null).</param>
    public TextVectorization(int? maxTokens = null, string? standardize = "lower_and_strip_punctuation", string? split = "whitespace",
        object? ngrams = null, string outputMode = "int", int? outputSequenceLength = null, bool padToMaxTokens = false,
        IEnumerable<string>? vocabulary = null, IEnumerable<double>? idfWeights = null, bool sparse = false, bool ragged = false,
        string encoding = "utf-8", string? name = null, Func<string, string>? customStandardize = null,
        Func<string, IEnumerable<string>>? customSplit = null)
        : this(maxTokens, CustomOr(customStandardize, standardize, "lower_and_strip_punctuation", nameof(standardize)),
            CustomOr(customSplit, split, "whitespace", nameof(split)), ngrams, outputMode, outputSequenceLength, padToMaxTokens, vocabulary,
            idfWeights, sparse, ragged, encoding, name, null, null)
    {
    }

    private static object? CustomOr(Delegate? custom, string? named, string keras, string argument) =>
        custom is null ? named
        : named is null || named == keras ? custom
        : throw new ArgumentException($"TextVectorization: give either a named `{argument}` or a custom function, not both (received {argument}={named}).", argument);

    private TextVectorization(int? maxTokens, object? standardize, object? split, object? ngrams, string outputMode, int? outputSequenceLength,
        bool padToMaxTokens, IEnumerable<string>? vocabulary, IEnumerable<double>? idfWeights, bool sparse, bool ragged, string encoding,
        string? name, bool? hasInputVocabulary, int? vocabularySize) : base(name)
    {
        ArgumentNullException.ThrowIfNull(outputMode);
        ArgumentNullException.ThrowIfNull(encoding);
        if (sparse)
            throw new ArgumentException("`sparse=True` can only be used with the TensorFlow backend (KerasSharp has dense tensors only); received sparse=true.", nameof(sparse));
        if (ragged)
            throw new ArgumentException("`ragged=True` can only be used with the TensorFlow backend (KerasSharp has no ragged tensors); received ragged=true.", nameof(ragged));
        if (!(standardize is null or Func<string, string> || standardize is "lower_and_strip_punctuation" or "lower" or "strip_punctuation"))
            throw new ArgumentException(
                $"Invalid value for argument `standardize`. Expected one of ('lower_and_strip_punctuation', 'lower', 'strip_punctuation'), None, or a Func<string, string>. Received: standardize={Describe(standardize)}", nameof(standardize));
        if (!(split is null or Func<string, IEnumerable<string>> || split is "whitespace" or "character"))
            throw new ArgumentException(
                $"Invalid value for argument `split`. Expected one of ('whitespace', 'character'), None, or a Func<string, IEnumerable<string>>. Received: split={Describe(split)}", nameof(split));
        if (outputMode == "binary") outputMode = "multi_hot";
        if (outputMode == "tf-idf") outputMode = "tf_idf";
        if (outputMode is not ("int" or "one_hot" or "multi_hot" or "count" or "tf_idf"))
            throw new ArgumentException($"Invalid value for argument `output_mode`. Expected one of ('int', 'one_hot', 'multi_hot', 'count', 'tf_idf'). Received: output_mode={outputMode}", nameof(outputMode));
        ngramWidths = ngrams switch
        {
            null => null,
            int n when n >= 1 => Enumerable.Range(1, n).ToArray(),
            int[] widths when widths.Length > 0 && widths.All(w => w >= 1) => (int[])widths.Clone(),
            IEnumerable<int> widths when widths.Any() && widths.All(w => w >= 1) => widths.ToArray(),
            _ => throw new ArgumentException($"`ngrams` must be None, an integer, or a tuple of integers. Received: ngrams={Describe(ngrams)}", nameof(ngrams)),
        };
        if (outputMode != "int" && outputSequenceLength is not null)
            throw new ArgumentException($"`output_sequence_length` must not be set if `output_mode` is not 'int'. Received output_sequence_length={outputSequenceLength}.", nameof(outputSequenceLength));
        if (outputSequenceLength is < 0)
            throw new ArgumentOutOfRangeException(nameof(outputSequenceLength), outputSequenceLength, $"`output_sequence_length` must be None or a non-negative integer. Received: output_sequence_length={outputSequenceLength}");
        System.Text.Encoding textEncoding;
        try { textEncoding = System.Text.Encoding.GetEncoding(encoding); }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"TextVectorization: unknown `encoding` '{encoding}'; expected a text encoding name such as 'utf-8'.", nameof(encoding), e);
        }
        table = new LookupVocabulary<string>(nameof(TextVectorization), maxTokens, 1, true, "", true, "[UNK]", outputMode, false, padToMaxTokens, false,
            new ByteOrder(textEncoding), (token, buckets) => StringHashing.FastBucket(textEncoding.GetBytes(token), buckets), token => $"'{token}'");
        table.Initialize(vocabulary?.ToList(), idfWeights?.ToList(), hasInputVocabulary, vocabularySize);
        standardizeMode = standardize;
        splitMode = split;
        NGrams = ngrams is IEnumerable<int> list and not int[] ? list.ToArray() : ngrams is int[] arr ? (int[])arr.Clone() : ngrams;
        OutputMode = outputMode;
        OutputSequenceLength = outputSequenceLength;
        Encoding = encoding;
    }

    /// <summary>Rebuilds the layer from Keras' config (every key of Keras' <c>TextVectorization.get_config</c>).</summary>
    /// <exception cref="InvalidDataException">A key Keras' TextVectorization does not have, a value of the wrong type, or a serialized custom function (which KerasSharp cannot rebuild).</exception>
    public static TextVectorization FromConfig(JsonObject config)
    {
        int? maxTokens = null, sequenceLength = null, vocabularySize = null;
        object? standardize = "lower_and_strip_punctuation", split = "whitespace", ngrams = null;
        string outputMode = "int", encoding = "utf-8";
        bool pad = false, sparse = false, ragged = false;
        bool? hasInput = null;
        string[]? vocabulary = null;
        double[]? idf = null;
        var common = PreprocessingConfig.Read(config, nameof(TextVectorization), (key, value) =>
        {
            switch (key)
            {
                case "max_tokens": maxTokens = PreprocessingConfig.Get<int?>(value); return true;
                case "standardize": standardize = StringOption(value, key); return true;
                case "split": split = StringOption(value, key); return true;
                case "ngrams": ngrams = value is null ? null : value is JsonArray ? PreprocessingConfig.Get<int[]>(value) : PreprocessingConfig.Get<int>(value); return true;
                case "output_mode": outputMode = PreprocessingConfig.Get<string>(value); return true;
                case "output_sequence_length": sequenceLength = PreprocessingConfig.Get<int?>(value); return true;
                case "pad_to_max_tokens": pad = PreprocessingConfig.Get<bool>(value); return true;
                case "sparse": sparse = PreprocessingConfig.Get<bool>(value); return true;
                case "ragged": ragged = PreprocessingConfig.Get<bool>(value); return true;
                case "vocabulary": vocabulary = PreprocessingConfig.Get<string[]?>(value); return true;
                case "idf_weights": idf = PreprocessingConfig.Get<double[]?>(value); return true;
                case "encoding": encoding = PreprocessingConfig.Get<string>(value); return true;
                case "vocabulary_size": vocabularySize = PreprocessingConfig.Get<int?>(value); return true;
                case "has_input_vocabulary": hasInput = PreprocessingConfig.Get<bool>(value); return true;
                default: return false;
            }
        });
        var layer = new TextVectorization(maxTokens, standardize, split, ngrams, outputMode, sequenceLength, pad, vocabulary, idf, sparse, ragged,
            encoding, common.Name, hasInput, vocabularySize);
        if (common.Trainable is bool t) layer.Trainable = t;
        return layer;
    }

    private static string? StringOption(JsonNode? value, string key) => value is null ? null
        : Saving.ConfigJson.IsString(value, out var s) ? s
        : throw new FormatException($"'{key}' holds a serialized custom function ({Saving.ConfigJson.Describe(value)}), which KerasSharp cannot rebuild; create the layer in C# with a Func instead");

    /// <summary>The standardization: a mode name, or null (none, or a custom function: see <see cref="CustomStandardize"/>).</summary>
    public string? Standardize => standardizeMode as string;
    /// <summary>The split: a mode name, or null (none, or a custom function: see <see cref="CustomSplit"/>).</summary>
    public string? Split => splitMode as string;
    /// <summary>The custom standardize function, or null.</summary>
    public Func<string, string>? CustomStandardize => standardizeMode as Func<string, string>;
    /// <summary>The custom split function, or null.</summary>
    public Func<string, IEnumerable<string>>? CustomSplit => splitMode as Func<string, IEnumerable<string>>;
    /// <summary>The <c>ngrams</c> argument as given (null, an integer or the widths).</summary>
    public object? NGrams { get; }
    /// <summary>The output mode.</summary>
    public string OutputMode { get; }
    /// <summary>The padded sequence length of <c>"int"</c> outputs, or null.</summary>
    public int? OutputSequenceLength { get; }
    /// <summary>The maximum vocabulary size, or null.</summary>
    public int? MaxTokens => table.MaxTokens;
    /// <summary>Whether encodings are padded to <see cref="MaxTokens"/>.</summary>
    public bool PadToMaxTokens => table.PadToMaxTokens;
    /// <summary>The text encoding name.</summary>
    public string Encoding { get; }

    /// <summary>The vocabulary size, padding and OOV included (Keras' <c>vocabulary_size()</c>).</summary>
    public int VocabularySize => table.VocabularySize;

    /// <summary>The IDF weights per index in <c>"tf_idf"</c> mode, or null.</summary>
    public IReadOnlyList<double>? IdfWeights => table.IdfWeights;

    /// <summary>The vocabulary (Keras' <c>get_vocabulary</c>): <c>["", "[UNK]", most frequent, ...]</c> with the special tokens.</summary>
    public List<string> GetVocabulary(bool includeSpecialTokens = true) => table.GetVocabulary(includeSpecialTokens).Select(t => t!).ToList();

    /// <summary>Replaces the vocabulary (Keras' <c>set_vocabulary</c>); <paramref name="idfWeights"/> is required in <c>"tf_idf"</c> mode.</summary>
    public void SetVocabulary(IEnumerable<string> vocabulary, IEnumerable<double>? idfWeights = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        table.SetVocabulary(vocabulary.ToList(), idfWeights?.ToList());
    }

    /// <summary>
    /// Learns the vocabulary (and, for <c>"tf_idf"</c>, the document frequencies) from <paramref name="data"/>, each
    /// string one document, standardized, split and n-grammed as in a call (Keras' <c>adapt</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The vocabulary was given at construction.</exception>
    public void Adapt(IEnumerable<string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        table.Adapt(data.Select(s => (IReadOnlyList<string>)Tokens(s ?? throw new ArgumentException("Adapt data must not contain null strings.", nameof(data)))), Name);
    }

    /// <summary>The tokens of one string: standardized, split and n-grammed (Keras' <c>_preprocess</c> for one row).</summary>
    public IReadOnlyList<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (standardizeMode is "lower" or "lower_and_strip_punctuation") text = AsciiLower(text);
        if (standardizeMode is "strip_punctuation" or "lower_and_strip_punctuation") text = StripPunctuation(text);
        if (standardizeMode is Func<string, string> custom)
            text = custom(text) ?? throw new InvalidOperationException($"Layer \"{Name}\": the custom standardize function returned null.");
        List<string> tokens = splitMode switch
        {
            "whitespace" => [.. text.Split(AsciiWhitespace, StringSplitOptions.RemoveEmptyEntries)],
            "character" => [.. text.EnumerateRunes().Select(r => r.ToString())],
            Func<string, IEnumerable<string>> f => [.. f(text) ?? throw new InvalidOperationException($"Layer \"{Name}\": the custom split function returned null.")],
            _ => [text],
        };
        if (ngramWidths is null) return tokens;
        var grams = new List<string>();
        foreach (int width in ngramWidths)
            for (int i = 0; i + width <= tokens.Count; i++)
                grams.Add(string.Join(' ', tokens.Skip(i).Take(width)));
        return grams;
    }

    private static string AsciiLower(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text) sb.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        return sb.ToString();
    }

    private static string StripPunctuation(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text) if (!Punctuation.Contains(c)) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>
    /// Vectorizes a batch of strings: <c>(batch, sequence)</c> int64 indices in <c>"int"</c> mode (0-padded to
    /// <c>output_sequence_length</c> or the longest string), or <c>(batch, width)</c> float32 encodings.
    /// </summary>
    public Tensor Apply(string[] inputs) => Vectorize(StringBatch.From(inputs, nameof(inputs)).Values, nameof(inputs));

    /// <summary>Vectorizes a <c>(batch, 1)</c> array of strings (Keras' <c>[["foo bar"], ["baz"]]</c>), as <see cref="Apply(string[])"/>.</summary>
    public Tensor Apply(string[,] inputs)
    {
        var batch = StringBatch.From(inputs, nameof(inputs));
        if (batch.Shape[1] != 1)
            throw new ArgumentException(
                $"When using `TextVectorization` to tokenize strings, the input rank must be 1 or the last shape dimension must be 1. Received: inputs.shape=({batch.Shape[0]}, {batch.Shape[1]}) with rank=2", nameof(inputs));
        return Vectorize(batch.Values, nameof(inputs));
    }

    private Tensor Vectorize(string[] texts, string argument)
    {
        var rows = texts.Select(t => table.Lookup(Tokens(t))).ToList();
        if (OutputMode == "one_hot")
        {
            if (splitMode is not null)
                throw new InvalidOperationException($"Layer \"{Name}\": output_mode 'one_hot' encodes each token of a split string on its own row (a ragged result, which KerasSharp does not have); use split: null or 'multi_hot'.");
            var ids = tensor(rows.Select(r => r[0]).ToArray());
            return table.Encode(ids);
        }
        if (OutputMode != "int") return table.EncodeRows(rows);
        int length = OutputSequenceLength ?? (rows.Count == 0 ? 0 : rows.Max(r => r.Length));
        var padded = new long[rows.Count * length];
        for (int r = 0; r < rows.Count; r++)
            Array.Copy(rows[r], 0, padded, (long)r * length, Math.Min(length, rows[r].Length));
        return tensor(padded).reshape(rows.Count, length);
    }

    /// <summary>Strings are not tensors: this layer is called with <see cref="Apply(string[])"/>.</summary>
    /// <exception cref="InvalidOperationException">Always, naming the method to use.</exception>
    protected override Tensor Call(Tensor x, bool training) =>
        throw new InvalidOperationException(
            $"Layer \"{Name}\" (TextVectorization) takes strings, which torch tensors cannot hold; call Apply(string[]) and feed the resulting tensor to the model.");

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (OutputMode == "int") return new Shape(inputShape.Rank == 0 ? null : inputShape[0], OutputSequenceLength);
        var shape = splitMode is null
            ? (inputShape.Rank <= 1 ? new Shape([.. inputShape, 1]) : inputShape)
            : new Shape([.. inputShape, null]);
        return CategoricalEncoding.OutputShape(shape, OutputMode, table.Depth);
    }

    /// <summary>Keras' config; a custom standardize or split function cannot be written (Keras would need it registered).</summary>
    /// <exception cref="InvalidOperationException">The layer uses a custom function.</exception>
    public override Dictionary<string, object?> GetConfig()
    {
        if (standardizeMode is Delegate || splitMode is Delegate)
            throw new InvalidOperationException(
                $"Layer \"{Name}\" (TextVectorization) uses a custom {(standardizeMode is Delegate ? "standardize" : "split")} function, which cannot be written to a Keras config; use one of Keras' named modes to save the layer.");
        var config = base.GetConfig();
        config["max_tokens"] = MaxTokens;
        config["standardize"] = Standardize;
        config["split"] = Split;
        config["ngrams"] = NGrams is int[] widths ? widths.ToList() : NGrams;
        config["output_mode"] = OutputMode;
        config["output_sequence_length"] = OutputSequenceLength;
        config["pad_to_max_tokens"] = PadToMaxTokens;
        config["sparse"] = false;
        config["ragged"] = false;
        config["vocabulary"] = table.InputVocabulary?.ToList();
        config["idf_weights"] = table.InputIdfWeights?.ToList();
        config["encoding"] = Encoding;
        config["vocabulary_size"] = VocabularySize;
        return config;
    }

    private const string InnerLookup = "_lookup_layer";

    // Keras writes the vocabulary twice: TextVectorization.save_assets delegates to its lookup layer, and the saving walk
    // visits that lookup layer (attribute _lookup_layer) too.
    IEnumerable<(string Directory, string File, string Text)> Saving.IKerasAssets.SaveAssets() =>
        [.. LookupAssets.SaveVocabulary(table), .. LookupAssets.SaveVocabulary(table, InnerLookup)];

    void Saving.IKerasAssets.LoadAssets(Func<string, string, string?> read) =>
        LookupAssets.LoadVocabulary(table, Name, read, lines => table.SetVocabulary(lines, LookupAssets.IdfForReload(table)));

    IEnumerable<(string Directory, string Key, Tensor Value)> Saving.IKerasAssets.SaveNamedVariables() =>
        [.. LookupAssets.SaveIdf(table), .. LookupAssets.SaveIdf(table, InnerLookup)];

    IReadOnlyCollection<string> Saving.IKerasAssets.NamedVariableKeys => LookupAssets.IdfKeys(table);

    void Saving.IKerasAssets.LoadNamedVariables(Func<string, Tensor?> read) => LookupAssets.LoadIdf(table, Name, read);

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string s => s,
        int[] a => $"({string.Join(", ", a)})",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name,
    };

    private sealed class ByteOrder(System.Text.Encoding encoding) : IComparer<string>
    {
        public int Compare(string? x, string? y) => encoding.GetBytes(x ?? "").AsSpan().SequenceCompareTo(encoding.GetBytes(y ?? ""));
    }
}
