using System.Globalization;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The vocabulary, adapt state and encoding of Keras' <c>IndexLookup</c> (the base of StringLookup, IntegerLookup and
/// TextVectorization's lookup), for tokens of type <typeparamref name="T"/>. Index layout as Keras: the mask token at 0
/// (only with a mask token and <c>"int"</c> output), then <c>num_oov_indices</c> OOV indices, then the tokens.
/// <c>adapt</c> orders tokens by count, high to low, ties by the token, high to low (Keras' <c>np.lexsort</c> reversed),
/// and keeps the first <c>max_tokens</c> minus the special indices; for <c>"tf_idf"</c> it learns
/// <c>log(1 + documents / (1 + document frequency))</c> per token, the special indices getting the mean.
/// </summary>
internal sealed class LookupVocabulary<T> where T : notnull
{
    private readonly string className;
    private readonly Func<T, int, long> oovBucket;
    private readonly IComparer<T> tokenOrder;
    private readonly Func<T, string> show;
    private List<T> tokens = [];
    private Dictionary<T, long> indexOf = [];
    private double[]? idfWeights;
    private int? frozenVocabSize;

    public LookupVocabulary(string className, int? maxTokens, int numOovIndices, bool hasMask, T? maskToken, bool hasOov, T? oovToken,
        string outputMode, bool invert, bool padToMaxTokens, bool sparse, IComparer<T> tokenOrder, Func<T, int, long> oovBucket, Func<T, string> show)
    {
        this.className = className;
        if (maxTokens is not null && maxTokens <= 1)
            throw new ArgumentOutOfRangeException("maxTokens", maxTokens, $"If set, `max_tokens` must be greater than 1. Received: max_tokens={maxTokens}");
        if (padToMaxTokens && maxTokens is null)
            throw new ArgumentException("If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None", "padToMaxTokens");
        if (numOovIndices < 0)
            throw new ArgumentOutOfRangeException("numOovIndices", numOovIndices, $"`num_oov_indices` must be greater than or equal to 0. Received: num_oov_indices={numOovIndices}");
        if (outputMode == "binary") outputMode = "multi_hot";
        if (outputMode == "tf-idf") outputMode = "tf_idf";
        if (outputMode is not ("int" or "one_hot" or "multi_hot" or "count" or "tf_idf"))
            throw new ArgumentException($"Invalid value for argument `output_mode`. Expected one of ('int', 'one_hot', 'multi_hot', 'count', 'tf_idf'). Received: output_mode={outputMode}", "outputMode");
        if (invert && outputMode != "int")
            throw new ArgumentException($"`output_mode` must be `'int'` when `invert` is true. Received: output_mode={outputMode}", "outputMode");
        if (sparse && outputMode == "int")
            throw new ArgumentException($"`sparse` may only be true if `output_mode` is `'one_hot'`, `'multi_hot'`, `'count'` or `'tf_idf'`. Received: sparse=True and output_mode={outputMode}", "sparse");
        if (sparse)
            throw new ArgumentException($"{className}: `sparse=True` needs sparse tensors, which KerasSharp does not have (Keras supports them on the TensorFlow backend only); received sparse=true.", "sparse");
        MaxTokens = maxTokens;
        NumOovIndices = numOovIndices;
        HasMask = hasMask;
        MaskToken = maskToken;
        HasOov = hasOov;
        OovToken = oovToken;
        OutputMode = outputMode;
        Invert = invert;
        PadToMaxTokens = padToMaxTokens;
        this.tokenOrder = tokenOrder;
        this.oovBucket = oovBucket;
        this.show = show;
    }

    public int? MaxTokens { get; }
    public int NumOovIndices { get; }
    public bool HasMask { get; }
    public T? MaskToken { get; }
    public bool HasOov { get; }
    public T? OovToken { get; }
    public string OutputMode { get; }
    public bool Invert { get; }
    public bool PadToMaxTokens { get; }

    /// <summary>Writes the settings keys of Keras' <c>IndexLookup</c> config, in its order: <c>invert</c>, <c>max_tokens</c>,
    /// <c>num_oov_indices</c>, <c>oov_token</c>, <c>mask_token</c>, <c>output_mode</c>, <c>sparse</c> (always false),
    /// <c>pad_to_max_tokens</c>.</summary>
    /// <param name="config">The layer's config being built.</param>
    /// <param name="oovToken">The OOV token as the layer reports it (null when there is none).</param>
    /// <param name="maskToken">The mask token as the layer reports it (null when there is none).</param>
    public void WriteSettings(Dictionary<string, object?> config, object? oovToken, object? maskToken)
    {
        config["invert"] = Invert;
        config["max_tokens"] = MaxTokens;
        config["num_oov_indices"] = NumOovIndices;
        config["oov_token"] = oovToken;
        config["mask_token"] = maskToken;
        config["output_mode"] = OutputMode;
        config["sparse"] = false;
        config["pad_to_max_tokens"] = PadToMaxTokens;
    }

    /// <summary>Writes the vocabulary keys of Keras' <c>IndexLookup</c> config, in its order: <c>idf_weights</c>,
    /// <c>vocabulary</c> (both as given to the constructor, or null) and <c>vocabulary_size</c>.</summary>
    /// <param name="config">The layer's config being built.</param>
    public void WriteVocabulary(Dictionary<string, object?> config)
    {
        config["idf_weights"] = InputIdfWeights?.ToList();
        config["vocabulary"] = InputVocabulary?.ToList();
        config["vocabulary_size"] = FrozenVocabSize;
    }

    /// <summary>The vocabulary given at construction (Keras' <c>input_vocabulary</c>, written to the config), or null.</summary>
    public T[]? InputVocabulary { get; private set; }
    /// <summary>The IDF weights given at construction (Keras' <c>input_idf_weights</c>), or null.</summary>
    public double[]? InputIdfWeights { get; private set; }
    /// <summary>Whether the vocabulary was given at construction, so that the layer cannot be adapted.</summary>
    public bool HasInputVocabulary { get; private set; }
    /// <summary>Keras' <c>_frozen_vocab_size</c> (config key <c>vocabulary_size</c>).</summary>
    public int? FrozenVocabSize => frozenVocabSize;
    /// <summary>The full IDF weights (special indices and padding included), or null.</summary>
    public IReadOnlyList<double>? IdfWeights => idfWeights;

    public int OovStartIndex => HasMask && OutputMode == "int" ? 1 : 0;
    public int TokenStartIndex => OovStartIndex + NumOovIndices;
    public int VocabularySize => tokens.Count + TokenStartIndex;

    /// <summary>Sets the construction-time vocabulary (Keras' <c>__init__</c> with <c>vocabulary</c>, <c>idf_weights</c> and the hidden config keys).</summary>
    public void Initialize(IReadOnlyList<T>? vocabulary, IReadOnlyList<double>? idf, bool? hasInputVocabulary, int? vocabularySize)
    {
        if (idf is not null && OutputMode != "tf_idf")
            throw new ArgumentException($"`idf_weights` should only be set if `output_mode` is `'tf_idf'`. Received: idf_weights={Show(idf)} and output_mode={OutputMode}", "idfWeights");
        frozenVocabSize = vocabularySize;
        HasInputVocabulary = hasInputVocabulary ?? vocabulary is not null;
        if (OutputMode == "tf_idf" && HasInputVocabulary && idf is null)
            throw new ArgumentException("When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided.", "idfWeights");
        InputVocabulary = vocabulary?.ToArray();
        InputIdfWeights = idf?.ToArray();
        if (idf is not null) idfWeights = idf.ToArray();
        if (vocabulary is not null) SetVocabulary(vocabulary, idf);
    }

    /// <summary>Keras' <c>get_vocabulary</c>: every index's token (the OOV token for OOV indices, the mask token at 0).</summary>
    public List<T?> GetVocabulary(bool includeSpecialTokens)
    {
        var vocab = new List<T?>(VocabularySize);
        for (int i = 0; i < TokenStartIndex; i++) vocab.Add(OovToken);
        vocab.AddRange(tokens.Select(t => (T?)t));
        if (HasMask && OutputMode == "int") vocab[0] = MaskToken;
        return includeSpecialTokens ? vocab : vocab.GetRange(TokenStartIndex, vocab.Count - TokenStartIndex);
    }

    /// <summary>Keras' <c>set_vocabulary</c>, with its checks, before anything changes.</summary>
    public void SetVocabulary(IReadOnlyList<T> vocabulary, IReadOnlyList<double>? idf)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (OutputMode == "tf_idf" && idf is null)
            throw new ArgumentException("`idf_weights` must be set if output_mode is 'tf_idf'.", "idfWeights");
        if (OutputMode != "tf_idf" && idf is not null)
            throw new ArgumentException($"`idf_weights` should only be set if output_mode is `'tf_idf'`. Received: output_mode={OutputMode} and idf_weights={Show(idf)}", "idfWeights");
        if (vocabulary.Count == 0)
            throw new ArgumentException("Cannot set an empty vocabulary. Received: vocabulary=[]", "vocabulary");
        var special = new List<T?>();
        for (int i = 0; i < OovStartIndex; i++) special.Add(MaskToken);
        for (int i = 0; i < NumOovIndices; i++) special.Add(OovToken);
        bool foundSpecial = vocabulary.Count >= special.Count && special.Select((s, i) => Equals(s, vocabulary[i])).All(b => b);
        var newTokens = foundSpecial ? vocabulary.Skip(TokenStartIndex).ToList() : vocabulary.ToList();
        var repeated = newTokens.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw new ArgumentException($"The passed vocabulary has at least one repeated term. Please uniquify your dataset. The repeated terms are: {Show(repeated)}", "vocabulary");
        var specialText = $"[{string.Join(", ", special.Select(s => s is null ? "None" : Quote(s)))}]";
        if (HasMask && newTokens.Contains(MaskToken!))
            throw new ArgumentException(
                "Found reserved mask token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not need to include the OOV and mask tokens. " +
                $"Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: {specialText}. " +
                $"Received: mask_token={Quote(MaskToken!)} at vocabulary index {LastIndex(vocabulary, MaskToken!)}", "vocabulary");
        if (HasOov && Invert && newTokens.Contains(OovToken!))
            throw new ArgumentException(
                "Found reserved OOV token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not need to include the OOV and mask tokens. " +
                $"Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: {specialText}. " +
                $"Received: oov_token={Quote(OovToken!)} at vocabulary index {LastIndex(vocabulary, OovToken!)}", "vocabulary");
        int newSize = TokenStartIndex + newTokens.Count;
        if (MaxTokens is int max && newSize > max)
            throw new ArgumentException($"Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is {newSize}; `max_tokens` is {max}.", "vocabulary");
        double[]? weights = null;
        if (OutputMode == "tf_idf")
        {
            if (idf!.Count != vocabulary.Count)
                throw new ArgumentException($"`idf_weights` must be the same length as vocabulary. len(idf_weights) is {idf.Count}; len(vocabulary) is {vocabulary.Count}", "idfWeights");
            int front = foundSpecial ? 0 : TokenStartIndex;
            double frontValue = foundSpecial ? 0 : idf.Average();
            int back = PadToMaxTokens && MaxTokens is int m ? m - front - idf.Count : 0;
            weights = [.. Enumerable.Repeat(frontValue, front), .. idf, .. Enumerable.Repeat(0.0, Math.Max(0, back))];
        }
        EnsureSizeUnchanged(newSize);
        tokens = newTokens;
        indexOf = BuildIndex(newTokens);
        if (weights is not null) idfWeights = weights;
        RecordSize();
    }

    /// <summary>Keras' <c>adapt</c>: counts the tokens of every document (and document frequencies for tf_idf) and sets the vocabulary.</summary>
    public void Adapt(IEnumerable<IReadOnlyList<T>> documents, string layerName)
    {
        if (HasInputVocabulary)
            throw new InvalidOperationException($"Cannot adapt layer '{layerName}' after setting a static vocabulary via `vocabulary` argument or `set_vocabulary()` method.");
        var counts = new Dictionary<T, long>();
        var documentCounts = new Dictionary<T, long>();
        long numDocuments = 0;
        foreach (var doc in documents)
        {
            numDocuments++;
            foreach (var t in doc) counts[t] = counts.GetValueOrDefault(t) + 1;
            if (OutputMode == "tf_idf")
                foreach (var t in doc.Distinct()) documentCounts[t] = documentCounts.GetValueOrDefault(t) + 1;
        }
        if (counts.Count == 0)
        {
            RecordSize();
            return;
        }
        if (HasMask) counts.Remove(MaskToken!);
        if (HasOov) counts.Remove(OovToken!);
        // np.lexsort((tokens, counts))[::-1]: count high to low, ties by token high to low.
        var ordered = counts.OrderByDescending(p => p.Value).ThenByDescending(p => p.Key, tokenOrder).Select(p => p.Key);
        if (MaxTokens is int max) ordered = ordered.Take(Math.Max(0, max - TokenStartIndex));
        var newTokens = ordered.ToList();
        double[]? weights = null;
        if (OutputMode == "tf_idf")
        {
            var idf = newTokens.Select(t => (double)(float)Math.Log(1 + (double)numDocuments / (1 + documentCounts.GetValueOrDefault(t)))).ToArray();
            double mean = idf.Length == 0 ? double.NaN : (double)(float)idf.Average();
            weights = [.. Enumerable.Repeat(mean, TokenStartIndex), .. idf];
            if (PadToMaxTokens && MaxTokens is int m) weights = [.. weights, .. Enumerable.Repeat(0.0, Math.Max(0, m - weights.Length))];
        }
        EnsureSizeUnchanged(TokenStartIndex + newTokens.Count);
        tokens = newTokens;
        indexOf = BuildIndex(newTokens);
        if (weights is not null) idfWeights = weights;
        RecordSize();
    }

    /// <summary>Restores the full IDF weights (Keras' <c>load_own_variables</c>).</summary>
    public void SetIdfWeights(double[] weights) => idfWeights = weights;

    private Dictionary<T, long> BuildIndex(List<T> list)
    {
        var map = new Dictionary<T, long>(list.Count);
        for (int i = 0; i < list.Count; i++) map[list[i]] = TokenStartIndex + i;
        return map;
    }

    private void EnsureSizeUnchanged(int newSize)
    {
        if (OutputMode == "int" || PadToMaxTokens) return;
        if (frozenVocabSize is int old && newSize != old)
            throw new InvalidOperationException(
                $"When using `output_mode={OutputMode}` and `pad_to_max_tokens=False`, the vocabulary size cannot be changed after the layer is called. Old vocab size is {old}, new vocab size is {newSize}");
    }

    private void RecordSize() => frozenVocabSize = VocabularySize;

    /// <summary>The indices of <paramref name="values"/> (Keras' <c>_lookup_dense</c>); a masked token gets long.MaxValue in non-int modes (dropped by the encoding).</summary>
    /// <exception cref="ArgumentException">With <c>num_oov_indices=0</c>, a token outside the vocabulary.</exception>
    public long[] Lookup(IReadOnlyList<T> values)
    {
        var result = new long[values.Count];
        List<T>? unknown = null;
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (HasMask && Equals(v, MaskToken)) { result[i] = OutputMode == "int" ? 0 : long.MaxValue; continue; }
            if (indexOf.TryGetValue(v, out long index)) { result[i] = index; continue; }
            if (NumOovIndices == 0) (unknown ??= []).Add(v);
            else result[i] = NumOovIndices == 1 ? OovStartIndex : OovStartIndex + oovBucket(v, NumOovIndices);
        }
        if (unknown is not null)
            throw new ArgumentException($"When `num_oov_indices=0` all inputs should be in vocabulary, found OOV values {Show(unknown)}, consider setting `num_oov_indices=1`.");
        return result;
    }

    /// <summary>The tokens of <paramref name="indices"/> (Keras' inverse lookup): the mask token for 0 with a mask, the OOV token for any other index outside the tokens.</summary>
    public T?[] Inverse(long[] indices)
    {
        var result = new T?[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            long k = indices[i];
            if (HasMask && k == 0) result[i] = MaskToken;
            else if (k >= TokenStartIndex && k < VocabularySize) result[i] = tokens[(int)(k - TokenStartIndex)];
            else result[i] = OovToken;
        }
        return result;
    }

    /// <summary>Encodes the looked-up <paramref name="indices"/> for the non-int modes (the last axis is the sample).</summary>
    public Tensor Encode(Tensor indices)
    {
        EnsureKnownSize();
        long depth = PadToMaxTokens ? MaxTokens!.Value : frozenVocabSize!.Value;
        var encoded = CategoricalEncoding.Encode(indices, OutputMode == "tf_idf" ? "count" : OutputMode, depth);
        return OutputMode == "tf_idf" ? encoded * IdfTensor(depth, encoded.device) : encoded;
    }

    /// <summary>Encodes ragged rows of indices (one row per document) into <c>(rows, depth)</c>.</summary>
    public Tensor EncodeRows(IReadOnlyList<long[]> rows)
    {
        EnsureKnownSize();
        long depth = PadToMaxTokens ? MaxTokens!.Value : frozenVocabSize!.Value;
        int width = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Length));
        var padded = new long[rows.Count * width];
        Array.Fill(padded, long.MaxValue);
        for (int r = 0; r < rows.Count; r++) rows[r].CopyTo(padded, r * width);
        var ids = tensor(padded).reshape(rows.Count, width);
        var encoded = CategoricalEncoding.Encode(ids, OutputMode == "tf_idf" ? "count" : OutputMode == "one_hot" ? "multi_hot" : OutputMode, depth);
        return OutputMode == "tf_idf" ? encoded * IdfTensor(depth, encoded.device) : encoded;
    }

    private Tensor IdfTensor(long depth, Device device)
    {
        if (idfWeights is null)
            throw new InvalidOperationException("When `output_mode` is `'tf_idf'`, `idf_weights` must be provided.");
        var w = new float[depth];
        for (int i = 0; i < Math.Min(depth, idfWeights.Length); i++) w[i] = (float)idfWeights[i];
        return tensor(w, device: device);
    }

    /// <summary>Keras' <c>_ensure_known_vocab_size</c>.</summary>
    public void EnsureKnownSize()
    {
        if (OutputMode == "int" || PadToMaxTokens) return;
        if (frozenVocabSize is null)
            throw new InvalidOperationException(
                $"When using `output_mode={OutputMode}` and `pad_to_max_tokens=False`, you must set the layer's vocabulary before calling it. Either pass a `vocabulary` argument to the layer, or call `adapt` with some sample data.");
    }

    /// <summary>The output depth of the encoded modes, or null when unknown.</summary>
    public long? Depth => PadToMaxTokens ? MaxTokens : frozenVocabSize;

    private string Quote(T value) => value is string s ? $"'{s}'" : show(value);
    private string Show(IEnumerable<T> values) => $"[{string.Join(", ", values.Select(Quote))}]";
    private static string Show(IEnumerable<double> values) => $"[{string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]";

    private static int LastIndex(IReadOnlyList<T> list, T value)
    {
        for (int i = list.Count - 1; i >= 0; i--) if (Equals(list[i], value)) return i;
        return -1;
    }
}
