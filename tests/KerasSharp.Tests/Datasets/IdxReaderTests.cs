using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Datasets;

public class IdxReaderTests
{
    // A 2x2x3 image file: magic 0x00000803, dims 2, 2, 3 (big-endian), then 12 pixel bytes 0..11.
    private static byte[] TinyImages() =>
    [
        0x00, 0x00, 0x08, 0x03,
        0x00, 0x00, 0x00, 0x02,
        0x00, 0x00, 0x00, 0x02,
        0x00, 0x00, 0x00, 0x03,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255,
    ];

    [Fact]
    public void ReadsImagesIntoUInt8TensorOfHeaderShape()
    {
        using var t = IdxReader.Read(TinyImages(), 3, "tiny");
        Assert.Equal(ScalarType.Byte, t.dtype);
        Assert.Equal(new long[] { 2, 2, 3 }, t.shape);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255 }, t.data<byte>().ToArray());
        Assert.Equal(10, t[1, 1, 1].item<byte>()); // row-major: 1*6 + 1*3 + 1 = 10
    }

    [Fact]
    public void ReadsLabels()
    {
        byte[] file = [0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, 0x04, 5, 0, 4, 1];
        using var t = IdxReader.Read(file, 1, "labels");
        Assert.Equal(new long[] { 4 }, t.shape);
        Assert.Equal(new byte[] { 5, 0, 4, 1 }, t.data<byte>().ToArray());
    }

    [Fact]
    public void BadMagicIsReportedWithBothNumbers()
    {
        var file = TinyImages();
        file[3] = 0x01; // a labels magic where images are expected
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(file, 3, "train-images-idx3-ubyte"));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains("0x00000801", e.Message);
        Assert.Contains("expected 0x00000803", e.Message);
    }

    [Fact]
    public void NonUInt8TypeCodeIsRejected()
    {
        var file = TinyImages();
        file[2] = 0x0D; // float data
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(file, 3, "f"));
        Assert.Contains("0x00000D03", e.Message);
    }

    [Fact]
    public void TruncatedDataIsReported()
    {
        var file = TinyImages()[..^1];
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(file, 3, "t"));
        Assert.Contains("27 bytes", e.Message);      // 16 header + 11 of the 12 data bytes
        Assert.Contains("exactly 28", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void TruncatedHeaderAndTrailingDataAreReported()
    {
        var e1 = Assert.Throws<InvalidDataException>(() => IdxReader.Read(TinyImages()[..10], 3, "h"));
        Assert.Contains("shorter than its 16-byte IDX header", e1.Message);
        var e2 = Assert.Throws<InvalidDataException>(() => IdxReader.Read([0, 0, 8], 3, "m"));
        Assert.Contains("fewer than the 4-byte magic", e2.Message);
        var e3 = Assert.Throws<InvalidDataException>(() => IdxReader.Read([.. TinyImages(), 7], 3, "x"));
        Assert.Contains("trailing data", e3.Message);
    }

    [Fact]
    public void WriteThenReadRoundTrips()
    {
        byte[] data = [9, 8, 7, 6, 5, 4];
        var file = IdxReader.Write(data, [3, 2]);
        Assert.Equal(new byte[] { 0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 2 }, file[..12]);
        using var t = IdxReader.Read(file, 2, "rt");
        Assert.Equal(new long[] { 3, 2 }, t.shape);
        Assert.Equal(data, t.data<byte>().ToArray());
    }
}
