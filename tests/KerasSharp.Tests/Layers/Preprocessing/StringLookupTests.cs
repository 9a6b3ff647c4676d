using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

/// <summary>Golden values from the examples of Keras' StringLookup docstring (keras/src/layers/preprocessing/string_lookup.py).</summary>
public class StringLookupTests
{
    private static readonly string[] Vocab = ["a", "b", "c", "d"];
    private static readonly string[,] Data = { { "a", "c", "d" }, { "d", "z", "b" } };
    private static readonly string[,] Data4 = { { "a", "c", "d", "d" }, { "d", "z", "b", "z" } };

    private static long[] Values(Tensor t) => t.reshape(-1).data<long>().ToArray();

    [Fact]
    public void KnownVocabulary()
    {
        var output = new StringLookup(vocabulary: Vocab).Apply(Data);
        Assert.Equal([1L, 3, 4, 4, 0, 2], Values(output));
        Assert.Equal(new long[] { 2, 3 }, output.shape);
        Assert.Equal(ScalarType.Int64, output.dtype);
    }

    [Fact]
    public void AdaptOrdersByCountThenTokenDescending()
    {
        var layer = new StringLookup();
        layer.Adapt(new List<IReadOnlyList<string>> { new[] { "a", "c", "d" }, new[] { "d", "z", "b" } });
        Assert.Equal(["[UNK]", "d", "z", "c", "b", "a"], layer.GetVocabulary());
        Assert.Equal([5L, 3, 1, 1, 2, 4], Values(layer.Apply(Data)));
        Assert.Equal(6, layer.VocabularySize);
        var fromArray = new StringLookup();
        fromArray.Adapt(Data);
        Assert.Equal(layer.GetVocabulary(), fromArray.GetVocabulary());
        Assert.Equal(["d", "z", "c", "b", "a"], layer.GetVocabulary(includeSpecialTokens: false));
    }

    [Fact]
    public void SeveralOovIndicesHashWithFarmHash()
    {
        // "m" -> 0 and "z" -> 1 (tf.strings.to_hash_bucket_fast)
        var layer = new StringLookup(vocabulary: Vocab, numOovIndices: 2);
        Assert.Equal([2L, 4, 5, 0, 1, 3], Values(layer.Apply(new[,] { { "a", "c", "d" }, { "m", "z", "b" } })));
    }

    [Fact]
    public void EncodedModes()
    {
        var oneHot = new StringLookup(vocabulary: Vocab, outputMode: "one_hot").Apply(["a", "b", "c", "d", "z"]);
        TensorAssert.Close([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0], oneHot);
        TensorAssert.Close([0, 1, 0, 1, 1, 1, 0, 1, 0, 1], new StringLookup(vocabulary: Vocab, outputMode: "multi_hot").Apply(Data4));
        TensorAssert.Close([0, 1, 0, 1, 2, 2, 0, 1, 0, 1], new StringLookup(vocabulary: Vocab, outputMode: "count").Apply(Data4));
        var tfidf = new StringLookup(outputMode: "tf_idf");
        tfidf.SetVocabulary(Vocab, [0.25, 0.75, 0.6, 0.4]);
        TensorAssert.Close([0, 0.25, 0, 0.6, 0.8, 1.0, 0, 0.75, 0, 0.4], tfidf.Apply(Data4));
        var withOov = new StringLookup(outputMode: "tf_idf");
        withOov.SetVocabulary(["[UNK]", "a", "b", "c", "d"], [0.9, 0.25, 0.75, 0.6, 0.4]);
        TensorAssert.Close([0, 0.25, 0, 0.6, 0.8, 1.8, 0, 0.75, 0, 0.4], withOov.Apply(Data4));
        var padded = new StringLookup(maxTokens: 8, vocabulary: Vocab, outputMode: "multi_hot", padToMaxTokens: true).Apply(Data4);
        Assert.Equal(new long[] { 2, 8 }, padded.shape);
    }

    [Fact]
    public void AdaptTfIdfLearnsKerasIdf()
    {
        // idf = log(1 + num_documents / (1 + document_count)); the OOV index gets the mean
        var layer = new StringLookup(outputMode: "tf_idf");
        layer.Adapt(Data4);
        Assert.Equal(["[UNK]", "d", "z", "c", "b", "a"], layer.GetVocabulary());
        double dIdf = Math.Log(1 + 2.0 / 3), oneDoc = Math.Log(1 + 2.0 / 2);
        double mean = (dIdf + 4 * oneDoc) / 5;
        TensorAssert.Close([mean, dIdf, oneDoc, oneDoc, oneDoc, oneDoc], tensor(layer.IdfWeights!.ToArray()), 1e-6);
        // row 2: d once, z twice, b once
        TensorAssert.Close([0, dIdf, 2 * oneDoc, 0, oneDoc, 0], layer.Apply(new[,] { { "d", "z", "b", "z" } }), 1e-6);
    }

    [Fact]
    public void MaskTokenAndMaxTokens()
    {
        var layer = new StringLookup(maskToken: "", maxTokens: 4);
        layer.Adapt(["x", "y", "y", "z", "z", "z", "", ""]);
        Assert.Equal(["", "[UNK]", "z", "y"], layer.GetVocabulary());
        Assert.Equal([0L, 2, 3, 1], Values(layer.Apply(["", "z", "y", "x"])));
        // in the encoded modes the mask token has no index and is dropped
        var multi = new StringLookup(maskToken: "", vocabulary: ["a"], outputMode: "multi_hot");
        TensorAssert.Close([0, 1], multi.Apply(new[,] { { "", "a" } }));
    }

    [Fact]
    public void InverseLookup()
    {
        var inverse = new StringLookup(vocabulary: Vocab, invert: true);
        var strings = (string[,])inverse.ApplyInverse(tensor(new long[] { 1, 3, 4, 4, 0, 2 }).reshape(2, 3));
        Assert.Equal(new[,] { { "a", "c", "d" }, { "d", "[UNK]", "b" } }, strings);
        var forward = new StringLookup(vocabulary: Vocab);
        Assert.Equal(new[,] { { "a", "c", "d" }, { "d", "[UNK]", "b" } }, (string[,])inverse.ApplyInverse(forward.Apply(Data)));
        Assert.Throws<InvalidOperationException>(() => inverse.Apply(["a"]));
    }

    [Fact]
    public void InvalidArgumentsAreRejectedAsKerasDoes()
    {
        Assert.Contains("`max_tokens` must be greater than 1", Assert.Throws<ArgumentOutOfRangeException>(() => new StringLookup(maxTokens: 1)).Message);
        Assert.Contains("must set `max_tokens`", Assert.Throws<ArgumentException>(() => new StringLookup(padToMaxTokens: true)).Message);
        Assert.Contains("`output_mode` must be `'int'` when `invert` is true", Assert.Throws<ArgumentException>(() => new StringLookup(invert: true, outputMode: "count")).Message);
        Assert.Contains("the `idf_weights` argument must also be provided", Assert.Throws<ArgumentException>(() => new StringLookup(vocabulary: Vocab, outputMode: "tf_idf")).Message);
        Assert.Contains("repeated term", Assert.Throws<ArgumentException>(() => new StringLookup(vocabulary: ["a", "a"])).Message);
        Assert.Contains("reserved mask token", Assert.Throws<ArgumentException>(() => new StringLookup(maskToken: "", vocabulary: ["a", ""])).Message);
        Assert.Contains("larger than the maximum vocab size", Assert.Throws<ArgumentException>(() => new StringLookup(maxTokens: 3, vocabulary: Vocab)).Message);
        Assert.Contains("Cannot adapt layer", Assert.Throws<InvalidOperationException>(() => new StringLookup(vocabulary: Vocab).Adapt(["a"])).Message);
        Assert.Contains("found OOV values ['z']", Assert.Throws<ArgumentException>(() => new StringLookup(vocabulary: Vocab, numOovIndices: 0).Apply(["a", "z"])).Message);
        Assert.Contains("must set the layer's vocabulary", Assert.Throws<InvalidOperationException>(() => new StringLookup(outputMode: "multi_hot").Apply(["a"])).Message);
        var frozen = new StringLookup(vocabulary: Vocab, outputMode: "count");
        Assert.Contains("vocabulary size cannot be changed", Assert.Throws<InvalidOperationException>(() => frozen.SetVocabulary(["a"])).Message);
    }

    [Fact]
    public void ConfigHasKerasKeysAndRoundTrips()
    {
        var layer = new StringLookup(vocabulary: Vocab, maskToken: "", name: "lookup_cfg");
        var config = layer.GetConfig();
        string[] keys = ["name", "trainable", "dtype", "invert", "max_tokens", "num_oov_indices", "oov_token", "mask_token", "output_mode", "sparse",
            "pad_to_max_tokens", "idf_weights", "vocabulary", "vocabulary_size", "encoding"];
        Assert.Equal(keys.Order(), config.Keys.Order());
        Assert.Equal(6, config["vocabulary_size"]);
        var back = StringLookup.FromConfig((JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(config))!);
        Assert.Equal(layer.GetVocabulary(), back.GetVocabulary());
        Assert.Equal(Values(layer.Apply(Data)), Values(back.Apply(Data)));
    }
}
