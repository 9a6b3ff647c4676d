using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Activations;

[Collection(GlobalState.Name)]

public class ReLUTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new ReLU(maxValue: 6, negativeSlope: 0.1), [2, 3], [2, 3]);

    [Fact]
    public void DefaultNameIsKerasSnakeCase() => Assert.StartsWith("re_lu", new ReLU().Name);

    [Fact]
    public void KerasDocExample()
    {
        // Keras: ReLU(max_value=10, negative_slope=0.5, threshold=0) on [-10, -5, 0, 5, 10] -> [-5, -2.5, 0, 5, 10]
        var y = new ReLU(maxValue: 10, negativeSlope: 0.5).Apply(tensor(new float[] { -10, -5, 0, 5, 10 }).reshape(1, 5));
        TensorAssert.Close([-5, -2.5, 0, 5, 10], y);
    }

    [Fact]
    public void ThresholdAndMaxValue()
    {
        // threshold 2, slope 0.5: x * (x > 2) - 0.5 * relu(2 - x): [-1, 1, 2, 3] -> [-1.5, -0.5, 0, 3]
        TensorAssert.Close([-1.5, -0.5, 0, 3], new ReLU(negativeSlope: 0.5, threshold: 2).Apply(tensor(new float[] { -1, 1, 2, 3 }).reshape(1, 4)));
        // max 6, plain: [-1, 3, 7] -> [0, 3, 6]
        TensorAssert.Close([0, 3, 6], new ReLU(maxValue: 6).Apply(tensor(new float[] { -1, 3, 7 }).reshape(1, 3)));
    }

    [Fact]
    public void NegativeArgumentsAreRejectedWithTheValue()
    {
        Assert.Contains("received -1", Assert.Throws<ArgumentOutOfRangeException>(() => new ReLU(maxValue: -1)).Message);
        Assert.Contains("negativeSlope", Assert.Throws<ArgumentOutOfRangeException>(() => new ReLU(negativeSlope: -0.1)).Message);
        Assert.Contains("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new ReLU(threshold: -2)).Message);
    }
}
