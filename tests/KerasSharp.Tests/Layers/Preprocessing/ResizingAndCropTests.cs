using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

[Collection(GlobalState.Name)]

public class ResizingTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Resizing(2, 3), [2, 4, 6, 3], [2, 2, 3, 3]);

    [Fact]
    public void DownsizeBilinearHalfPixelCentres()
    {
        // 4x4 ramp 4r + c to 2x2: output pixel i samples input coordinate (i + 0.5) * 2 - 0.5 = 0.5, 2.5 on each axis.
        var y = new Resizing(2, 2).Apply(AugmentationTestSupport.Ramp4x4());
        Assert.Equal(new long[] { 1, 2, 2, 1 }, y.shape);
        TensorAssert.Close([2.5, 4.5, 10.5, 12.5], y, 1e-5);
    }

    [Fact]
    public void UpsizeBilinearClampsAtTheEdges()
    {
        // 2x2 [[0, 1], [2, 3]] to 4x4: coordinates (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped to [0, 1].
        var y = new Resizing(4, 4).Apply(tensor(new float[] { 0, 1, 2, 3 }).reshape(1, 2, 2, 1));
        TensorAssert.Close(0.0, y[0, 0, 0, 0], 1e-6);
        TensorAssert.Close(0.75, y[0, 1, 1, 0], 1e-6);   // 2 * 0.25 + 0.25
        TensorAssert.Close(3.0, y[0, 3, 3, 0], 1e-6);
    }

    [Fact]
    public void CropToAspectRatioResizesTheCentredWindow()
    {
        // 4x6 ramp 6r + c to 2x2: window 4x4 starting at column 1, then samples 0.5 and 2.5 inside it.
        var x = arange(24, ScalarType.Float32).reshape(1, 4, 6, 1);
        var y = new Resizing(2, 2, cropToAspectRatio: true).Apply(x);
        TensorAssert.Close([4.5, 6.5, 16.5, 18.5], y, 1e-5);
    }

    [Fact]
    public void PadToAspectRatioPadsEvenlyWithTheFillValue()
    {
        // 2x4 to 4x4: padded to 4 rows, one on top and one below, then no resize is needed.
        var y = new Resizing(4, 4, padToAspectRatio: true, fillValue: -1).Apply(ones(1, 2, 4, 1));
        TensorAssert.Close([-1, -1, -1, -1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1], y);
    }

    [Fact]
    public void NearestAndChannelsFirstAndUnbatched()
    {
        var y = new Resizing(2, 2, interpolation: "nearest").Apply(AugmentationTestSupport.Ramp4x4()[0]);
        // half-pixel nearest: input coordinate 0.5 * 2 - 0.5 = 0.5 -> floor(0.5 * 2) = 1, 3
        TensorAssert.Close([5, 7, 13, 15], y);
        var cf = new Resizing(3, 5, dataFormat: "channels_first").Apply(zeros(2, 3, 8, 8));
        Assert.Equal(new long[] { 2, 3, 3, 5 }, cf.shape);
    }

    [Fact]
    public void ConfigAndBadArguments()
    {
        var config = new Resizing(8, 9).GetConfig();
        Assert.Equal(8, config["height"]);
        Assert.Equal(9, config["width"]);
        Assert.Equal("bilinear", config["interpolation"]);
        Assert.Equal(false, config["crop_to_aspect_ratio"]);
        Assert.Equal("constant", config["fill_mode"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resizing(0, 3));
        var ex = Assert.Throws<ArgumentException>(() => new Resizing(3, 3, interpolation: "lanczos3"));
        Assert.Contains("lanczos3", ex.Message);
        Assert.Throws<ArgumentException>(() => new Resizing(3, 3, cropToAspectRatio: true, padToAspectRatio: true));
    }
}

[Collection(GlobalState.Name)]

public class CenterCropTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new CenterCrop(4, 4), [2, 6, 6, 3], [2, 4, 4, 3]);

    [Fact]
    public void CropsTheCentre()
    {
        // 5x5 ramp 5r + c to 3x3: start (1, 1).
        var x = arange(25, ScalarType.Float32).reshape(1, 5, 5, 1);
        TensorAssert.Close([6, 7, 8, 11, 12, 13, 16, 17, 18], new CenterCrop(3, 3).Apply(x));
        // 4x4 to 3x3: offset (4 - 3) / 2 = 0, as Keras' int(diff / 2).
        TensorAssert.Close([0, 1, 2, 4, 5, 6, 8, 9, 10], new CenterCrop(3, 3).Apply(AugmentationTestSupport.Ramp4x4()));
    }

    [Fact]
    public void SmallerInputIsResized()
    {
        var y = new CenterCrop(4, 4).Apply(tensor(new float[] { 0, 1, 2, 3 }).reshape(1, 2, 2, 1));
        Assert.Equal(new long[] { 1, 4, 4, 1 }, y.shape);
        TensorAssert.Close(0.75, y[0, 1, 1, 0], 1e-6);
    }

    [Fact]
    public void ConfigAndBadArguments()
    {
        var config = new CenterCrop(3, 2).GetConfig();
        Assert.Equal(3, config["height"]);
        Assert.Equal(2, config["width"]);
        Assert.Equal("channels_last", config["data_format"]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CenterCrop(3, -2));
        Assert.Contains("width", ex.Message);
    }
}
