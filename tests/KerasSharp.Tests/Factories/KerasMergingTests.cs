using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Factories;

public class KerasMergingTests
{
    [Fact]
    public void FactoriesBuildTheLayers()
    {
        var a = tensor(new float[] { 1, 4 }).reshape(1, 2);
        var b = tensor(new float[] { 3, 2 }).reshape(1, 2);
        TensorAssert.Close([4, 6], Add().Apply([a, b]));
        TensorAssert.Close([-2, 2], Subtract().Apply([a, b]));
        TensorAssert.Close([3, 8], Multiply().Apply([a, b]));
        TensorAssert.Close([2, 3], Average().Apply([a, b]));
        TensorAssert.Close([3, 4], Maximum().Apply([a, b]));
        TensorAssert.Close([1, 2], Minimum().Apply([a, b]));
        TensorAssert.Close([1, 4, 3, 2], Concatenate().Apply([a, b]));
        TensorAssert.Close([11], Dot(1).Apply([a, b]));  // 1 * 3 + 4 * 2
    }
}
