using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

/// <summary>Golden values from the examples of Keras' IntegerLookup docstring (keras/src/layers/preprocessing/integer_lookup.py).</summary>
[Collection(GlobalState.Name)]
public class IntegerLookupTests
{
    private static readonly long[] Vocab = [12, 36, 1138, 42];
    private static Tensor Data() => tensor(new long[] { 12, 1138, 42, 42, 1000, 36 }).reshape(2, 3);
    private static Tensor Data4() => tensor(new long[] { 12, 1138, 42, 42, 42, 7, 36, 7 }).reshape(2, 4);
    private static long[] Values(Tensor t) => t.reshape(-1).data<long>().ToArray();

    [Fact]
    public void KnownVocabularyAndAdapt()
    {
        Assert.Equal([1L, 3, 4, 4, 0, 2], Values(new IntegerLookup(vocabulary: Vocab).Apply(Data())));
        var adapted = new IntegerLookup();
        adapted.Adapt(Data());
        Assert.Equal([-1L, 42, 1138, 1000, 36, 12], adapted.GetVocabulary());
        Assert.Equal([5L, 2, 1, 1, 3, 4], Values(adapted.Apply(Data())));
    }

    [Fact]
    public void SeveralOovIndicesUseFloorMod()
    {
        // 37 % 2 = 1, 1000 % 2 = 0
        var layer = new IntegerLookup(vocabulary: Vocab, numOovIndices: 2);
        Assert.Equal([2L, 4, 5, 1, 0, 3], Values(layer.Apply(tensor(new long[] { 12, 1138, 42, 37, 1000, 36 }).reshape(2, 3))));
        Assert.Equal(0L, Values(layer.Apply(tensor(new long[] { -2 })))[0]);   // floormod of a negative id
    }

    [Fact]
    public void EncodedModes()
    {
        TensorAssert.Close([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0],
            new IntegerLookup(vocabulary: Vocab, outputMode: "one_hot").Apply(tensor(new long[] { 12, 36, 1138, 42, 7 })));
        TensorAssert.Close([0, 1, 0, 1, 1, 1, 0, 1, 0, 1], new IntegerLookup(vocabulary: Vocab, outputMode: "multi_hot").Apply(Data4()));
        TensorAssert.Close([0, 1, 0, 1, 2, 2, 0, 1, 0, 1], new IntegerLookup(vocabulary: Vocab, outputMode: "count").Apply(Data4()));
        var tfidf = new IntegerLookup(outputMode: "tf_idf", vocabulary: Vocab, idfWeights: [0.25, 0.75, 0.6, 0.4]);
        TensorAssert.Close([0, 0.25, 0, 0.6, 0.8, 1.0, 0, 0.75, 0, 0.4], tfidf.Apply(Data4()));
    }

    [Fact]
    public void InverseLookup()
    {
        var inverse = new IntegerLookup(vocabulary: Vocab, invert: true);
        Assert.Equal([12L, 1138, 42, 42, -1, 36], Values(inverse.Apply(tensor(new long[] { 1, 3, 4, 4, 0, 2 }).reshape(2, 3))));
        var forward = new IntegerLookup(vocabulary: Vocab);
        var pair = new IntegerLookup(vocabulary: forward.GetVocabulary(), invert: true);
        Assert.Equal([12L, 1138, 42, 42, -1, 36], Values(pair.Apply(forward.Apply(Data()))));
    }

    [Fact]
    public void MaskToken()
    {
        var layer = new IntegerLookup(maskToken: 0, vocabulary: Vocab);
        Assert.Equal([0L, -1, 12, 36, 1138, 42], layer.GetVocabulary());
        Assert.Equal([2L, 0, 1], Values(layer.Apply(tensor(new long[] { 12, 0, 99 }))));
    }

    [Fact]
    public void Harness() =>
        LayerTest.Run(() => new IntegerLookup(vocabulary: [1, 2, 3], outputMode: "multi_hot"), [3, 4], [3, 4], integerInput: true, integerHigh: 5,
            ignoredConfigKeys: ["vocabulary_size"]);

    [Fact]
    public void InvalidArguments()
    {
        Assert.Contains("must be greater than 1", Assert.Throws<ArgumentOutOfRangeException>(() => new IntegerLookup(maxTokens: 1)).Message);
        Assert.Contains("must >= 0", Assert.Throws<ArgumentOutOfRangeException>(() => new IntegerLookup(numOovIndices: -1)).Message);
        Assert.Contains("Only `vocabulary_dtype='int64'`", Assert.Throws<ArgumentException>(() => new IntegerLookup(vocabularyDtype: "int32")).Message);
        Assert.Contains("oov_method", Assert.Throws<ArgumentException>(() => new IntegerLookup(oovMethod: "modulo")).Message);
        Assert.Contains("integer values", Assert.Throws<ArgumentException>(() => new IntegerLookup(vocabulary: Vocab).Apply(tensor(new float[] { 1.5f }))).Message);
    }

    [Fact]
    public void ConfigRoundTrip()
    {
        var layer = new IntegerLookup(vocabulary: Vocab, maskToken: 0, name: "int_cfg");
        var config = layer.GetConfig();
        Assert.Equal("int64", config["vocabulary_dtype"]);
        Assert.Equal(-1L, config["oov_token"]);
        Assert.False(config.ContainsKey("oov_method"));
        var back = IntegerLookup.FromConfig((JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(config))!);
        Assert.Equal(layer.GetVocabulary(), back.GetVocabulary());
    }
}
