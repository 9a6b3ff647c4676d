using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>IntegerLookup</c>: maps integers (ids of any range) to contiguous indices from a vocabulary (given, or
/// learned with <see cref="Adapt(Tensor)"/>), with Keras' layout: the mask token at index 0 when <c>mask_token</c> is
/// set (and output is <c>"int"</c>), then <c>num_oov_indices</c> out-of-vocabulary indices (several are chosen by
/// <c>token mod num_oov_indices</c>, Keras' default <c>oov_method</c> "floormod", or by FarmHash of the token's decimal
/// text with "farmhash"), then the vocabulary. <c>output_mode</c> <c>"int"</c> returns int64 indices;
/// <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> and <c>"tf_idf"</c> return float32 encodings. With
/// <c>invert</c> it maps indices back to the vocabulary's integers (<c>oov_token</c>, -1 by default, for unknown ones).
/// It takes tensors, so it works inside models (its learned vocabulary is saved in the <c>.keras</c> file's assets, as Keras does).
/// </summary>
public class IntegerLookup : Layer, Saving.IKerasAssets
{
    private readonly LookupVocabulary<long> table;

    /// <summary>Creates an IntegerLookup layer.</summary>
    /// <param name="maxTokens">Maximum vocabulary size, special indices included (null: no limit; otherwise greater than 1).</param>
    /// <param name="numOovIndices">Number of out-of-vocabulary indices (default 1; 0 makes unknown values an error).</param>
    /// <param name="maskToken">Value mapped to index 0 (or dropped in the encoded modes); null for none.</param>
    /// <param name="oovToken">Value returned for OOV indices by the inverse lookup (default -1).</param>
    /// <param name="vocabulary">The vocabulary (optionally starting with the special tokens); null to adapt instead.</param>
    /// <param name="vocabularyDtype">Keras' <c>vocabulary_dtype</c>; only <c>"int64"</c>, as in Keras.</param>
    /// <param name="idfWeights">IDF weights, one per vocabulary entry (<c>"tf_idf"</c> only, required with a vocabulary).</param>
    /// <param name="invert">Map indices to vocabulary values (output mode <c>"int"</c> only).</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="sparse">Keras' sparse output; KerasSharp has dense tensors only, so it must be false.</param>
    /// <param name="padToMaxTokens">Encode to width <c>max_tokens</c> whatever the vocabulary size.</param>
    /// <param name="oovMethod">How several OOV indices are chosen: <c>"floormod"</c> (default) or <c>"farmhash"</c>.</param>
    /// <param name="name">Layer name.</param>
    public IntegerLookup(int? maxTokens = null, int numOovIndices = 1, long? maskToken = null, long? oovToken = -1,
        IEnumerable<long>? vocabulary = null, string vocabularyDtype = "int64", IEnumerable<double>? idfWeights = null, bool invert = false,
        string outputMode = "int", bool sparse = false, bool padToMaxTokens = false, string oovMethod = "floormod", string? name = null)
        : this(maxTokens, numOovIndices, maskToken, oovToken, vocabulary, vocabularyDtype, idfWeights, invert, outputMode, sparse, padToMaxTokens,
            oovMethod, name, null, null)
    {
    }

    private IntegerLookup(int? maxTokens, int numOovIndices, long? maskToken, long? oovToken, IEnumerable<long>? vocabulary, string vocabularyDtype,
        IEnumerable<double>? idfWeights, bool invert, string outputMode, bool sparse, bool padToMaxTokens, string oovMethod, string? name,
        bool? hasInputVocabulary, int? vocabularySize) : base(name)
    {
        ArgumentNullException.ThrowIfNull(outputMode);
        if (maxTokens is not null && maxTokens <= 1)
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, $"If `max_tokens` is set for `IntegerLookup`, it must be greater than 1. Received: max_tokens={maxTokens}");
        if (numOovIndices < 0)
            throw new ArgumentOutOfRangeException(nameof(numOovIndices), numOovIndices, $"The value of `num_oov_indices` argument for `IntegerLookup` must >= 0. Received: num_oov_indices={numOovIndices}");
        if (vocabularyDtype != "int64")
            throw new ArgumentException($"Only `vocabulary_dtype='int64'` is supported at this time. Received: vocabulary_dtype={vocabularyDtype}", nameof(vocabularyDtype));
        if (oovMethod is not ("floormod" or "farmhash"))
            throw new ArgumentException($"Invalid value for argument `oov_method`. Expected one of ('floormod', 'farmhash'). Received: oov_method={oovMethod}", nameof(oovMethod));
        Func<long, int, long> bucket = oovMethod == "floormod"
            ? (token, n) => ((token % n) + n) % n
            : (token, n) => StringHashing.FastBucket(Encoding.UTF8.GetBytes(token.ToString(CultureInfo.InvariantCulture)), n);
        table = new LookupVocabulary<long>(nameof(IntegerLookup), maxTokens, numOovIndices, maskToken is not null, maskToken ?? 0, oovToken is not null, oovToken ?? 0,
            outputMode, invert, padToMaxTokens, sparse, Comparer<long>.Default, bucket, t => t.ToString(CultureInfo.InvariantCulture));
        table.Initialize(vocabulary?.ToList(), idfWeights?.ToList(), hasInputVocabulary, vocabularySize);
        OovMethod = oovMethod;
    }

    /// <summary>Rebuilds the layer from Keras' config (every key of Keras' <c>IntegerLookup.get_config</c>, plus the hidden <c>has_input_vocabulary</c>).</summary>
    /// <exception cref="InvalidDataException">A key Keras' IntegerLookup does not have, or a value of the wrong type.</exception>
    public static IntegerLookup FromConfig(JsonObject config)
    {
        int? maxTokens = null, vocabularySize = null;
        int numOov = 1;
        long? mask = null, oov = -1;
        long[]? vocabulary = null;
        double[]? idf = null;
        bool invert = false, pad = false, sparse = false;
        bool? hasInput = null;
        string outputMode = "int", vocabularyDtype = "int64", oovMethod = "floormod";
        var common = PreprocessingConfig.Read(config, nameof(IntegerLookup), (key, value) =>
        {
            switch (key)
            {
                case "max_tokens": maxTokens = PreprocessingConfig.Get<int?>(value); return true;
                case "num_oov_indices": numOov = PreprocessingConfig.Get<int>(value); return true;
                case "mask_token": mask = PreprocessingConfig.Get<long?>(value); return true;
                case "oov_token": oov = PreprocessingConfig.Get<long?>(value); return true;
                case "vocabulary": vocabulary = PreprocessingConfig.Get<long[]?>(value); return true;
                case "vocabulary_dtype": vocabularyDtype = PreprocessingConfig.Get<string>(value); return true;
                case "idf_weights": idf = PreprocessingConfig.Get<double[]?>(value); return true;
                case "invert": invert = PreprocessingConfig.Get<bool>(value); return true;
                case "output_mode": outputMode = PreprocessingConfig.Get<string>(value); return true;
                case "pad_to_max_tokens": pad = PreprocessingConfig.Get<bool>(value); return true;
                case "sparse": sparse = PreprocessingConfig.Get<bool>(value); return true;
                case "vocabulary_size": vocabularySize = PreprocessingConfig.Get<int?>(value); return true;
                case "has_input_vocabulary": hasInput = PreprocessingConfig.Get<bool>(value); return true;
                case "oov_method": oovMethod = PreprocessingConfig.Get<string>(value); return true;
                default: return false;
            }
        });
        var layer = new IntegerLookup(maxTokens, numOov, mask, oov, vocabulary, vocabularyDtype, idf, invert, outputMode, sparse, pad, oovMethod,
            common.Name, hasInput, vocabularySize);
        if (common.Trainable is bool t) layer.Trainable = t;
        return layer;
    }

    /// <summary>The maximum vocabulary size, or null.</summary>
    public int? MaxTokens => table.MaxTokens;
    /// <summary>The number of OOV indices.</summary>
    public int NumOovIndices => table.NumOovIndices;
    /// <summary>The mask token, or null.</summary>
    public long? MaskToken => table.HasMask ? table.MaskToken : null;
    /// <summary>The OOV token of the inverse lookup, or null.</summary>
    public long? OovToken => table.HasOov ? table.OovToken : null;
    /// <summary>Whether the layer maps indices to vocabulary values.</summary>
    public bool Invert => table.Invert;
    /// <summary>The output mode.</summary>
    public string OutputMode => table.OutputMode;
    /// <summary>Whether encodings are padded to <see cref="MaxTokens"/>.</summary>
    public bool PadToMaxTokens => table.PadToMaxTokens;
    /// <summary>How several OOV indices are chosen (<c>"floormod"</c> or <c>"farmhash"</c>).</summary>
    public string OovMethod { get; }

    /// <summary>The vocabulary size, special indices included (Keras' <c>vocabulary_size()</c>).</summary>
    public int VocabularySize => table.VocabularySize;

    /// <summary>The IDF weights per index (special indices included) in <c>"tf_idf"</c> mode, or null.</summary>
    public IReadOnlyList<double>? IdfWeights => table.IdfWeights;

    /// <summary>The vocabulary, index by index (Keras' <c>get_vocabulary</c>).</summary>
    public List<long> GetVocabulary(bool includeSpecialTokens = true) => table.GetVocabulary(includeSpecialTokens).Select(v => v).ToList();

    /// <summary>Replaces the vocabulary (Keras' <c>set_vocabulary</c>).</summary>
    public void SetVocabulary(IEnumerable<long> vocabulary, IEnumerable<double>? idfWeights = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        table.SetVocabulary(vocabulary.ToList(), idfWeights?.ToList());
    }

    /// <summary>
    /// Learns the vocabulary from <paramref name="data"/> (Keras' <c>adapt</c> on an array): a rank-1 tensor is as many
    /// one-value documents, a higher rank one document per row (the first axis).
    /// </summary>
    public void Adapt(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var values = Values(data, nameof(data));
        var docs = data.dim() switch
        {
            0 => [values],
            1 => values.Select(v => (IReadOnlyList<long>)[v]).ToList(),
            _ => Rows(values, data.shape[0]),
        };
        table.Adapt(docs, Name);
    }

    /// <summary>Learns the vocabulary from batches (Keras' <c>adapt</c> on a dataset): a rank-1 batch is one document, a higher rank one document per row.</summary>
    public void Adapt(IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        table.Adapt(batches.SelectMany(b =>
        {
            ArgumentNullException.ThrowIfNull(b, nameof(batches));
            var values = Values(b, nameof(batches));
            return b.dim() <= 1 ? [values] : Rows(values, b.shape[0]);
        }), Name);
    }

    private static List<IReadOnlyList<long>> Rows(long[] values, long rows)
    {
        int width = rows == 0 ? 0 : (int)(values.Length / rows);
        return Enumerable.Range(0, (int)rows).Select(r => (IReadOnlyList<long>)values[(r * width)..((r + 1) * width)]).ToList();
    }

    private long[] Values(Tensor data, string argument)
    {
        if (data.is_floating_point() || data.dtype == ScalarType.Bool || data.is_complex())
            throw new ArgumentException($"Layer \"{Name}\" (IntegerLookup) expects integer values, but received a tensor of dtype {data.dtype}.", argument);
        using var flat = data.to_type(ScalarType.Int64).cpu().contiguous().reshape(-1);
        return flat.data<long>().ToArray();
    }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        var values = Values(x, nameof(x));
        if (Invert)
        {
            if (!table.HasOov && values.Any(v => !(table.HasMask && v == 0) && (v < table.TokenStartIndex || v >= table.VocabularySize)))
                throw new ArgumentException($"Layer \"{Name}\" (IntegerLookup, invert=true) has no oov_token, but received indices outside the vocabulary.", nameof(x));
            return tensor(table.Inverse(values), device: x.device).reshape(x.shape);
        }
        var ids = tensor(table.Lookup(values), device: x.device).reshape(x.shape);
        return OutputMode == "int" ? ids : table.Encode(ids);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) =>
        OutputMode == "int" ? inputShape : CategoricalEncoding.OutputShape(inputShape, OutputMode, table.Depth);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        table.WriteSettings(config, OovToken, MaskToken);
        config["vocabulary_dtype"] = "int64";
        table.WriteVocabulary(config);
        // Keras versions before oov_method do not know the key; it is written only when it changes something.
        if (OovMethod != "floormod") config["oov_method"] = OovMethod;
        return config;
    }

    IEnumerable<(string Directory, string File, string Text)> Saving.IKerasAssets.SaveAssets() => LookupAssets.SaveVocabulary(table);

    void Saving.IKerasAssets.LoadAssets(Func<string, string, string?> read) =>
        LookupAssets.LoadVocabulary(table, Name, read,
            lines => table.SetVocabulary(lines.Select(l => long.Parse(l, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToList(), LookupAssets.IdfForReload(table)));

    IEnumerable<(string Directory, string Key, Tensor Value)> Saving.IKerasAssets.SaveNamedVariables() => LookupAssets.SaveIdf(table);

    IReadOnlyCollection<string> Saving.IKerasAssets.NamedVariableKeys => LookupAssets.IdfKeys(table);

    void Saving.IKerasAssets.LoadNamedVariables(Func<string, Tensor?> read) => LookupAssets.LoadIdf(table, Name, read);
}
