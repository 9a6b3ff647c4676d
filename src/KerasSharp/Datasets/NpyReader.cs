using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace KerasSharp.Datasets;

/// <summary>
/// Reads uint8 arrays from NumPy <c>.npy</c> files and <c>.npz</c> archives (a zip of <c>.npy</c> files), the format
/// Keras' dataset downloads use. Only what those files need: dtype <c>|u1</c>, C order, format versions 1 to 3.
/// </summary>
internal static partial class NpyReader
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Parses one <c>.npy</c> file holding a uint8 array: its shape and its data (row-major).</summary>
    /// <exception cref="InvalidDataException">Not a .npy file, not uint8, Fortran order, or a wrong data size.</exception>
    internal static (long[] Shape, byte[] Data) ReadUInt8(byte[] npy, string name)
    {
        if (npy.Length < 10 || !npy.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"'{name}' is not a NumPy .npy file (missing the \\x93NUMPY magic).");
        byte major = npy[6];
        int headerLength, headerStart;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(npy.AsSpan(8)); headerStart = 10; }
        else if (major is 2 or 3)
        {
            if (npy.Length < 12) throw new InvalidDataException($"'{name}' is truncated inside its .npy header.");
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(npy.AsSpan(8)));
            headerStart = 12;
        }
        else throw new InvalidDataException($"'{name}' has .npy format version {major}, expected 1, 2 or 3.");
        if (npy.Length < headerStart + headerLength)
            throw new InvalidDataException($"'{name}' is truncated inside its .npy header.");
        string header = Encoding.UTF8.GetString(npy, headerStart, headerLength);

        var descr = DescrPattern().Match(header);
        if (!descr.Success || descr.Groups[1].Value is not ("|u1" or "<u1" or ">u1" or "=u1"))
            throw new InvalidDataException($"'{name}' must hold uint8 data (dtype '|u1'), but its header is: {header.Trim()}");
        var fortran = FortranPattern().Match(header);
        if (!fortran.Success || fortran.Groups[1].Value != "False")
            throw new InvalidDataException($"'{name}' must be in C order (fortran_order False), but its header is: {header.Trim()}");
        var shapeMatch = ShapePattern().Match(header);
        if (!shapeMatch.Success)
            throw new InvalidDataException($"'{name}' has no readable shape in its header: {header.Trim()}");
        var shape = shapeMatch.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();
        long count = 1;
        foreach (var d in shape) count = checked(count * d);
        int dataStart = headerStart + headerLength;
        if (npy.Length - dataStart != count)
            throw new InvalidDataException(
                $"'{name}' declares shape ({string.Join(", ", shape)}) = {count} bytes of data but holds {npy.Length - dataStart}.");
        return (shape, npy.AsSpan(dataStart).ToArray());
    }

    /// <summary>Reads the named uint8 arrays (without the <c>.npy</c> suffix) from an <c>.npz</c> archive.</summary>
    /// <exception cref="InvalidDataException">The archive lacks an array or an array is not a uint8 .npy.</exception>
    internal static Dictionary<string, (long[] Shape, byte[] Data)> ReadNpz(Stream npz, IEnumerable<string> arrayNames)
    {
        using var zip = new ZipArchive(npz, ZipArchiveMode.Read, leaveOpen: true);
        var result = new Dictionary<string, (long[] Shape, byte[] Data)>();
        foreach (var arrayName in arrayNames)
        {
            var entry = zip.GetEntry(arrayName + ".npy")
                ?? throw new InvalidDataException($"The .npz archive has no array '{arrayName}' (entries: {string.Join(", ", zip.Entries.Select(e => e.FullName))}).");
            using var stream = entry.Open();
            using var buffer = new MemoryStream(checked((int)Math.Max(entry.Length, 0)));
            stream.CopyTo(buffer);
            result[arrayName] = ReadUInt8(buffer.ToArray(), arrayName + ".npy");
        }
        return result;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
