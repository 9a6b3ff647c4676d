using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;
using HashingLayer = KerasSharp.Layers.Hashing;

namespace KerasSharp.Tests.Layers.Preprocessing;

/// <summary>Golden values from Keras' keras/src/layers/preprocessing/hashing_test.py (TensorFlow's FarmHash and SipHash).</summary>
public class HashingTests
{
    private static readonly string[,] Wire = { { "omar" }, { "stringer" }, { "marlo" }, { "wire" }, { "skywalker" } };
    private static readonly string[,] Letters = { { "A" }, { "B" }, { "C" }, { "D" }, { "E" } };

    private static long[] Values(Tensor t) => t.to_type(ScalarType.Int64).reshape(-1).data<long>().ToArray();

    [Fact]
    public void FarmHashMatchesKeras()
    {
        // test_correctness and test_hash_dense_input_farmhash
        Assert.Equal([1L, 0, 1, 1, 2], Values(new HashingLayer(3).Apply(Letters)));
        Assert.Equal([0L, 0, 1, 0, 0], Values(new HashingLayer(2).Apply(Wire)));
        Assert.Equal([0L, 0, 1, 0, 0], Values(new HashingLayer(2).Apply(["omar", "stringer", "marlo", "wire", "skywalker"])));
        Assert.Equal(new long[] { 5, 1 }, new HashingLayer(2).Apply(Wire).shape);
        Assert.Equal(ScalarType.Int64, new HashingLayer(2).Apply(Wire).dtype);
    }

    [Fact]
    public void MaskValueReservesBinZero()
    {
        // test_correctness (mask_value="") and test_hash_dense_input_mask_value_farmhash
        Assert.Equal([1L, 1, 0, 2, 2], Values(new HashingLayer(3, maskValue: "").Apply(new[,] { { "A" }, { "B" }, { "" }, { "C" }, { "D" } })));
        Assert.Equal([1L, 1, 2, 1, 1], Values(new HashingLayer(3, maskValue: "").Apply(Wire)));
        Assert.Equal([0L, 1, 2, 1, 1], Values(new HashingLayer(3, maskValue: "omar").Apply(Wire)));
    }

    [Fact]
    public void SipHashWithSaltMatchesKeras()
    {
        // test_correctness (salt=[133, 137] and salt=133) and test_hash_dense_input_siphash
        Assert.Equal([1L, 2, 1, 0, 2], Values(new HashingLayer(3, salt: (133, 137)).Apply(Letters)));
        Assert.Equal([0L, 0, 2, 1, 0], Values(new HashingLayer(3, salt: 133).Apply(Letters)));
        Assert.Equal([0L, 1, 0, 1, 0], Values(new HashingLayer(2, salt: new long[] { 133, 137 }).Apply(Wire)));
        Assert.Equal([1L, 0, 1, 0, 1], Values(new HashingLayer(2, salt: (211, 137)).Apply(Wire)));
    }

    [Fact]
    public void IntegersAreHashedAsDecimalText()
    {
        // test_hash_dense_int_input_farmhash, test_tensor_like_inputs, test_hash_dense_int_input_siphash
        var ints = tensor(new long[] { 0, 1, 2, 3, 4 }).reshape(5, 1);
        Assert.Equal([1L, 0, 1, 0, 2], Values(new HashingLayer(3).Apply(ints)));
        Assert.Equal([1L, 0, 1, 0, 2], Values(new HashingLayer(3).Apply(tensor(new int[] { 0, 1, 2, 3, 4 }))));
        Assert.Equal([1L, 1, 2, 0, 1], Values(new HashingLayer(3, salt: (133, 137)).Apply(ints)));
        // test_hash_list_input: [[1, 2], [2, 3], [3, 4]] with 2 bins -> all 1
        Assert.Equal([1L, 1, 1, 1, 1, 1], Values(new HashingLayer(2).Apply(tensor(new long[] { 1, 2, 2, 3, 3, 4 }).reshape(3, 2))));
        // floats are truncated to int64 first
        Assert.Equal([1L, 0, 1, 0, 2], Values(new HashingLayer(3).Apply(tensor(new float[] { 0.2f, 1.9f, 2, 3, 4.5f }))));
        // test_hash_single_bin
        Assert.Equal([0L, 0, 0, 0, 0], Values(new HashingLayer(1).Apply(Letters)));
    }

    [Fact]
    public void EncodedOutputsMatchKeras()
    {
        // test_one_hot_output, test_multi_hot_output, test_count_output
        var oneHot = new HashingLayer(3, outputMode: "one_hot").Apply(tensor(new long[] { 0, 1, 2, 3, 4 }).reshape(5, 1));
        TensorAssert.Close([0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1], oneHot);
        Assert.Equal(new long[] { 5, 3 }, oneHot.shape);
        TensorAssert.Close([1, 1, 1], new HashingLayer(3, outputMode: "multi_hot").Apply(tensor(new long[] { 0, 1, 2, 3, 4 }).reshape(1, 5)));
        var count1d = new HashingLayer(3, outputMode: "count").Apply(tensor(new long[] { 0, 1, 2, 3, 4 }));
        TensorAssert.Close([2, 2, 1], count1d);
        Assert.Equal(new long[] { 3 }, count1d.shape);
        Assert.Equal(new Shape(null, 3), new HashingLayer(3, outputMode: "count").ComputeOutputShape(new Shape(null, null)));
        Assert.Equal(ScalarType.Int32, new HashingLayer(3, dtype: "int32").Apply(Letters).dtype);
    }

    [Fact]
    public void LongStringsUseFarmHashLongPaths()
    {
        // FarmHash has separate paths for 17-32, 33-64 and over 64 bytes: the bins are deterministic and in range.
        string[] texts = [new string('a', 20), new string('b', 40), new string('c', 100), new string('d', 1000)];
        var first = Values(new HashingLayer(1000).Apply(texts));
        Assert.Equal(first, Values(new HashingLayer(1000).Apply(texts)));
        Assert.All(first, b => Assert.InRange(b, 0, 999));
        Assert.Equal(4, first.Distinct().Count());
    }

    [Fact]
    public void InvalidArgumentsAreRejectedAsKerasDoes()
    {
        Assert.Contains("cannot be `None` or non-positive", Assert.Throws<ArgumentOutOfRangeException>(() => new HashingLayer(0)).Message);
        Assert.Contains("cannot be `None` or non-positive", Assert.Throws<ArgumentOutOfRangeException>(() => new HashingLayer(null)).Message);
        Assert.Contains("can only be a tuple of size 2", Assert.Throws<ArgumentException>(() => new HashingLayer(2, salt: new long[] { 1 })).Message);
        Assert.Contains("Invalid value for argument `output_mode`", Assert.Throws<ArgumentException>(() => new HashingLayer(3, outputMode: "unsupported_mode")).Message);
        Assert.Contains("should be an integer type", Assert.Throws<ArgumentException>(() => new HashingLayer(3, dtype: "float32")).Message);
        Assert.Contains("`sparse` may only be true", Assert.Throws<ArgumentException>(() => new HashingLayer(3, sparse: true)).Message);
        Assert.Contains("mask_value", Assert.Throws<ArgumentException>(() => new HashingLayer(3, maskValue: 1.5)).Message);
    }

    [Fact]
    public void ConfigRoundTripUsesKerasKeys()
    {
        var layer = new HashingLayer(8, maskValue: "", salt: 133, outputMode: "count", name: "hashing_cfg");
        var config = layer.GetConfig();
        Assert.Equal(new List<long> { 133, 133 }, config["salt"]);
        Assert.Equal(("", 8, "count", "float32"), ((string)config["mask_value"]!, (int)config["num_bins"]!, (string)config["output_mode"]!, (string)config["dtype"]!));
        var json = (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(config))!;
        var back = HashingLayer.FromConfig(json);
        Assert.Equal((layer.Name, layer.NumBins, layer.Salt, layer.MaskValue, layer.OutputMode), (back.Name, back.NumBins, back.Salt, back.MaskValue, back.OutputMode));
        Assert.Equal("int64", new HashingLayer(2).GetConfig()["dtype"]);
        Assert.Throws<InvalidDataException>(() => HashingLayer.FromConfig(new JsonObject { ["num_bins"] = 2, ["bogus"] = 1 }));
    }
}
