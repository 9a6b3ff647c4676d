using KerasSharp.Plots;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Plots;

/// <summary>The tensor entry points of <see cref="ImageGrid"/> (the pixel logic is tested in KerasSharp.Plots.Tests).</summary>
public class ImageGridTensorTests
{
    [Fact]
    public void TensorImagesDrawLikeTheirBytes()
    {
        // The same 3 x 3 RGB image as a uint8 tensor, as a float tensor in 0-1, and as bytes draws identically.
        byte[] bytes = Enumerable.Range(0, 27).Select(i => (byte)(i * 9)).ToArray();
        var fromBytes = new ImageGrid(columns: 1, cellSize: 32).Add(bytes, 3, 3, channels: 3).ToPng();
        using var u8 = tensor(bytes, [3, 3, 3], ScalarType.Byte);
        using var f32 = u8.to_type(ScalarType.Float32) / 255f;
        Assert.Equal(fromBytes, new ImageGrid(columns: 1, cellSize: 32).Add(u8).ToPng());
        Assert.Equal(fromBytes, new ImageGrid(columns: 1, cellSize: 32).Add(f32).ToPng());
    }

    [Fact]
    public void BatchesAddOneImagePerTitle()
    {
        using var batch = torch.rand(5, 28, 28);
        var grid = new ImageGrid().AddBatch(batch, ["a", "b", "c"]);
        Assert.Equal(3, grid.Count);
        Assert.Equal(5, new ImageGrid().AddBatch(batch).Count);
        var ex = Assert.Throws<ArgumentException>(() => new ImageGrid().AddBatch(batch, ["1", "2", "3", "4", "5", "6"]));
        Assert.Contains("only 5 images", ex.Message);
    }

    [Fact]
    public void NonImageTensorsAreRefusedWithTheirShape()
    {
        using var wrong = torch.zeros(3, 4, 5, 2);
        var ex = Assert.Throws<ArgumentException>(() => new ImageGrid().Add(wrong));
        Assert.Contains("(3, 4, 5, 2)", ex.Message);
        using var twoChannels = torch.zeros(4, 4, 2);
        Assert.Contains("(4, 4, 2)", Assert.Throws<ArgumentException>(() => new ImageGrid().Add(twoChannels)).Message);
        using var flags = torch.zeros(4, 4, ScalarType.Bool);
        Assert.Contains("Bool", Assert.Throws<ArgumentException>(() => new ImageGrid().Add(flags)).Message);
    }
}
