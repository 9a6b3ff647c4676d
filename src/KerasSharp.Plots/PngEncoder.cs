using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace KerasSharp.Plots;

/// <summary>Writes an 8-bit RGB image as PNG: signature, IHDR, one zlib-compressed IDAT (filter 0 per row), IEND.</summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Encodes <paramref name="rgb"/> (row-major, 3 bytes per pixel) of the given size.</summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length != checked(width * height * 3))
            throw new ArgumentException($"rgb must hold width*height*3 = {width * height * 3} bytes, but holds {rgb.Length}.", nameof(rgb));

        using var output = new MemoryStream();
        output.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: truecolour (RGB)
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                int stride = width * 3;
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter type None
                    zlib.Write(rgb.Slice(y * stride, stride));
                }
            }
            WriteChunk(output, "IDAT", compressed.ToArray());
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        output.Write(four);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        uint crc = Crc32.Finish(Crc32.Update(Crc32.Update(0xFFFFFFFFu, typeBytes), data));
        BinaryPrimitives.WriteUInt32BigEndian(four, crc);
        output.Write(four);
    }

    /// <summary>Encodes a rendered <paramref name="canvas"/>.</summary>
    public static byte[] Encode(Canvas canvas) => Encode(canvas.Width, canvas.Height, canvas.Pixels);

    /// <summary>Checks <paramref name="path"/>, then writes the PNG that <paramref name="encode"/> returns to it atomically
    /// (see <see cref="WriteAtomically"/>): what every <c>SavePng</c> does.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    public static void Save(string path, Func<byte[]> encode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        WriteAtomically(path, encode());
    }

    /// <summary>Writes <paramref name="png"/> to <paramref name="path"/> atomically: a temporary file in the same folder, then a move.</summary>
    public static void WriteAtomically(string path, byte[] png)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temp, png);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
