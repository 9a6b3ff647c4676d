using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Core;

[Collection(GlobalState.Name)]

public class EmbeddingTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new Embedding(10, 3), [2, 4], [2, 4, 3], trainableWeights: 1, integerInput: true, integerHigh: 10);
    }

    [Fact]
    public void LooksUpRowsOfTheTableInKerasLayout()
    {
        var emb = new Embedding(4, 2);
        emb.EnsureBuilt([null, 3]);
        Assert.Equal(new long[] { 4, 2 }, emb.Embeddings!.shape);
        using (no_grad())
            emb.Embeddings.copy_(tensor(new float[] { 0, 0, 1, 10, 2, 20, 3, 30 }).reshape(4, 2));
        // rows: embeddings[3] = [3, 30], embeddings[1] = [1, 10], embeddings[0] = [0, 0]
        var y = emb.Apply(tensor(new long[] { 3, 1, 0 }).reshape(1, 3));
        TensorAssert.HasShape([1, 3, 2], y);
        TensorAssert.Close([3, 30, 1, 10, 0, 0], y);
    }

    [Fact]
    public void DefaultInitializerIsUniform005AndFloatIndicesAreCast()
    {
        var emb = new Embedding(50, 8);
        var y = emb.Apply(tensor(new float[] { 1, 2 }).reshape(1, 2));
        Assert.Equal("random_uniform", emb.EmbeddingsInitializer.Name);
        Assert.True(emb.Embeddings!.abs().max().item<float>() <= 0.05f);
        TensorAssert.Close(emb.Embeddings[1], y[0, 0]);
    }

    [Fact]
    public void OutOfRangeIndexNamesLayerRangeAndValues()
    {
        var emb = new Embedding(5, 2, name: "words");
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => emb.Apply(tensor(new long[] { 1, 5 }).reshape(1, 2)));
        Assert.Contains("\"words\"", ex.Message);
        Assert.Contains("[0, 5)", ex.Message);
        Assert.Contains("from 1 to 5", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => emb.Apply(tensor(new long[] { -1, 0 }).reshape(1, 2)));
    }

    [Fact]
    public void MaskZeroProducesNotEqualZeroMask()
    {
        var x = tensor(new long[] { 0, 0, 4, 2, 3, 0 }).reshape(2, 3);
        Assert.Null(new Embedding(5, 2).ComputeMask(x));
        var mask = new Embedding(5, 2, maskZero: true).ComputeMask(x)!;
        Assert.Equal(ScalarType.Bool, mask.dtype);
        Assert.Equal(new[] { false, false, true, true, true, false }, mask.reshape(-1).data<bool>().ToArray());
    }

    [Fact]
    public void InvalidArgumentsAreRejectedAndConfigHasKerasKeys()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(0, 3));
        Assert.Contains("input_dim=0", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(3, -1));
        var config = new Embedding(7, 3, maskZero: true).GetConfig();
        Assert.Equal(7, config["input_dim"]);
        Assert.Equal(3, config["output_dim"]);
        Assert.Equal(true, config["mask_zero"]);
        Assert.Equal(new Shape(null, 4, 3), new Embedding(7, 3).ComputeOutputShape(new Shape(null, 4)));
    }

    [Fact]
    public void FactoryBuildsTheLayer()
    {
        var emb = Keras.Embedding(100, 16, maskZero: true);
        Assert.Equal(100, emb.InputDim);
        Assert.True(emb.MaskZero);
    }
}
