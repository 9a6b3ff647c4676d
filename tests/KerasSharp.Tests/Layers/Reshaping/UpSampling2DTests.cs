using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class UpSampling2DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new UpSampling2D(), [2, 3, 4, 2], [2, 6, 8, 2]);

    [Fact]
    public void HarnessBilinearChannelsFirst() =>
        LayerTest.Run(() => new UpSampling2D((2, 3), dataFormat: "channels_first", interpolation: "bilinear"), [2, 2, 3, 4], [2, 2, 6, 12]);

    private static Tensor Image() => tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 2, 2, 1);  // [[1, 2], [3, 4]], channels_last

    [Fact]
    public void NearestRepeatsPixels()
    {
        var y = new UpSampling2D(2).Apply(Image());
        Assert.Equal(new long[] { 1, 4, 4, 1 }, y.shape);
        TensorAssert.Close([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], y);
    }

    [Fact]
    public void BilinearUsesHalfPixelCentres()
    {
        // output index o samples source (o + 0.5) / 2 - 0.5, clamped to [0, 1]: weights per axis (1, 0), (.75, .25), (.25, .75), (0, 1)
        // row 0: [1, 1.25, 1.75, 2]; row 3: [3, 3.25, 3.75, 4]; row 1 = .75 row0 + .25 row3; row 2 = .25 row0 + .75 row3
        var y = new UpSampling2D(2, interpolation: "bilinear").Apply(Image());
        TensorAssert.Close([1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4], y, 1e-5);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("'bicubicx'", Assert.Throws<ArgumentException>(() => new UpSampling2D(interpolation: "bicubicx")).Message);
        Assert.Contains("'nchw'", Assert.Throws<ArgumentException>(() => new UpSampling2D(dataFormat: "nchw")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new UpSampling2D((0, 2)));
    }
}
