using KerasSharp.Layers;

namespace KerasSharp.Tests.TestSupport;

public class LayerTestSelfTests
{
    [Fact]
    public void DensePassesTheHarness() =>
        LayerTest.Run(() => new Dense(3, "relu"), [4, 5], [4, 3], trainableWeights: 2);

    [Fact]
    public void CamelCaseMapsKerasKeys() => Assert.Equal("kernelSize", LayerTest.CamelCase("kernel_size"));
}
