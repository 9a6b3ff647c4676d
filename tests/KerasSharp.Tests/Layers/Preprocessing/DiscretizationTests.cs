using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

/// <summary>Golden values from Keras' Discretization docstring and keras/src/layers/preprocessing/discretization_test.py.</summary>
public class DiscretizationTests
{
    private static Tensor DocInput() => tensor(new float[] { -1.5f, 1.0f, 3.4f, 0.5f, 0.0f, 3.0f, 1.3f, 0.0f }).reshape(2, 4);

    private static long[] Values(Tensor t) => t.reshape(-1).data<long>().ToArray();

    [Fact]
    public void GivenBoundariesDigitizeAsNumpy()
    {
        // Docstring: bin_boundaries=[0., 1., 2.] -> [[0, 2, 3, 1], [1, 3, 2, 1]]
        var output = new Discretization(binBoundaries: [0.0, 1.0, 2.0]).Apply(DocInput());
        Assert.Equal([0L, 2, 3, 1, 1, 3, 2, 1], Values(output));
        Assert.Equal(ScalarType.Int64, output.dtype);
    }

    [Fact]
    public void AdaptLearnsKerasQuantileBoundaries()
    {
        // Docstring: num_bins=4, epsilon=0.01, adapt(input) -> [[0, 2, 3, 2], [1, 3, 3, 1]]
        var layer = new Discretization(numBins: 4, epsilon: 0.01);
        layer.Adapt(DocInput());
        Assert.Equal([0L, 2, 3, 2, 1, 3, 3, 1], Values(layer.Apply(DocInput())));
        Assert.Equal(3, layer.BinBoundaries!.Count);
        // Keras' compress_summary on 8 values for 4 bins: boundaries at the 25/50/75% cumulative weights
        TensorAssert.Close([0.0, 0.5, 1.3], tensor(layer.BinBoundaries!.ToArray()), 1e-6);
    }

    [Fact]
    public void AdaptSerializationCasesOfKerasTest()
    {
        // discretization_test.test_serialization: [0, 1, 5] with num_bins=5 does not reach num_bins (the summary's
        // values are kept, the last dropped); [0..7] interpolates the cumulative weights at 20%, 40%, 60%, 80%.
        var layer = new Discretization(numBins: 5);
        layer.Adapt(tensor(new float[] { 0, 1, 5 }));
        Assert.Equal([0.0, 1.0], layer.BinBoundaries!);
        layer.Adapt(tensor(new float[] { 0, 1, 2, 3, 4, 5, 6, 7 }));
        TensorAssert.Close([0.6, 2.2, 3.8, 5.4], tensor(layer.BinBoundaries!.ToArray()), 1e-5);
        var back = Discretization.FromConfig((JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(layer.GetConfig()))!);
        Assert.Equal(layer.BinBoundaries, back.BinBoundaries);
    }

    [Fact]
    public void CorrectnessCasesOfKerasTest()
    {
        // discretization_test.test_correctness with bin_boundaries=[0.0, 0.5, 1.0]
        double[] b = [0.0, 0.5, 1.0];
        Assert.Equal([0L, 1, 1, 2, 3], Values(new Discretization(b).Apply(tensor(new[,] { { -1.0f, 0.0f, 0.1f, 0.8f, 1.2f } }))));
        TensorAssert.Close([0, 1, 0, 0, 0, 0, 1, 0], new Discretization(b, outputMode: "one_hot").Apply(tensor(new float[] { 0.1f, 0.8f })));
        TensorAssert.Close([0, 1, 1, 0], new Discretization(b, outputMode: "multi_hot").Apply(tensor(new[,] { { 0.1f, 0.8f } })));
        var rank3 = tensor(new float[] { 0.15f, 0.75f, 0.85f, 0.45f }).reshape(1, 2, 2);
        var oneHot3 = new Discretization(b, outputMode: "one_hot").Apply(rank3);
        TensorAssert.Close([0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0], oneHot3);
        Assert.Equal(new long[] { 1, 2, 2, 4 }, oneHot3.shape);
        TensorAssert.Close([0, 1, 1, 0, 0, 1, 1, 0], new Discretization(b, outputMode: "multi_hot").Apply(rank3));
        TensorAssert.Close([0, 1, 2, 0], new Discretization(b, outputMode: "count").Apply(tensor(new[,] { { 0.1f, 0.8f, 0.9f } })));
        // test_tf_data_compatibility
        var x = tensor(new[,] { { -1.0f, 0.0f, 0.1f, 0.2f, 0.4f, 0.5f, 1.0f, 1.2f, 0.98f } });
        Assert.Equal([0L, 1, 1, 1, 2, 3, 4, 4, 3], Values(new Discretization([0.0, 0.35, 0.5, 1.0]).Apply(x)));
    }

    [Fact]
    public void EncodedModes()
    {
        // The encodings over len(bin_boundaries) + 1 = 3 buckets (numpy digitize: -1 -> 0, 0..0.8 -> 1, 1.2 -> 2)
        var x = tensor(new float[] { -1, 0, 0.1f, 0.8f, 1.2f }).reshape(5, 1);
        TensorAssert.Close([1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1],
            new Discretization(binBoundaries: [0.0, 1.0], outputMode: "one_hot").Apply(x));
        TensorAssert.Close([1, 1, 1], new Discretization(binBoundaries: [0.0, 1.0], outputMode: "multi_hot").Apply(x.reshape(1, 5)));
        TensorAssert.Close([1, 3, 1], new Discretization(binBoundaries: [0.0, 1.0], outputMode: "count").Apply(x.reshape(1, 5)));
    }

    [Fact]
    public void InvalidArguments()
    {
        Assert.Contains("either `num_bins` or `bin_boundaries`", Assert.Throws<ArgumentException>(() => new Discretization()).Message);
        Assert.Contains("should not be set", Assert.Throws<ArgumentException>(() => new Discretization([0.0], numBins: 2)).Message);
        Assert.Contains("greater than or equal to 0", Assert.Throws<ArgumentOutOfRangeException>(() => new Discretization(numBins: -1)).Message);
        Assert.Contains("Cannot adapt", Assert.Throws<InvalidOperationException>(() => new Discretization([0.0]).Adapt(DocInput())).Message);
        Assert.Contains("call `adapt(dataset)`", Assert.Throws<InvalidOperationException>(() => new Discretization(numBins: 3).Apply(DocInput())).Message);
        Assert.Contains("`sparse=True` may only be used", Assert.Throws<ArgumentException>(() => new Discretization([0.0], sparse: true)).Message);
    }

    [Fact]
    public void ConfigAfterAdaptHasBothKeysAndRoundTrips()
    {
        var layer = new Discretization(numBins: 4, name: "disc");
        layer.Adapt(DocInput());
        var config = layer.GetConfig();
        Assert.False(config.ContainsKey("trainable"));   // Keras' Discretization.get_config has no trainable
        Assert.Equal(4, config["num_bins"]);
        var back = Discretization.FromConfig((JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(config))!);
        Assert.Equal(layer.BinBoundaries, back.BinBoundaries);
        Assert.Equal(Values(layer.Apply(DocInput())), Values(back.Apply(DocInput())));
    }
}
