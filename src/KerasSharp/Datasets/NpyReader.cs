using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace KerasSharp.Datasets;

/// <summary>
/// Reads uint8 arrays from NumPy <c>.npy</c> files and <c>.npz</c> archives (a zip of <c>.npy</c> files), the format
/// Keras' dataset downloads use. Numeric dtypes and object arrays (read with a restricted unpickler), C order, format versions 1 to 3.
/// </summary>
internal static partial class NpyReader
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Parses one <c>.npy</c> file holding a uint8 array: its shape and its data (row-major).</summary>
    /// <exception cref="InvalidDataException">Not a .npy file, not uint8, Fortran order, or a wrong data size.</exception>
    internal static (long[] Shape, byte[] Data) ReadUInt8(byte[] npy, string name)
    {
        var array = ReadArray(npy, name);
        if (array.Descr is not ("|u1" or "<u1" or ">u1" or "=u1"))
            throw new InvalidDataException($"'{name}' must hold uint8 data (dtype '|u1'), but its dtype is '{array.Descr}'.");
        return (array.Shape, array.Data!);
    }

    /// <summary>
    /// Parses one <c>.npy</c> file of any numeric dtype (returned as raw bytes, converted to little-endian) or an
    /// object array (<c>|O</c>, a pickle read by the restricted <see cref="PickleReader"/>, as Keras'
    /// <c>npz_utils.load_npy_member</c> does).
    /// </summary>
    /// <exception cref="InvalidDataException">Not a .npy file, an unsupported dtype, Fortran order, or a wrong data size.</exception>
    internal static NpyArray ReadArray(byte[] npy, string name)
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
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(npy, headerStart, headerLength);

        var descrMatch = DescrPattern().Match(header);
        if (!descrMatch.Success)
            throw new InvalidDataException($"'{name}' has no readable dtype in its header: {header.Trim()}");
        string descr = descrMatch.Groups[1].Value;
        var fortran = FortranPattern().Match(header);
        if (!fortran.Success || fortran.Groups[1].Value != "False")
            throw new InvalidDataException($"'{name}' must be in C order (fortran_order False), but its header is: {header.Trim()}");
        var shapeMatch = ShapePattern().Match(header);
        if (!shapeMatch.Success)
            throw new InvalidDataException($"'{name}' has no readable shape in its header: {header.Trim()}");
        var shape = shapeMatch.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d
                : throw new InvalidDataException($"'{name}' has a bad dimension '{s}' in its header: {header.Trim()}"))
            .ToArray();
        long count = 1;
        foreach (var d in shape) count = checked(count * d);
        int dataStart = headerStart + headerLength;

        if (descr is "|O" or "<O" or ">O" or "=O")
        {
            var value = PickleReader.Load(npy, name, dataStart);
            if (value is not PyNdArray { Objects: { } objects } pickled)
                throw new InvalidDataException($"'{name}' declares dtype object but its pickle does not hold a NumPy object array.");
            if (!pickled.Shape.SequenceEqual(shape))
                throw new InvalidDataException($"'{name}' declares shape ({string.Join(", ", shape)}) but its pickled array has shape ({string.Join(", ", pickled.Shape)}).");
            return new NpyArray(shape, "|O", null, objects);
        }

        var (kind, size, swap) = ParseNumericDescr(descr, name);
        long byteCount = checked(count * size);
        if (npy.Length - dataStart != byteCount)
            throw new InvalidDataException(
                $"'{name}' declares shape ({string.Join(", ", shape)}) of dtype '{descr}' = {byteCount} bytes of data but holds {npy.Length - dataStart}.");
        var bytes = npy.AsSpan(dataStart).ToArray();
        if (swap)
            for (int i = 0; i < bytes.Length; i += size) bytes.AsSpan(i, size).Reverse();
        return new NpyArray(shape, $"{(size == 1 ? '|' : '<')}{kind}{size}", bytes, null);
    }

    /// <summary>Splits a numeric descriptor ("&lt;f8", "|u1") into kind, item size and whether bytes must be swapped.</summary>
    internal static (char Kind, int Size, bool Swap) ParseNumericDescr(string descr, string name)
    {
        if (descr.Length >= 3 && descr[0] is '<' or '>' or '|' or '=' && descr[1] is 'u' or 'i' or 'f' or 'b'
            && int.TryParse(descr.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int size)
            && (descr[1] == 'f' ? size is 2 or 4 or 8 : descr[1] == 'b' ? size == 1 : size is 1 or 2 or 4 or 8))
        {
            bool swap = size > 1 && (descr[0] == '>' ? BitConverter.IsLittleEndian : descr[0] == '<' && !BitConverter.IsLittleEndian);
            return (descr[1], size, swap);
        }
        throw new InvalidDataException($"'{name}' has dtype '{descr}'; supported are bool, (u)int8 to (u)int64, float16/32/64 and object arrays.");
    }

    /// <summary>Reads the named arrays (without the <c>.npy</c> suffix), any supported dtype, from an <c>.npz</c> archive.</summary>
    /// <exception cref="InvalidDataException">The archive lacks an array or an array cannot be read.</exception>
    internal static Dictionary<string, NpyArray> ReadNpzArrays(Stream npz, IEnumerable<string> arrayNames)
    {
        using var zip = new ZipArchive(npz, ZipArchiveMode.Read, leaveOpen: true);
        var result = new Dictionary<string, NpyArray>();
        foreach (var arrayName in arrayNames)
            result[arrayName] = ReadArray(ReadEntry(zip, arrayName), arrayName + ".npy");
        return result;
    }

    /// <summary>Largest uncompressed .npy member accepted (2 GiB, the limit of a .NET array).</summary>
    internal const long MaxMemberBytes = int.MaxValue;

    private static byte[] ReadEntry(ZipArchive zip, string arrayName)
    {
        var entry = zip.GetEntry(arrayName + ".npy")
            ?? throw new InvalidDataException($"The .npz archive has no array '{arrayName}' (entries: {string.Join(", ", zip.Entries.Select(e => e.FullName))}).");
        // Keras' npz_utils rejects decompression bombs; a .NET array caps the size anyway.
        if (entry.Length > MaxMemberBytes)
            throw new InvalidDataException($"The .npz member '{entry.FullName}' declares {entry.Length} bytes, more than the {MaxMemberBytes} this reader accepts.");
        using var stream = entry.Open();
        using var buffer = new MemoryStream(checked((int)Math.Max(entry.Length, 0)));
        stream.CopyTo(buffer);
        if (buffer.Length != entry.Length)
            throw new InvalidDataException($"The .npz member '{entry.FullName}' declares {entry.Length} bytes but holds {buffer.Length}.");
        return buffer.ToArray();
    }

    /// <summary>Reads the named uint8 arrays (without the <c>.npy</c> suffix) from an <c>.npz</c> archive.</summary>
    /// <exception cref="InvalidDataException">The archive lacks an array or an array is not a uint8 .npy.</exception>
    internal static Dictionary<string, (long[] Shape, byte[] Data)> ReadNpz(Stream npz, IEnumerable<string> arrayNames)
    {
        using var zip = new ZipArchive(npz, ZipArchiveMode.Read, leaveOpen: true);
        var result = new Dictionary<string, (long[] Shape, byte[] Data)>();
        foreach (var arrayName in arrayNames)
            result[arrayName] = ReadUInt8(ReadEntry(zip, arrayName), arrayName + ".npy");
        return result;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}

/// <summary>
/// One array read from a <c>.npy</c> file: its shape and either its raw little-endian data (numeric dtypes, descriptor
/// normalised to "&lt;f8", "|u1", ...) or its elements (object arrays, descriptor "|O").
/// </summary>
internal sealed record NpyArray(long[] Shape, string Descr, byte[]? Data, IReadOnlyList<object?>? Objects)
{
    /// <summary>Number of elements.</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);
}
