using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Regularization;

public class SpatialDropout3DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new SpatialDropout3D(0.1, seed: 1), [4, 2, 2, 2, 3], [4, 2, 2, 2, 3]);

    [Fact]
    public void Training_DropsWholeVolumes_AndIdentityInInference()
    {
        var x = ones(new long[] { 10, 2, 3, 2, 6 });
        TensorAssert.Close(x, new SpatialDropout3D(0.5).Apply(x));
        var y = new SpatialDropout3D(0.5, seed: 2).Apply(x, training: true);
        Assert.True((y - y[.., 0, 0, 0, ..].reshape(10, 1, 1, 1, 6)).abs().max().item<float>() == 0);
        Assert.True(y.eq(0).logical_or(y.eq(2)).all().item<bool>());
    }

    [Fact]
    public void RateOfOne_IsRejected() =>
        Assert.Contains("received 1", Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout3D(1)).Message);
}
