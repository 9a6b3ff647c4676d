using KerasSharp.Plots.Tests.TestSupport;

namespace KerasSharp.Plots.Tests;

public class PngEncoderTests
{
    [Fact]
    public void RoundTripsPixelsAndSize()
    {
        // 3 x 2 image: row 0 = red, green, blue; row 1 = black, white, gray(128).
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 128, 128, 128];
        var png = PngFile.Decode(PngEncoder.Encode(3, 2, rgb));
        Assert.Equal(3, png.Width);
        Assert.Equal(2, png.Height);
        Assert.Equal(["IHDR", "IDAT", "IEND"], png.ChunkTypes);
        Assert.Equal(((byte)255, (byte)0, (byte)0), png[0, 0]);
        Assert.Equal(((byte)0, (byte)0, (byte)255), png[2, 0]);
        Assert.Equal(((byte)128, (byte)128, (byte)128), png[2, 1]);
    }

    [Fact]
    public void WrongBufferSizeNamesRgb()
    {
        var ex = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(2, 2, new byte[5]));
        Assert.Equal("rgb", ex.ParamName);
        Assert.Contains("12 bytes", ex.Message);
    }

    [Fact]
    public void WriteAtomicallyReplacesFileAndLeavesNoTemporary()
    {
        var dir = Directory.CreateTempSubdirectory("ksplots");
        try
        {
            var path = Path.Combine(dir.FullName, "sub", "a.png");
            PngEncoder.WriteAtomically(path, [1, 2, 3]);
            PngEncoder.WriteAtomically(path, [4, 5]);
            Assert.Equal([4, 5], File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(Path.Combine(dir.FullName, "sub")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
