using System.Buffers.Binary;
using static TorchSharp.torch;

namespace KerasSharp.Datasets;

/// <summary>
/// Reads unsigned-byte IDX files (the format MNIST is published in): a 4-byte big-endian magic number
/// <c>0x00000800 + rank</c> (data type 0x08 = uint8), then <c>rank</c> big-endian 32-bit dimension sizes, then the
/// data in row-major order.
/// </summary>
internal static class IdxReader
{
    /// <summary>The uint8 data-type code in the third byte of the magic number.</summary>
    internal const byte UInt8TypeCode = 0x08;

    /// <summary>Magic number of a rank-3 uint8 IDX file (images): 0x00000803.</summary>
    internal const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of a rank-1 uint8 IDX file (labels): 0x00000801.</summary>
    internal const int LabelsMagic = 0x00000801;

    /// <summary>
    /// Parses <paramref name="bytes"/> as a uint8 IDX file of the given rank and returns a uint8 tensor of its shape
    /// (one bulk copy into the tensor's storage).
    /// </summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="expectedRank">The rank the file must have (3 for images, 1 for labels).</param>
    /// <param name="fileName">Named in error messages.</param>
    /// <exception cref="InvalidDataException">Bad magic number, rank, dimension or file size.</exception>
    internal static Tensor Read(byte[] bytes, int expectedRank, string fileName)
    {
        var shape = ReadShape(bytes, expectedRank, fileName);
        int headerLength = 4 + 4 * expectedRank;
        var result = empty(shape, ScalarType.Byte);
        if (bytes.Length > headerLength)
            result.bytes = bytes.AsSpan(headerLength);
        return result;
    }

    /// <summary>Validates the header and size of an IDX file and returns its dimensions.</summary>
    /// <exception cref="InvalidDataException">Bad magic number, rank, dimension or file size.</exception>
    internal static long[] ReadShape(ReadOnlySpan<byte> bytes, int expectedRank, string fileName)
    {
        int expectedMagic = (UInt8TypeCode << 8) | expectedRank;
        if (bytes.Length < 4)
            throw new InvalidDataException($"'{fileName}' is not an IDX file: it has {bytes.Length} bytes, fewer than the 4-byte magic number.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expectedMagic)
            throw new InvalidDataException(
                $"'{fileName}' has IDX magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} (uint8 data, rank {expectedRank}).");
        int headerLength = 4 + 4 * expectedRank;
        if (bytes.Length < headerLength)
            throw new InvalidDataException($"'{fileName}' is truncated: {bytes.Length} bytes, shorter than its {headerLength}-byte IDX header.");
        var shape = new long[expectedRank];
        long count = 1;
        for (int i = 0; i < expectedRank; i++)
        {
            int dim = BinaryPrimitives.ReadInt32BigEndian(bytes[(4 + 4 * i)..]);
            if (dim < 0)
                throw new InvalidDataException($"'{fileName}' declares a negative size {dim} for dimension {i}.");
            shape[i] = dim;
            count = checked(count * dim);
        }
        long expectedLength = headerLength + count;
        if (bytes.Length != expectedLength)
            throw new InvalidDataException(
                $"'{fileName}' has {bytes.Length} bytes, but its IDX header (shape [{string.Join(", ", shape)}]) requires exactly {expectedLength} " +
                (bytes.Length < expectedLength ? "(the file is truncated)." : "(the file has trailing data)."));
        return shape;
    }

    /// <summary>Builds an IDX file from uint8 data of the given shape (used to store arrays from other sources).</summary>
    internal static byte[] Write(ReadOnlySpan<byte> data, ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var d in shape) count = checked(count * d);
        if (count != data.Length)
            throw new ArgumentException($"The data has {data.Length} elements but shape [{string.Join(", ", shape.ToArray())}] needs {count}.", nameof(data));
        int headerLength = 4 + 4 * shape.Length;
        var file = new byte[headerLength + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(file, (UInt8TypeCode << 8) | shape.Length);
        for (int i = 0; i < shape.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4 + 4 * i), checked((int)shape[i]));
        data.CopyTo(file.AsSpan(headerLength));
        return file;
    }
}
