using System.IO.Compression;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.Saving;
using KerasSharp.Tests.TestSupport;
using PureHDF;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

/// <summary>
/// .keras round trips of models holding the preprocessing layers, stored as Keras 3 stores them: configs, a learned
/// vocabulary in <c>assets/&lt;layer path&gt;/vocabulary.txt</c> (index_lookup.save_assets; TextVectorization also writes
/// its inner <c>_lookup_layer</c> copy) and tf-idf weights as the named variable <c>vars/idf_weights</c>.
/// </summary>
[Collection(GlobalState.Name)]
public class PreprocessingSavingTests
{
    private static string Entry(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"no entry {name}; entries: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static JsonObject LayerConfig(string path, string className)
    {
        var config = JsonNode.Parse(Entry(path, "config.json"))!;
        return (JsonObject)config["config"]!["layers"]!.AsArray().First(l => (string?)l!["class_name"] == className)!["config"]!;
    }

    [Fact]
    public void IntegerLookupCategoryEncodingModelRoundTripsWithVocabularyAsset()
    {
        var lookup = new IntegerLookup();
        lookup.Adapt(tensor(new long[] { 12, 1138, 42, 42, 1000, 36 }).reshape(2, 3));
        Assert.Equal(6, lookup.VocabularySize);
        var model = new Sequential([new Input([3], dtype: "int64"), lookup, new CategoryEncoding(6, outputMode: "count"), new Dense(2)]);
        var x = tensor(new long[] { 12, 42, 7, 1000, 36, 36 }).reshape(2, 3);
        var expected = model.Predict(x, verbose: 0);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "lookup.keras");
        model.Save(path);

        // Keras writes str() of each token joined by "\n": [-1, 42, 1138, 1000, 36, 12]
        Assert.Equal("-1\n42\n1138\n1000\n36\n12", Entry(path, "assets/layers/integer_lookup/vocabulary.txt"));
        var config = LayerConfig(path, "IntegerLookup");
        Assert.Null(config["vocabulary"]);
        Assert.Equal(6, (int)config["vocabulary_size"]!);

        var loaded = Keras.Models.LoadModel(path);
        TensorAssert.Close(expected, loaded.Predict(x, verbose: 0), 0);
        Assert.Equal(lookup.GetVocabulary(), loaded.Layers.OfType<IntegerLookup>().Single().GetVocabulary());
    }

    [Fact]
    public void GivenVocabularyIsInTheConfigAndNoAssetIsWritten()
    {
        var model = new Sequential([new Input([2], dtype: "int64"), new IntegerLookup(vocabulary: [5, 6, 7]), new CategoryEncoding(4)]);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "given.keras");
        model.Save(path);
        Assert.Equal([5L, 6, 7], LayerConfig(path, "IntegerLookup")["vocabulary"]!.AsArray().Select(v => (long)v!).ToArray());
        using (var zip = ZipFile.OpenRead(path)) Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("assets/", StringComparison.Ordinal));
        var x = tensor(new long[] { 5, 9, 7, 6 }).reshape(2, 2);
        TensorAssert.Close(model.Predict(x, verbose: 0), Keras.Models.LoadModel(path).Predict(x, verbose: 0), 0);
    }

    [Fact]
    public void TfIdfWeightsAreStoredAsNamedVariable()
    {
        var lookup = new IntegerLookup(outputMode: "tf_idf");
        lookup.Adapt(tensor(new long[] { 1, 2, 2, 3, 1, 4 }).reshape(3, 2));
        var model = new Sequential([new Input([2], dtype: "int64"), lookup, new Dense(1)]);
        var x = tensor(new long[] { 1, 2, 3, 9 }).reshape(2, 2);
        var expected = model.Predict(x, verbose: 0);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "tfidf.keras");
        model.Save(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            using var weights = new MemoryStream();
            using (var s = zip.GetEntry("model.weights.h5")!.Open()) s.CopyTo(weights);
            weights.Position = 0;
            using var h5 = H5File.Open(weights, false);
            var idf = h5.Dataset("layers/integer_lookup/vars/idf_weights").Read<float[]>();
            TensorAssert.Close(lookup.IdfWeights!.ToArray(), tensor(idf), 1e-7);
        }
        var loaded = Keras.Models.LoadModel(path);
        TensorAssert.Close(expected, loaded.Predict(x, verbose: 0), 0);
        Assert.Equal(lookup.IdfWeights, loaded.Layers.OfType<IntegerLookup>().Single().IdfWeights);
    }

    [Fact]
    public void DiscretizationModelRoundTrips()
    {
        var discretization = new Discretization(numBins: 4, outputMode: "one_hot");
        discretization.Adapt(tensor(new float[] { -1.5f, 1.0f, 3.4f, 0.5f, 0.0f, 3.0f, 1.3f, 0.0f }).reshape(2, 4));
        var model = new Sequential([new Input([4]), discretization, new Flatten(), new Dense(3)]);
        var x = tensor(new float[] { 0.2f, 0.9f, 2.0f, -3.0f }).reshape(1, 4);
        var expected = model.Predict(x, verbose: 0);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "disc.keras");
        model.Save(path);
        var config = LayerConfig(path, "Discretization");
        Assert.Equal(4, (int)config["num_bins"]!);
        Assert.Equal(3, config["bin_boundaries"]!.AsArray().Count);
        var loaded = Keras.Models.LoadModel(path);
        TensorAssert.Close(expected, loaded.Predict(x, verbose: 0), 0);
        Assert.Equal(discretization.BinBoundaries, loaded.Layers.OfType<Discretization>().Single().BinBoundaries);
    }

    [Fact]
    public void TextVectorizationInASequentialRoundTripsWithBothVocabularyCopies()
    {
        var vectorizer = new TextVectorization(maxTokens: 5000, outputSequenceLength: 4);
        vectorizer.Adapt(["foo bar", "bar baz", "baz bada boom"]);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "text.keras");
        new Sequential([vectorizer]).Save(path);
        const string vocabulary = "\n[UNK]\nbaz\nbar\nfoo\nboom\nbada";
        Assert.Equal(vocabulary, Entry(path, "assets/layers/text_vectorization/vocabulary.txt"));
        Assert.Equal(vocabulary, Entry(path, "assets/layers/text_vectorization/_lookup_layer/vocabulary.txt"));
        var loaded = Keras.Models.LoadModel(path).Layers.OfType<TextVectorization>().Single();
        Assert.Equal(vectorizer.GetVocabulary(), loaded.GetVocabulary());
        Assert.Equal(vectorizer.Apply(["foo qux bar", "qux baz"]).data<long>().ToArray(), loaded.Apply(["foo qux bar", "qux baz"]).data<long>().ToArray());
    }

    [Fact]
    public void TextVectorizationTfIdfRoundTrips()
    {
        var vectorizer = new TextVectorization(maxTokens: 100, outputMode: "tf_idf");
        vectorizer.Adapt(["foo bar", "bar baz", "baz bada boom"]);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "tfidf_text.keras");
        new Sequential([vectorizer]).Save(path);
        var loaded = Keras.Models.LoadModel(path).Layers.OfType<TextVectorization>().Single();
        TensorAssert.Close(vectorizer.Apply(["foo bar", "bar baz", "baz bada boom"]), loaded.Apply(["foo bar", "bar baz", "baz bada boom"]), 0);
    }

    [Fact]
    public void MissingVocabularyAssetFailsNamingIt()
    {
        var lookup = new IntegerLookup();
        lookup.Adapt(tensor(new long[] { 1, 2, 3 }));
        var path = Path.Combine(SavingTestSupport.NewFolder(), "broken.keras");
        new Sequential([new Input([1], dtype: "int64"), lookup]).Save(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update)) zip.GetEntry("assets/layers/integer_lookup/vocabulary.txt")!.Delete();
        var e = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains("vocabulary.txt", e.Message);
    }
}
