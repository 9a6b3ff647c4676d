using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Activations;

[Collection(GlobalState.Name)]

public class SoftmaxTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Softmax(), [2, 3], [2, 3]);

    [Fact]
    public void NormalizesTheAxis()
    {
        // exp([1, 2, 3]) / sum = [0.09003057, 0.24472847, 0.66524096]
        TensorAssert.Close([0.09003057, 0.24472847, 0.66524096], new Softmax().Apply(tensor(new float[] { 1, 2, 3 }).reshape(1, 3)), 1e-6);
        // axis 1 of (1, 2, 2) [[0, 0], [ln 3, 0]]: column 0 -> [0.25, 0.75], column 1 -> [0.5, 0.5]
        var x = tensor(new float[] { 0, 0, (float)Math.Log(3), 0 }).reshape(1, 2, 2);
        TensorAssert.Close([0.25, 0.5, 0.75, 0.5], new Softmax(axis: 1).Apply(x), 1e-6);
    }

    [Fact]
    public void AxisOutOfRangeIsRejected() =>
        Assert.Contains("axis 3", Assert.Throws<ArgumentException>(() => new Softmax(3).Apply(ones(1, 2))).Message);
}
