using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Merging;

[Collection(GlobalState.Name)]

public class DotTests
{
    [Fact]
    public void MultiInput() => MultiInputLayerTest.Run(() => new Dot(axes: (1, 2)), [[2, 5, 2], [2, 2, 5]], [2, 2, 2]);

    [Fact]
    public void MultiInputNormalized() => MultiInputLayerTest.Run(() => new Dot(axes: 1, normalize: true), [[2, 4], [2, 4]], [2, 1]);

    [Fact]
    public void VectorDotIsBatchByOne()
    {
        // [1, 2] . [3, 4] = 11
        var y = new Dot(1).Apply([tensor(new float[] { 1, 2 }).reshape(1, 2), tensor(new float[] { 3, 4 }).reshape(1, 2)]);
        Assert.Equal(new long[] { 1, 1 }, y.shape);
        TensorAssert.Close([11], y);
    }

    [Fact]
    public void NormalizeGivesCosineSimilarity()
    {
        // 11 / (|[1, 2]| * |[3, 4]|) = 11 / (sqrt(5) * 5) = 0.98386991
        var y = new Dot(-1, normalize: true).Apply([tensor(new float[] { 1, 2 }).reshape(1, 2), tensor(new float[] { 3, 4 }).reshape(1, 2)]);
        TensorAssert.Close([0.98386991], y, 1e-6);
    }

    [Fact]
    public void KerasDocExample()
    {
        // Keras: x = arange(10).reshape(1, 5, 2), y = arange(10, 20).reshape(1, 2, 5), Dot(axes=(1, 2)) -> [[[260, 360], [320, 445]]]
        // out[j, k] = sum_i x[i, j] * y[k, i] = sum_i (2i + j)(10 + 5k + i)
        var x = arange(10, dtype: ScalarType.Float32).reshape(1, 5, 2);
        var y = arange(10, 20, dtype: ScalarType.Float32).reshape(1, 2, 5);
        TensorAssert.Close([260, 360, 320, 445], new Dot((1, 2)).Apply([x, y]));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("axis 0", Assert.Throws<ArgumentException>(() => new Dot(0)).Message);
        Assert.Throws<ArgumentException>(() => new Dot(new[] { 1, 2, 3 }));
        var e = Assert.Throws<ArgumentException>(() => new Dot(1).Apply([ones(2, 3), ones(2, 4)]));
        Assert.Contains("axis values 3 (at axis 1) != 4 (at axis 1)", e.Message);
        Assert.Contains("2 inputs", Assert.Throws<ArgumentException>(() => new Dot(1).Apply([ones(2, 3), ones(2, 3), ones(2, 3)])).Message);
    }
}
