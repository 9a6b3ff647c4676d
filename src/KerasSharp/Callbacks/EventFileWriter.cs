using System.Buffers.Binary;
using System.Text;

using KerasSharp.Internal;

namespace KerasSharp.Callbacks;

/// <summary>
/// Writes a TensorBoard event file (<c>events.out.tfevents.&lt;time&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;.v2</c>) in
/// TensorFlow's record format: each record is <c>uint64 length</c>, <c>uint32 masked_crc32c(length bytes)</c>,
/// <c>data</c>, <c>uint32 masked_crc32c(data)</c> (little-endian; mask = <c>((crc &gt;&gt; 15) | (crc &lt;&lt; 17)) + 0xa282ead8</c>),
/// where <c>data</c> is a serialized <c>tensorflow.Event</c> protobuf. The first event carries
/// <c>file_version = "brain.Event:2"</c>; the others a <c>Summary</c> with scalar (<c>simple_value</c>) or histogram
/// (<c>HistogramProto</c>) values. The protobuf encoding is written by hand (a few fields, no dependency).
/// </summary>
internal sealed class EventFileWriter : IDisposable
{
    private static int counter;
    private readonly FileStream stream;

    public EventFileWriter(string directory)
    {
        Directory.CreateDirectory(directory);
        long seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var host = Environment.MachineName;
        int n = Interlocked.Increment(ref counter);
        FilePath = Path.Combine(directory, $"events.out.tfevents.{seconds}.{host}.{Environment.ProcessId}.{n}.v2");
        stream = new FileStream(FilePath, FileMode.Create, FileAccess.Write, FileShare.Read);
        var ev = new ProtoWriter();
        ev.Double(1, WallTime());
        ev.String(3, "brain.Event:2");
        WriteRecord(ev.ToArray());
        Flush();
    }

    /// <summary>The event file's path.</summary>
    public string FilePath { get; }

    /// <summary>Writes a scalar summary value <paramref name="tag"/> = <paramref name="value"/> at <paramref name="step"/>.</summary>
    public void Scalar(string tag, double value, long step)
    {
        var v = new ProtoWriter();
        v.String(1, tag);
        v.Float(2, (float)value);
        WriteSummary(v.ToArray(), step);
    }

    /// <summary>Writes a histogram of <paramref name="values"/> (30 equal-width buckets over [min, max]).</summary>
    public void Histogram(string tag, ReadOnlySpan<float> values, long step)
    {
        const int buckets = 30;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumSq = 0;
        foreach (var f in values)
        {
            min = Math.Min(min, f);
            max = Math.Max(max, f);
            sum += f;
            sumSq += (double)f * f;
        }
        if (values.Length == 0) min = max = 0;
        var limits = new double[buckets];
        var counts = new double[buckets];
        double width = (max - min) / buckets;
        for (int i = 0; i < buckets; i++) limits[i] = i == buckets - 1 ? max : min + width * (i + 1);
        foreach (var f in values)
        {
            int b = width > 0 ? (int)Math.Min(buckets - 1, Math.Floor((f - min) / width)) : buckets - 1;
            counts[Math.Max(0, b)]++;
        }
        var h = new ProtoWriter();
        h.Double(1, min);
        h.Double(2, max);
        h.Double(3, values.Length);
        h.Double(4, sum);
        h.Double(5, sumSq);
        h.PackedDoubles(6, limits);
        h.PackedDoubles(7, counts);
        var v = new ProtoWriter();
        v.String(1, tag);
        v.Bytes(5, h.ToArray());
        WriteSummary(v.ToArray(), step);
    }

    /// <summary>
    /// Writes a string tensor summary with plugin metadata (what <c>tf.summary.write</c> with a string tensor and
    /// <c>SummaryMetadata</c> records): Keras' model graph is one, tag <c>keras</c>, plugin <c>graph_keras_model</c>.
    /// </summary>
    public void Text(string tag, string text, long step, string pluginName, byte[] pluginContent)
    {
        var plugin = new ProtoWriter();
        plugin.String(1, pluginName);
        plugin.Bytes(2, pluginContent);
        var metadata = new ProtoWriter();
        metadata.Bytes(1, plugin.ToArray());
        var tensor = new ProtoWriter();
        tensor.Varint(1, 7);                 // dtype: DT_STRING
        tensor.Bytes(2, []);                 // tensor_shape: a scalar
        tensor.String(8, text);              // string_val
        var v = new ProtoWriter();
        v.String(1, tag);
        v.Bytes(8, tensor.ToArray());        // Summary.Value.tensor
        v.Bytes(9, metadata.ToArray());      // Summary.Value.metadata
        WriteSummary(v.ToArray(), step);
    }

    private void WriteSummary(byte[] value, long step)
    {
        var summary = new ProtoWriter();
        summary.Bytes(1, value);
        var ev = new ProtoWriter();
        ev.Double(1, WallTime());
        ev.Varint(2, (ulong)step);
        ev.Bytes(5, summary.ToArray());
        WriteRecord(ev.ToArray());
    }

    private static double WallTime() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private void WriteRecord(byte[] data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Masked(header[..8]));
        stream.Write(header);
        stream.Write(data);
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Masked(data));
        stream.Write(footer);
    }

    public void Flush() => stream.Flush();

    public void Dispose() => stream.Dispose();
}

/// <summary>CRC-32C (Castagnoli), as TensorFlow's record format uses it, and its masked form.</summary>
internal static class Crc32C
{
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var t = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
            t[i] = c;
        }
        return t;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    public static uint Masked(ReadOnlySpan<byte> data)
    {
        uint crc = Compute(data);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }
}
