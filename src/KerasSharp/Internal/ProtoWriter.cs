using System.Buffers.Binary;
using System.Text;

namespace KerasSharp.Internal;

/// <summary>
/// A minimal protobuf encoder: varints, 64-bit doubles, 32-bit floats, length-delimited fields (TensorBoard event
/// files and ONNX models are written with it; no protobuf dependency).
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream buffer = new();

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong v)
    {
        while (v >= 0x80)
        {
            buffer.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        buffer.WriteByte((byte)v);
    }

    public void Varint(int field, ulong value) { Tag(field, 0); RawVarint(value); }

    /// <summary>An int64 field (negative values as 10-byte two's-complement varints, as protobuf encodes them).</summary>
    public void Int64(int field, long value) => Varint(field, unchecked((ulong)value));

    /// <summary>A nested message field.</summary>
    public void Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public void Double(int field, double value)
    {
        Tag(field, 1);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(b, value);
        buffer.Write(b);
    }

    public void Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, value);
        buffer.Write(b);
    }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        RawVarint((ulong)value.Length);
        buffer.Write(value);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void PackedDoubles(int field, double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        Bytes(field, bytes);
    }

    public byte[] ToArray() => buffer.ToArray();
}
