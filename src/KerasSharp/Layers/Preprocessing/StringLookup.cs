using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>StringLookup</c>: maps strings to integer indices from a vocabulary (given, or learned with
/// <see cref="Adapt(IEnumerable{string})"/>), with Keras' layout: the mask token at index 0 when <c>mask_token</c> is set
/// (and output is <c>"int"</c>), then <c>num_oov_indices</c> out-of-vocabulary indices (several OOV indices are chosen
/// by FarmHash, as TensorFlow's <c>to_hash_bucket_fast</c>), then the vocabulary. <c>output_mode</c> <c>"int"</c>
/// returns int64 indices; <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> and <c>"tf_idf"</c> return float32
/// encodings of width <see cref="VocabularySize"/> (or <c>max_tokens</c> with <c>pad_to_max_tokens</c>).
/// Strings are not torch tensors: call <see cref="Apply(string[])"/> or <see cref="Apply(string[,])"/>, and with
/// <c>invert</c>, <see cref="ApplyInverse(Tensor)"/> maps indices back to strings.
/// When the vocabulary was learned, saving a model writes it to <c>assets/&lt;layer path&gt;/vocabulary.txt</c> in the
/// <c>.keras</c> file, as Keras does; a vocabulary given to the constructor is written in the config.
/// </summary>
public class StringLookup : Layer, Saving.IKerasAssets
{
    private readonly LookupVocabulary<string> table;
    private readonly System.Text.Encoding textEncoding;

    /// <summary>Creates a StringLookup layer.</summary>
    /// <param name="maxTokens">Maximum vocabulary size, special indices included (null: no limit; otherwise greater than 1).</param>
    /// <param name="numOovIndices">Number of out-of-vocabulary indices (default 1; 0 makes unknown strings an error).</param>
    /// <param name="maskToken">Token mapped to index 0 (or dropped in the encoded modes); null for none.</param>
    /// <param name="oovToken">Token returned for OOV indices by the inverse lookup (default <c>"[UNK]"</c>).</param>
    /// <param name="vocabulary">The vocabulary (optionally starting with the special tokens); null to adapt instead.</param>
    /// <param name="idfWeights">IDF weights, one per vocabulary entry (<c>"tf_idf"</c> only, required with a vocabulary).</param>
    /// <param name="invert">Map indices to strings (output mode <c>"int"</c> only).</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="padToMaxTokens">Encode to width <c>max_tokens</c> whatever the vocabulary size.</param>
    /// <param name="sparse">Keras' sparse output; KerasSharp has dense tensors only, so it must be false.</param>
    /// <param name="encoding">Text encoding of the strings' bytes, which FarmHash and the tie order of adapt read (default <c>"utf-8"</c>).</param>
    /// <param name="name">Layer name.</param>
    public StringLookup(int? maxTokens = null, int numOovIndices = 1, string? maskToken = null, string? oovToken = "[UNK]",
        IEnumerable<string>? vocabulary = null, IEnumerable<double>? idfWeights = null, bool invert = false, string outputMode = "int",
        bool padToMaxTokens = false, bool sparse = false, string encoding = "utf-8", string? name = null)
        : this(maxTokens, numOovIndices, maskToken, oovToken, vocabulary, idfWeights, invert, outputMode, padToMaxTokens, sparse, encoding, name, null, null)
    {
    }

    private StringLookup(int? maxTokens, int numOovIndices, string? maskToken, string? oovToken, IEnumerable<string>? vocabulary,
        IEnumerable<double>? idfWeights, bool invert, string outputMode, bool padToMaxTokens, bool sparse, string encoding, string? name,
        bool? hasInputVocabulary, int? vocabularySize) : base(name)
    {
        ArgumentNullException.ThrowIfNull(outputMode);
        ArgumentNullException.ThrowIfNull(encoding);
        try { textEncoding = System.Text.Encoding.GetEncoding(encoding); }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"StringLookup: unknown `encoding` '{encoding}'; expected a text encoding name such as 'utf-8'.", nameof(encoding), e);
        }
        var bytes = textEncoding;
        table = new LookupVocabulary<string>(nameof(StringLookup), maxTokens, numOovIndices, maskToken is not null, maskToken, oovToken is not null, oovToken,
            outputMode, invert, padToMaxTokens, sparse, new ByteOrder(bytes),
            (token, buckets) => StringHashing.FastBucket(bytes.GetBytes(token), buckets), token => $"'{token}'");
        table.Initialize(vocabulary?.ToList(), idfWeights?.ToList(), hasInputVocabulary, vocabularySize);
        Encoding = encoding;
    }

    /// <summary>Rebuilds the layer from Keras' config (every key of Keras' <c>StringLookup.get_config</c>, plus Keras' hidden <c>has_input_vocabulary</c>).</summary>
    /// <exception cref="InvalidDataException">A key Keras' StringLookup does not have, or a value of the wrong type.</exception>
    public static StringLookup FromConfig(JsonObject config)
    {
        int? maxTokens = null, vocabularySize = null;
        int numOov = 1;
        string? mask = null, oov = "[UNK]";
        string[]? vocabulary = null;
        double[]? idf = null;
        bool invert = false, pad = false, sparse = false;
        bool? hasInput = null;
        string outputMode = "int", encoding = "utf-8";
        var common = PreprocessingConfig.Read(config, nameof(StringLookup), (key, value) =>
        {
            switch (key)
            {
                case "max_tokens": maxTokens = PreprocessingConfig.Get<int?>(value); return true;
                case "num_oov_indices": numOov = PreprocessingConfig.Get<int>(value); return true;
                case "mask_token": mask = PreprocessingConfig.Get<string?>(value); return true;
                case "oov_token": oov = PreprocessingConfig.Get<string?>(value); return true;
                case "vocabulary": vocabulary = PreprocessingConfig.Get<string[]?>(value); return true;
                case "idf_weights": idf = PreprocessingConfig.Get<double[]?>(value); return true;
                case "invert": invert = PreprocessingConfig.Get<bool>(value); return true;
                case "output_mode": outputMode = PreprocessingConfig.Get<string>(value); return true;
                case "pad_to_max_tokens": pad = PreprocessingConfig.Get<bool>(value); return true;
                case "sparse": sparse = PreprocessingConfig.Get<bool>(value); return true;
                case "encoding": encoding = PreprocessingConfig.Get<string>(value); return true;
                case "vocabulary_size": vocabularySize = PreprocessingConfig.Get<int?>(value); return true;
                case "has_input_vocabulary": hasInput = PreprocessingConfig.Get<bool>(value); return true;
                case "vocabulary_dtype": return PreprocessingConfig.Get<string>(value) == "string" ? true : throw new FormatException("StringLookup's vocabulary_dtype must be 'string'");
                case "oov_method": PreprocessingConfig.Get<string>(value); return true;   // only read for integer tokens
                default: return false;
            }
        });
        var layer = new StringLookup(maxTokens, numOov, mask, oov, vocabulary, idf, invert, outputMode, pad, sparse, encoding, common.Name, hasInput, vocabularySize);
        if (common.Trainable is bool t) layer.Trainable = t;
        return layer;
    }

    /// <summary>The maximum vocabulary size, or null.</summary>
    public int? MaxTokens => table.MaxTokens;
    /// <summary>The number of OOV indices.</summary>
    public int NumOovIndices => table.NumOovIndices;
    /// <summary>The mask token, or null.</summary>
    public string? MaskToken => table.MaskToken;
    /// <summary>The OOV token of the inverse lookup.</summary>
    public string? OovToken => table.OovToken;
    /// <summary>Whether the layer maps indices to strings.</summary>
    public bool Invert => table.Invert;
    /// <summary>The output mode.</summary>
    public string OutputMode => table.OutputMode;
    /// <summary>Whether encodings are padded to <see cref="MaxTokens"/>.</summary>
    public bool PadToMaxTokens => table.PadToMaxTokens;
    /// <summary>The text encoding name.</summary>
    public string Encoding { get; }

    /// <summary>The vocabulary size, special indices included (Keras' <c>vocabulary_size()</c>).</summary>
    public int VocabularySize => table.VocabularySize;

    /// <summary>The IDF weights per index (special indices included) in <c>"tf_idf"</c> mode, or null.</summary>
    public IReadOnlyList<double>? IdfWeights => table.IdfWeights;

    /// <summary>The vocabulary, index by index (Keras' <c>get_vocabulary</c>): with the special tokens, a token's position is its index.</summary>
    public List<string?> GetVocabulary(bool includeSpecialTokens = true) => table.GetVocabulary(includeSpecialTokens);

    /// <summary>Replaces the vocabulary (Keras' <c>set_vocabulary</c>); <paramref name="idfWeights"/> is required in <c>"tf_idf"</c> mode and refused otherwise.</summary>
    public void SetVocabulary(IEnumerable<string> vocabulary, IEnumerable<double>? idfWeights = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        table.SetVocabulary(vocabulary.ToList(), idfWeights?.ToList());
    }

    /// <summary>Learns the vocabulary from strings, each one a document of one token (Keras' <c>adapt</c> on a list of strings).</summary>
    public void Adapt(IEnumerable<string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        table.Adapt(data.Select(s => (IReadOnlyList<string>)[s ?? throw new ArgumentException("Adapt data must not contain null strings.", nameof(data))]), Name);
    }

    /// <summary>Learns the vocabulary from documents of tokens (each row of Keras' 2-D array, or each batch element of a dataset).</summary>
    public void Adapt(IEnumerable<IReadOnlyList<string>> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        table.Adapt(documents.Select(d => d ?? throw new ArgumentException("Adapt documents must not be null.", nameof(documents))), Name);
    }

    /// <summary>Learns the vocabulary from a 2-D array of strings, each row a document.</summary>
    public void Adapt(string[,] data)
    {
        var batch = StringBatch.From(data, nameof(data));
        int width = (int)batch.Shape[1];
        table.Adapt(Enumerable.Range(0, (int)batch.Shape[0]).Select(r => (IReadOnlyList<string>)batch.Values[(r * width)..((r + 1) * width)]), Name);
    }

    /// <summary>Looks up a rank-1 batch of strings: <c>(n)</c> int64 indices, or <c>(vocabulary size)</c> for the multi-hot, count and tf-idf modes (one sample) and <c>(n, vocabulary size)</c> for one-hot.</summary>
    public Tensor Apply(string[] inputs) => Lookup(StringBatch.From(inputs, nameof(inputs)));

    /// <summary>Looks up a rank-2 batch of strings: <c>(n, m)</c> indices, or one encoded row per sample.</summary>
    public Tensor Apply(string[,] inputs) => Lookup(StringBatch.From(inputs, nameof(inputs)));

    private Tensor Lookup(StringBatch batch)
    {
        if (Invert)
            throw new InvalidOperationException($"Layer \"{Name}\" (StringLookup) has invert=true: it maps indices to strings; call ApplyInverse with an integer tensor.");
        var ids = tensor(table.Lookup(batch.Values)).reshape(batch.Shape);
        return OutputMode == "int" ? ids : table.Encode(ids);
    }

    /// <summary>
    /// The inverse lookup (<c>invert: true</c>): the strings of integer <paramref name="indices"/>, in an array of the
    /// tensor's shape (<c>string[]</c> for rank 1, <c>string[,]</c> for rank 2); OOV indices give <see cref="OovToken"/>.
    /// </summary>
    public Array ApplyInverse(Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (!Invert)
            throw new InvalidOperationException($"Layer \"{Name}\" (StringLookup) maps strings to indices; ApplyInverse needs a layer created with invert: true.");
        if (indices.is_floating_point() || indices.dtype == ScalarType.Bool || indices.is_complex())
            throw new ArgumentException($"Layer \"{Name}\" (StringLookup) expects integer indices, but received a tensor of dtype {indices.dtype}.", nameof(indices));
        using var flat = indices.to_type(ScalarType.Int64).cpu().contiguous().reshape(-1);
        var tokens = table.Inverse(flat.data<long>().ToArray());
        var dims = indices.shape.Select(d => (int)d).ToArray();
        var result = Array.CreateInstance(typeof(string), dims.Length == 0 ? [1] : dims);
        var index = new int[Math.Max(1, dims.Length)];
        for (int i = 0; i < tokens.Length; i++)
        {
            int rest = i;
            for (int d = index.Length - 1; d >= 0; d--)
            {
                int size = dims.Length == 0 ? 1 : dims[d];
                index[d] = rest % size;
                rest /= size;
            }
            result.SetValue(tokens[i], index);
        }
        return result;
    }

    /// <summary>Strings are not tensors: this layer is called with <see cref="Apply(string[])"/> (or <see cref="ApplyInverse(Tensor)"/> when inverted).</summary>
    /// <exception cref="InvalidOperationException">Always, naming the methods to use.</exception>
    protected override Tensor Call(Tensor x, bool training) =>
        throw new InvalidOperationException(Invert
            ? $"Layer \"{Name}\" (StringLookup, invert=true) returns strings, which torch tensors cannot hold; call ApplyInverse(indices)."
            : $"Layer \"{Name}\" (StringLookup) takes strings, which torch tensors cannot hold; call Apply(string[]) or Apply(string[,]).");

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) =>
        OutputMode == "int" ? inputShape : CategoricalEncoding.OutputShape(inputShape, OutputMode, table.Depth);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        table.WriteSettings(config, OovToken, MaskToken);
        table.WriteVocabulary(config);
        config["encoding"] = Encoding;
        return config;
    }

    IEnumerable<(string Directory, string File, string Text)> Saving.IKerasAssets.SaveAssets() => LookupAssets.SaveVocabulary(table);

    void Saving.IKerasAssets.LoadAssets(Func<string, string, string?> read) =>
        LookupAssets.LoadVocabulary(table, Name, read, lines => table.SetVocabulary(lines, LookupAssets.IdfForReload(table)));

    IEnumerable<(string Directory, string Key, Tensor Value)> Saving.IKerasAssets.SaveNamedVariables() => LookupAssets.SaveIdf(table);

    IReadOnlyCollection<string> Saving.IKerasAssets.NamedVariableKeys => LookupAssets.IdfKeys(table);

    void Saving.IKerasAssets.LoadNamedVariables(Func<string, Tensor?> read) => LookupAssets.LoadIdf(table, Name, read);

    // numpy's order of byte strings: the encoded bytes compared as unsigned bytes.
    private sealed class ByteOrder(System.Text.Encoding encoding) : IComparer<string>
    {
        public int Compare(string? x, string? y) => encoding.GetBytes(x ?? "").AsSpan().SequenceCompareTo(encoding.GetBytes(y ?? ""));
    }
}
