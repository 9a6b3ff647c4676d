using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

/// <summary>Golden values from Keras' keras/src/layers/preprocessing/text_vectorization_test.py and the layer's docstring.</summary>
public class TextVectorizationTests
{
    private static long[] Values(Tensor t) => t.reshape(-1).data<long>().ToArray();
    private static readonly string[,] FooQux = { { "foo qux bar" }, { "qux baz" } };

    [Fact]
    public void AdaptFlowMatchesKeras()
    {
        // test_adapt_flow: foo 1, bar 2, baz 2, bada 1, boom 1 -> ["", "[UNK]", "baz", "bar", "foo", "boom", "bada"]
        var layer = new TextVectorization(maxTokens: 5000, outputMode: "int", outputSequenceLength: 4);
        layer.Adapt(["foo bar", "bar baz", "baz bada boom"]);
        Assert.Equal(["", "[UNK]", "baz", "bar", "foo", "boom", "bada"], layer.GetVocabulary());
        var output = layer.Apply(FooQux);
        Assert.Equal([4L, 1, 3, 0, 1, 2, 0, 0], Values(output));
        Assert.Equal(new long[] { 2, 4 }, output.shape);
        Assert.Equal(7, layer.VocabularySize);
    }

    [Fact]
    public void FixedAndSetVocabulary()
    {
        // test_fixed_vocabulary, test_set_vocabulary, docstring get_vocabulary example
        var fixedVocab = new TextVectorization(maxTokens: 5000, outputSequenceLength: 4, vocabulary: ["baz", "bar", "foo"]);
        Assert.Equal([4L, 1, 3, 0, 1, 2, 0, 0], Values(fixedVocab.Apply(FooQux)));
        var set = new TextVectorization(maxTokens: 5000, outputSequenceLength: 4);
        set.SetVocabulary(["baz", "bar", "foo"]);
        Assert.Equal([4L, 1, 3, 0, 1, 2, 0, 0], Values(set.Apply(FooQux)));
        Assert.Equal(["", "[UNK]", "earth", "wind", "and", "fire"], new TextVectorization(vocabulary: ["earth", "wind", "and", "fire"]).GetVocabulary());
        Assert.Equal(["foo", "bar", "baz"], new TextVectorization(vocabulary: ["foo", "bar", "baz"]).GetVocabulary(includeSpecialTokens: false));
    }

    [Fact]
    public void UnpaddedLengthIsTheLongestString()
    {
        var layer = new TextVectorization(vocabulary: ["baz", "bar", "foo"]);
        var output = layer.Apply(["foo qux bar", "qux baz", "foo"]);
        Assert.Equal(new long[] { 3, 3 }, output.shape);
        Assert.Equal([4L, 1, 3, 1, 2, 0, 4, 0, 0], Values(output));
        Assert.Equal([4L, 1], Values(new TextVectorization(vocabulary: ["baz", "bar", "foo"], outputSequenceLength: 2).Apply(["foo qux bar"])));
    }

    [Fact]
    public void EncodedModes()
    {
        // test_multi_hot_output, test_output_mode_count_output, test_output_mode_tf_idf_output, test_pad_to_max_tokens
        TensorAssert.Close([0, 1, 1, 0, 0, 1, 0, 1], new TextVectorization(outputMode: "multi_hot", vocabulary: ["foo", "bar", "baz"]).Apply(new[,] { { "foo bar" }, { "baz foo foo" } }));
        TensorAssert.Close([0, 1, 1, 0, 0, 2, 0, 1], new TextVectorization(outputMode: "count", vocabulary: ["foo", "bar", "baz"]).Apply(["foo bar", "baz foo foo"]));
        TensorAssert.Close([0, 0.3, 0.5, 0, 0, 0.6, 0, 0.2],
            new TextVectorization(outputMode: "tf_idf", vocabulary: ["foo", "bar", "baz"], idfWeights: [0.3, 0.5, 0.2]).Apply(["foo bar", "baz foo foo"]));
        Assert.Equal(new long[] { 1, 8 }, new TextVectorization(outputMode: "multi_hot", vocabulary: ["foo", "bar"], maxTokens: 8, padToMaxTokens: true).Apply(["foo bar"]).shape);
    }

    [Fact]
    public void Standardization()
    {
        // test_lower_and_strip_punctuation_standardization, test_lower_standardization, test_strip_punctuation_standardization, test_no_standardization
        const string text = "Hello, World!. This is just a nice test!";
        Assert.Equal([2L, 3, 4, 5, 1, 1, 6, 7], Values(new TextVectorization(vocabulary: ["hello", "world", "this", "is", "nice", "test"]).Apply([text])));
        Assert.Equal([2L, 1, 5, 6, 1, 1, 7, 1],
            Values(new TextVectorization(standardize: "lower", vocabulary: ["hello,", "hello", "world", "this", "is", "nice", "test"]).Apply([text])));
        Assert.Equal([2L, 3, 4], Values(new TextVectorization(standardize: "strip_punctuation", vocabulary: ["Hello", "World", "Test"]).Apply(["Hello, World! Test."])));
        Assert.Equal([2L, 1], Values(new TextVectorization(standardize: null, vocabulary: ["Hello", "world"]).Apply(["Hello hello"])));
        // tf.strings.lower lowercases ASCII only
        Assert.Equal(["café", "Éa"], new TextVectorization(standardize: "lower", split: null).Tokens("CAFé").Concat(new TextVectorization(standardize: "lower", split: null).Tokens("Éa")));
    }

    [Fact]
    public void Splitting()
    {
        // test_char_splitting, test_custom_splitting, test_custom_standardize_callable, test_no_split
        Assert.Equal([2L, 3, 4, 1], Values(new TextVectorization(split: "character", vocabulary: ["a", "b", "c", "d", "e"]).Apply(["abcf"])));
        Assert.Equal([4L], Values(new TextVectorization(customSplit: s => [s], vocabulary: ["foo", "bar", "foo|bar"], standardize: null).Apply(["foo|bar"])));
        Assert.Equal([2L, 3], Values(new TextVectorization(customStandardize: s => s.Replace('-', ' '), vocabulary: ["foo", "bar"]).Apply(["foo-bar"])));
        var noSplit = new TextVectorization(split: null, vocabulary: ["foo", "bar", "baz"]).Apply(new[,] { { "foo" }, { "bar" }, { "unknown" } });
        Assert.Equal([2L, 3, 1], Values(noSplit));
        Assert.Equal(new long[] { 3, 1 }, noSplit.shape);
        Assert.Equal(["a", "b"], new TextVectorization().Tokens("  a\t\nb  "));
    }

    [Fact]
    public void NGrams()
    {
        // test_ngrams_integer, test_ngrams_tuple
        var two = new TextVectorization(ngrams: 2);
        two.Adapt(["foo bar baz"]);
        Assert.Contains("foo bar", two.GetVocabulary());
        Assert.Contains("bar baz", two.GetVocabulary());
        Assert.Equal(["foo", "bar", "baz", "foo bar", "bar baz"], two.Tokens("foo bar baz"));
        var oneThree = new TextVectorization(ngrams: new[] { 1, 3 });
        oneThree.Adapt(["foo bar baz"]);
        Assert.Contains("foo bar baz", oneThree.GetVocabulary());
        Assert.DoesNotContain("foo bar", oneThree.GetVocabulary());
    }

    [Fact]
    public void MaxTokensAndTfIdfAdapt()
    {
        // test_max_tokens
        var layer = new TextVectorization(maxTokens: 5);
        layer.Adapt(["a b c d e f g h i j"]);
        Assert.Equal(5, layer.GetVocabulary().Count);
        Assert.Equal(["", "[UNK]", "j", "i", "h"], layer.GetVocabulary());
        // tf_idf adapt: 3 documents; bar and baz in 2, the others in 1
        var tfidf = new TextVectorization(maxTokens: 100, outputMode: "tf_idf");
        tfidf.Adapt(["foo bar", "bar baz", "baz bada boom"]);
        Assert.Equal(["[UNK]", "baz", "bar", "foo", "boom", "bada"], tfidf.GetVocabulary());
        double two = Math.Log(1 + 3.0 / 3), one = Math.Log(1 + 3.0 / 2);
        TensorAssert.Close([(2 * two + 3 * one) / 5, two, two, one, one, one], tensor(tfidf.IdfWeights!.ToArray()), 1e-6);
    }

    [Fact]
    public void InvalidArguments()
    {
        Assert.Throws<ArgumentException>(() => new TextVectorization(ragged: true));
        Assert.Throws<ArgumentException>(() => new TextVectorization(sparse: true));
        Assert.Contains("`standardize`", Assert.Throws<ArgumentException>(() => new TextVectorization(standardize: "upper")).Message);
        Assert.Contains("`split`", Assert.Throws<ArgumentException>(() => new TextVectorization(split: "comma")).Message);
        Assert.Contains("`ngrams` must be None", Assert.Throws<ArgumentException>(() => new TextVectorization(ngrams: "2")).Message);
        Assert.Contains("must not be set if `output_mode` is not 'int'", Assert.Throws<ArgumentException>(() => new TextVectorization(outputMode: "count", outputSequenceLength: 3)).Message);
        Assert.Contains("the last shape dimension must be 1", Assert.Throws<ArgumentException>(() => new TextVectorization(vocabulary: ["a"]).Apply(new[,] { { "a", "b" } })).Message);
        Assert.Contains("Apply(string[])", Assert.Throws<InvalidOperationException>(() => new TextVectorization(vocabulary: ["a"]).Apply(zeros(2, 1))).Message);
    }

    [Fact]
    public void ConfigHasKerasKeysAndRoundTrips()
    {
        // test_config: run_class_serialization_test
        var layer = new TextVectorization(outputMode: "int", vocabulary: ["one", "two"], outputSequenceLength: 5, ngrams: new[] { 1, 2 }, name: "tv_cfg");
        var config = layer.GetConfig();
        string[] keys = ["name", "trainable", "dtype", "max_tokens", "standardize", "split", "ngrams", "output_mode", "output_sequence_length",
            "pad_to_max_tokens", "sparse", "ragged", "vocabulary", "idf_weights", "encoding", "vocabulary_size"];
        Assert.Equal(keys.Order(), config.Keys.Order());
        Assert.Equal(4, config["vocabulary_size"]);
        var back = TextVectorization.FromConfig((JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(config))!);
        Assert.Equal(layer.GetVocabulary(), back.GetVocabulary());
        Assert.Equal(Values(layer.Apply(["one two three"])), Values(back.Apply(["one two three"])));
        Assert.Throws<InvalidOperationException>(() => new TextVectorization(customStandardize: s => s).GetConfig());
    }
}
