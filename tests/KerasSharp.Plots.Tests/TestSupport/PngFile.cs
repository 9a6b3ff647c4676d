using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace KerasSharp.Plots.Tests.TestSupport;

/// <summary>
/// An independent PNG reader for the tests: checks the signature and every chunk's CRC, reads IHDR, inflates the
/// IDAT stream, checks its size and undoes the row filters (all five types) for 8-bit RGB / RGBA images.
/// </summary>
internal sealed class PngFile
{
    public int Width { get; private init; }
    public int Height { get; private init; }
    public List<string> ChunkTypes { get; } = [];
    private byte[] rgb = [];

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * 3;
            return (rgb[i], rgb[i + 1], rgb[i + 2]);
        }
    }

    public static uint Crc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (var b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB88320 : c >> 1;
        }
        return ~c;
    }

    public static PngFile Decode(byte[] png)
    {
        byte[] signature = [137, 80, 78, 71, 13, 10, 26, 10];
        Assert.True(png.AsSpan(0, 8).SequenceEqual(signature), "PNG signature");
        int pos = 8, width = 0, height = 0, colorType = -1;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (pos < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(Crc(png.AsSpan(pos + 4, 4 + length)), crc);
            types.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                colorType = data[9];
                Assert.True(colorType is 2 or 6, $"colour type {colorType}");
                Assert.Equal(0, data[12]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            pos += 12 + length;
        }
        Assert.Equal(png.Length, pos);
        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);

        int channels = colorType == 6 ? 4 : 3;
        int stride = width * channels;
        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var bytes = raw.ToArray();
        Assert.Equal(height * (stride + 1), bytes.Length);

        var image = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            int filter = bytes[y * (stride + 1)];
            for (int i = 0; i < stride; i++)
            {
                int x = bytes[y * (stride + 1) + 1 + i];
                int a = i >= channels ? image[y * stride + i - channels] : 0;
                int b = y > 0 ? image[(y - 1) * stride + i] : 0;
                int c = i >= channels && y > 0 ? image[(y - 1) * stride + i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                image[y * stride + i] = (byte)(x + predictor);
            }
        }
        var rgb = new byte[width * height * 3];
        for (int p = 0; p < width * height; p++)
            for (int k = 0; k < 3; k++)
                rgb[p * 3 + k] = image[p * channels + k];
        var file = new PngFile { Width = width, Height = height, rgb = rgb };
        file.ChunkTypes.AddRange(types);
        return file;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Number of distinct colours inside the rectangle.</summary>
    public int DistinctColors(int x0, int y0, int x1, int y1)
    {
        var set = new HashSet<int>();
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                var (r, g, b) = this[x, y];
                set.Add((r << 16) | (g << 8) | b);
            }
        return set.Count;
    }

    /// <summary>Number of pixels inside the rectangle that are not white.</summary>
    public int NonWhite(int x0, int y0, int x1, int y1)
    {
        int n = 0;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                if (this[x, y] != (255, 255, 255))
                    n++;
        return n;
    }
}
