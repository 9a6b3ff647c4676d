using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Factories;

public class KerasRegularizationTests
{
    [Fact]
    public void FactoriesBuildTheLayersIdentityInInference()
    {
        var x = ones(new long[] { 2, 3, 4, 5, 6 });
        TensorAssert.Close(x, GaussianNoise(0.1).Apply(x));
        TensorAssert.Close(x, GaussianDropout(0.1).Apply(x));
        TensorAssert.Close(x, AlphaDropout(0.1).Apply(x));
        TensorAssert.Close(x[.., .., .., 0, 0], SpatialDropout1D(0.1).Apply(x[.., .., .., 0, 0]));
        TensorAssert.Close(x[.., .., .., .., 0], SpatialDropout2D(0.1).Apply(x[.., .., .., .., 0]));
        TensorAssert.Close(x, SpatialDropout3D(0.1, seed: 1).Apply(x));
        Assert.Equal(7, SpatialDropout3D(0.1, seed: 7).Seed);
    }
}
