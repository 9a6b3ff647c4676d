using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace KerasSharp.Tests.TestSupport;

/// <summary>
/// Reads numpy <c>.npz</c> archives (a zip of <c>.npy</c> arrays, as <c>numpy.savez</c> writes them) into CPU tensors.
/// Supports the little-endian dtypes the Keras reference corpus uses: float32/64, int32/64, uint8, bool.
/// </summary>
public static partial class Npz
{
    /// <summary>Every array of the archive, by name without the <c>.npy</c> suffix.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        var result = new Dictionary<string, Tensor>();
        using var zip = ZipFile.OpenRead(path);
        foreach (var entry in zip.Entries)
        {
            if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
            using var s = entry.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            result[entry.FullName[..^4]] = ReadNpy(ms.ToArray(), $"{path}:{entry.FullName}");
        }
        return result;
    }

    /// <summary>Parses one <c>.npy</c> file's bytes.</summary>
    public static Tensor ReadNpy(byte[] bytes, string what)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new InvalidDataException($"{what}: not an .npy array");
        int major = bytes[6];
        int headerLen, offset;
        if (major == 1) { headerLen = BitConverter.ToUInt16(bytes, 8); offset = 10; }
        else { headerLen = (int)BitConverter.ToUInt32(bytes, 8); offset = 12; }
        var header = Encoding.ASCII.GetString(bytes, offset, headerLen);
        var descr = DescrRegex().Match(header).Groups[1].Value;
        if (header.Contains("'fortran_order': True")) throw new InvalidDataException($"{what}: Fortran order is not supported");
        var shapeText = ShapeRegex().Match(header).Groups[1].Value;
        long[] shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        var data = bytes.AsSpan(offset + headerLen);
        long count = shape.Aggregate(1L, (a, b) => a * b);
        return descr switch
        {
            "<f4" => tensor(Cast<float>(data, count), shape),
            "<f8" => tensor(Cast<double>(data, count), shape),
            "<i4" => tensor(Cast<int>(data, count), shape),
            "<i8" => tensor(Cast<long>(data, count), shape),
            "|u1" => tensor(data[..(int)count].ToArray(), shape),
            "|b1" => tensor(data[..(int)count].ToArray().Select(b => b != 0).ToArray(), shape),
            _ => throw new InvalidDataException($"{what}: dtype {descr} is not supported"),
        };
    }

    private static T[] Cast<T>(ReadOnlySpan<byte> data, long count) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(data)[..(int)count].ToArray();

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
