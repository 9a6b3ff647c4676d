using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

/// <summary>Golden values from Keras' keras/src/layers/preprocessing/category_encoding_test.py.</summary>
[Collection(GlobalState.Name)]
public class CategoryEncodingTests
{
    [Fact]
    public void CountSingleAndBatched()
    {
        // test_count_output, test_batched_count_output
        var single = new CategoryEncoding(6, outputMode: "count").Apply(tensor(new long[] { 1, 2, 3, 1 }));
        TensorAssert.Close([0, 2, 1, 1, 0, 0], single);
        Assert.Equal(new long[] { 6 }, single.shape);
        var batched = new CategoryEncoding(6, outputMode: "count").Apply(tensor(new long[] { 1, 2, 3, 1, 0, 3, 1, 0 }).reshape(2, 4));
        TensorAssert.Close([0, 2, 1, 1, 0, 0, 2, 1, 0, 1, 0, 0], batched);
        Assert.Equal(ScalarType.Float32, batched.dtype);
    }

    [Fact]
    public void CountWithWeights()
    {
        // test_count_weighted_output
        var ids = tensor(new long[] { 0, 1, 0, 0, 1, 2, 3, 1 }).reshape(4, 2);
        var weights = tensor(new float[] { 0.1f, 0.2f, 0.1f, 0.1f, 0.2f, 0.3f, 0.4f, 0.2f }).reshape(4, 2);
        var output = new CategoryEncoding(6, outputMode: "count").Apply([ids, weights]);
        TensorAssert.Close([0.1, 0.2, 0, 0, 0, 0, 0.2, 0, 0, 0, 0, 0, 0, 0.2, 0.3, 0, 0, 0, 0, 0.2, 0, 0.4, 0, 0], output);
        var multi = new CategoryEncoding(4, outputMode: "multi_hot");
        Assert.Contains("`count_weights` is not used", Assert.Throws<ArgumentException>(() => multi.Apply([ids, weights])).Message);
    }

    [Fact]
    public void MultiHotSingleAndBatched()
    {
        // test_multi_hot, test_batched_multi_hot
        TensorAssert.Close([1, 1, 1, 1, 0, 0], new CategoryEncoding(6).Apply(tensor(new long[] { 3, 2, 0, 1 })));
        var batched = new CategoryEncoding(6).Apply(tensor(new long[] { 3, 2, 0, 1, 3, 2, 0, 1 }).reshape(2, 4));
        TensorAssert.Close([1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0], batched);
    }

    [Fact]
    public void OneHotAddsOrReplacesTheLastAxis()
    {
        // test_one_hot, test_batched_one_hot
        var layer = new CategoryEncoding(6, outputMode: "one_hot");
        var flat = layer.Apply(tensor(new long[] { 3, 2, 0, 1 }));
        TensorAssert.Close([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0], flat);
        Assert.Equal(new long[] { 4, 6 }, flat.shape);
        Assert.Equal(new long[] { 4, 6 }, layer.Apply(tensor(new long[] { 3, 2, 0, 1 }).reshape(4, 1)).shape);
        Assert.Equal(new long[] { 2, 4, 6 }, layer.Apply(tensor(new long[] { 3, 2, 0, 1, 3, 2, 0, 1 }).reshape(2, 4)).shape);
        Assert.Equal(new Shape(null, 6), layer.ComputeOutputShape(new Shape(null, 1)));
        Assert.Equal(new Shape(null, 4, 6), layer.ComputeOutputShape(new Shape(null, 4)));
    }

    [Fact]
    public void Harness() => LayerTest.Run(() => new CategoryEncoding(10), [3, 4], [3, 10], integerInput: true);

    [Fact]
    public void InvalidArgumentsAndInputs()
    {
        // test_category_encoding_without_num_tokens, test_category_encoding_with_invalid_num_tokens, test_invalid_output_mode_raises_error
        Assert.Contains("num_tokens must be set", Assert.Throws<ArgumentException>(() => new CategoryEncoding(outputMode: "multi_hot")).Message);
        Assert.Contains("`num_tokens` must be >= 1", Assert.Throws<ArgumentOutOfRangeException>(() => new CategoryEncoding(0)).Message);
        Assert.Contains("`num_tokens` must be >= 1", Assert.Throws<ArgumentOutOfRangeException>(() => new CategoryEncoding(-1)).Message);
        Assert.Contains("Unknown arg for output_mode: invalid_mode", Assert.Throws<ArgumentException>(() => new CategoryEncoding(4, "invalid_mode")).Message);
        Assert.Contains("0 <= values < num_tokens", Assert.Throws<ArgumentException>(() => new CategoryEncoding(4).Apply(tensor(new long[] { 1, 4 }))).Message);
        Assert.Contains("rank must be 2 or less", Assert.Throws<ArgumentException>(() => new CategoryEncoding(4, "count").Apply(zeros([2, 2, 2], ScalarType.Int64))).Message);
    }

    [Fact]
    public void ConfigRoundTrip()
    {
        // test_get_config
        var config = new CategoryEncoding(4, outputMode: "count", name: "ce").GetConfig();
        Assert.Equal((4, "count", false), ((int)config["num_tokens"]!, (string)config["output_mode"]!, (bool)config["sparse"]!));
        var back = CategoryEncoding.FromConfig((JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(config))!);
        Assert.Equal(("ce", 4, "count"), (back.Name, back.NumTokens, back.OutputMode));
    }
}
