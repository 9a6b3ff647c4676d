using System.Buffers.Binary;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Utils;

/// <summary>load_img / img_to_array / array_to_img / save_img on images written by the tests.</summary>
public sealed class ImageUtilsTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("ks-img-test-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    /// <summary>A 4x4 RGB tensor whose pixel (r, c) is (10 r + c, 100 + r, 200 - c).</summary>
    private static Tensor Pattern()
    {
        var v = new float[4, 4, 3];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++) { v[r, c, 0] = 10 * r + c; v[r, c, 1] = 100 + r; v[r, c, 2] = 200 - c; }
        return tensor(v);
    }

    [Fact]
    public void PngRoundTripIsExactAndArraysHaveKerasLayout()
    {
        var path = Path.Combine(temp, "a.png");
        Keras.Utils.SaveImg(path, Pattern(), scale: false);
        var img = Keras.Utils.LoadImg(path);
        Assert.Equal(("RGB", 4, 4), (img.Mode, img.Width, img.Height));
        using var x = Keras.Utils.ImgToArray(img);
        Assert.Equal(new long[] { 4, 4, 3 }, x.shape);
        Assert.Equal(ScalarType.Float32, x.dtype);
        Assert.True(x.allclose(Pattern(), 0, 0));
        using var first = Keras.Utils.ImgToArray(img, dataFormat: "channels_first");
        Assert.Equal(new long[] { 3, 4, 4 }, first.shape);
        Assert.Equal(23f, first[0, 2, 3].item<float>());
    }

    [Fact]
    public void GrayscaleUsesPilsLuma()
    {
        var path = Path.Combine(temp, "g.png");
        Keras.Utils.SaveImg(path, tensor(new float[,,] { { { 255, 0, 0 }, { 0, 255, 0 } }, { { 0, 0, 255 }, { 10, 20, 30 } } }), scale: false);
        using var g = Keras.Utils.ImgToArray(Keras.Utils.LoadImg(path, colorMode: "grayscale"));
        Assert.Equal(new long[] { 2, 2, 1 }, g.shape);
        // PIL "L": (19595 R + 38470 G + 7471 B + 32768) >> 16 -> 76, 150, 29, 18
        Assert.Equal(new float[] { 76, 150, 29, 18 }, g.flatten().data<float>().ToArray());
        var rgba = Keras.Utils.LoadImg(path, colorMode: "rgba");
        Assert.Equal(("RGBA", 255), (rgba.Mode, (int)rgba.Pixels[3]));
    }

    [Fact]
    public void NearestResizeAndAspectCrop()
    {
        var path = Path.Combine(temp, "r.png");
        Keras.Utils.SaveImg(path, Pattern(), scale: false);
        // PIL/tf nearest with half-pixel centres: 4 -> 2 samples rows/columns 1 and 3.
        using var small = Keras.Utils.ImgToArray(Keras.Utils.LoadImg(path, targetSize: (2, 2)));
        Assert.Equal(new float[] { 11, 13, 31, 33 }, small.select(2, 0).flatten().data<float>().ToArray());
        // keep_aspect_ratio to (1, 2): crop box rows 1..2 (height 2), then nearest 2x4 -> 1x2 samples row 2, columns 1 and 3.
        using var wide = Keras.Utils.ImgToArray(Keras.Utils.LoadImg(path, targetSize: (1, 2), keepAspectRatio: true));
        Assert.Equal(new float[] { 21, 23 }, wide.select(2, 0).flatten().data<float>().ToArray());
    }

    [Fact]
    public void ArrayToImgScalesLikeKeras()
    {
        // x - min, / max, * 255, truncated to uint8: [2, 4, 6, 10] -> [0, 63.75, 127.5, 255] -> [0, 63, 127, 255]
        var img = Keras.Utils.ArrayToImg(tensor(new float[,,] { { { 2 }, { 4 } }, { { 6 }, { 10 } } }));
        Assert.Equal("L", img.Mode);
        Assert.Equal(new byte[] { 0, 63, 127, 255 }, img.Pixels);
        Assert.Equal("RGBA", Keras.Utils.ArrayToImg(zeros(2, 2, 4)).Mode);
        Assert.Contains("Unsupported channel number: 2", Assert.Throws<ArgumentException>(() => Keras.Utils.ArrayToImg(zeros(2, 2, 2))).Message);
        Assert.Contains("rank 3", Assert.Throws<ArgumentException>(() => Keras.Utils.ArrayToImg(zeros(2, 2))).Message);
    }

    [Fact]
    public void JpegAndBmpDecode()
    {
        var jpg = Path.Combine(temp, "a.jpg");
        Keras.Utils.SaveImg(jpg, full([8, 8, 3], 120f), scale: false); // scale=True would map a constant image to 0, as in Keras
        using var j = Keras.Utils.ImgToArray(Keras.Utils.LoadImg(jpg));
        Assert.True((j - 120).abs().max().item<float>() <= 2);

        // A 2x1 24-bit BMP (bottom-up rows, BGR): pixels (10, 20, 30) and (40, 50, 60).
        byte[] bmp = new byte[54 + 8];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), 8);
        byte[] row = [30, 20, 10, 60, 50, 40, 0, 0];
        row.CopyTo(bmp, 54);
        var bmpPath = Path.Combine(temp, "a.bmp");
        File.WriteAllBytes(bmpPath, bmp);
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50, 60 }, Keras.Utils.LoadImg(bmpPath).Pixels);
    }

    [Fact]
    public void BadFilesAndArgumentsAreNamed()
    {
        var notImage = Path.Combine(temp, "x.png");
        File.WriteAllText(notImage, "hello");
        Assert.Contains("not an image", Assert.Throws<InvalidDataException>(() => Keras.Utils.LoadImg(notImage)).Message);
        Assert.Throws<FileNotFoundException>(() => Keras.Utils.LoadImg(Path.Combine(temp, "none.png")));
        Assert.Equal("colorMode", Assert.Throws<ArgumentException>(() => Keras.Utils.LoadImg(notImage, colorMode: "cmyk")).ParamName);
        Assert.Equal("interpolation", Assert.Throws<ArgumentException>(() => Keras.Utils.LoadImg(notImage, interpolation: "lanczos9")).ParamName);
        Assert.Equal("fileFormat", Assert.Throws<ArgumentException>(() => Keras.Utils.SaveImg(Path.Combine(temp, "a.tiff"), zeros(2, 2, 3))).ParamName);
    }
}
