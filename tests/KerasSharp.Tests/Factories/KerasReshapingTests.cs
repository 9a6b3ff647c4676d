using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Factories;

public class KerasReshapingTests
{
    [Fact]
    public void FactoriesBuildTheLayers()
    {
        var x = ones(1, 2, 4, 3);
        Assert.Equal(new long[] { 1, 8, 3 }, Reshape((8, 3)).Apply(x).shape);
        Assert.Equal(new long[] { 1, 3, 2, 4 }, Permute((3, 1, 2)).Apply(x).shape);
        Assert.Equal(new long[] { 1, 5, 3 }, RepeatVector(5).Apply(ones(1, 3)).shape);
        Assert.Equal(new long[] { 1, 8, 3 }, UpSampling1D(4).Apply(ones(1, 2, 3)).shape);
        Assert.Equal(new long[] { 1, 4, 8, 3 }, UpSampling2D(2).Apply(x).shape);
        Assert.Equal(new long[] { 1, 4, 3 }, ZeroPadding1D(1).Apply(ones(1, 2, 3)).shape);
        Assert.Equal(new long[] { 1, 4, 6, 3 }, ZeroPadding2D().Apply(x).shape);
        Assert.Equal(new long[] { 1, 2, 3 }, Cropping1D((1, 1)).Apply(ones(1, 4, 3)).shape);
        Assert.Equal(new long[] { 1, 2, 2, 3 }, Cropping2D((0, 1)).Apply(x).shape);
    }
}
