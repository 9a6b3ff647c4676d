using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class UpSampling1DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new UpSampling1D(), [2, 3, 4], [2, 6, 4]);

    [Fact]
    public void RepeatsEachStep()
    {
        // steps [1, 10], [2, 20] repeated 3 times each
        var y = new UpSampling1D(3).Apply(tensor(new float[] { 1, 10, 2, 20 }).reshape(1, 2, 2));
        TensorAssert.Close([1, 10, 1, 10, 1, 10, 2, 20, 2, 20, 2, 20], y);
    }

    [Fact]
    public void BadSizeIsRejected() => Assert.Contains("received 0", Assert.Throws<ArgumentOutOfRangeException>(() => new UpSampling1D(0)).Message);
}
