using KerasSharp.Layers;

namespace KerasSharp.Tests.TestSupport;

public class LayerTestSelfTests
{
    [Fact]
    public void Dense_passes_the_harness() =>
        LayerTest.Run(() => new Dense(3, "relu"), [4, 5], [4, 3], trainableWeights: 2);

    [Fact]
    public void CamelCase_maps_keras_keys() => Assert.Equal("kernelSize", LayerTest.CamelCase("kernel_size"));
}
