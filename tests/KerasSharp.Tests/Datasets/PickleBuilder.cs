using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace KerasSharp.Tests.Datasets;

/// <summary>
/// Writes the pickles found in Keras' dataset files, opcode by opcode, as CPython writes them (checked against
/// <c>pickletools.dis</c> of Python's own output): protocol 2 with Python 2 byte strings (how <c>imdb.npz</c>,
/// <c>reuters.npz</c> and the CIFAR batches were written) and protocol 4 (NumPy 2 / Python 3, with FRAME, MEMOIZE and
/// STACK_GLOBAL).
/// </summary>
internal sealed class PickleBuilder
{
    private readonly List<byte> bytes = [];
    private readonly int protocol;

    public PickleBuilder(int protocol)
    {
        this.protocol = protocol;
        Op(0x80).Op((byte)protocol);
    }

    public PickleBuilder Op(params byte[] ops) { bytes.AddRange(ops); return this; }

    public PickleBuilder Global(string module, string name)
    {
        if (protocol >= 4) return Text(module).Memo().Text(name).Memo().Op(0x93).Memo();
        return Op((byte)'c').Op(Encoding.ASCII.GetBytes($"{module}\n{name}\n")).Memo();
    }

    private int memo;

    public PickleBuilder Memo()
    {
        if (protocol >= 4) return Op(0x94);
        return Op((byte)'q', (byte)memo++);
    }

    /// <summary>A str: SHORT_BINUNICODE (protocol 4) or BINUNICODE (protocol 2).</summary>
    public PickleBuilder Text(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        if (protocol >= 4) return Op(0x8c, (byte)b.Length).Op(b);
        var len = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(len, b.Length);
        return Op((byte)'X').Op(len).Op(b);
    }

    /// <summary>Python 2 str (SHORT_BINSTRING / BINSTRING) or Python 3 bytes (SHORT_BINBYTES / BINBYTES).</summary>
    public PickleBuilder Bytes(byte[] b, bool python2)
    {
        var len = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(len, b.Length);
        if (b.Length < 256) return Op(python2 ? (byte)'U' : (byte)'C', (byte)b.Length).Op(b);
        return Op(python2 ? (byte)'T' : (byte)'B').Op(len).Op(b);
    }

    public PickleBuilder Int(long v)
    {
        if (v is >= 0 and < 256) return Op((byte)'K', (byte)v);
        if (v is >= 0 and < 65536) return Op((byte)'M', (byte)v, (byte)(v >> 8));
        var b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, checked((int)v));
        return Op((byte)'J').Op(b);
    }

    public PickleBuilder IntList(int[] values)
    {
        Op((byte)']').Memo();
        if (values.Length == 1) return Int(values[0]).Op((byte)'a');
        if (values.Length == 0) return this;
        Op((byte)'(');
        foreach (var v in values) Int(v);
        return Op((byte)'e');
    }

    /// <summary><c>numpy.dtype(descr, False, True)</c> with state (3, order, None, None, None, -1, -1, flags), then BUILD.</summary>
    public PickleBuilder Dtype(string descr, string order, int flags, bool python2)
    {
        Global("numpy", "dtype");
        if (python2) Bytes(Encoding.ASCII.GetBytes(descr), true); else Text(descr).Memo();
        Op(python2 ? [(byte)'K', 0, (byte)'K', 1] : [0x89, 0x88]).Op(0x87).Memo().Op((byte)'R').Memo();
        Op((byte)'(').Int(3);
        if (python2) Bytes(Encoding.ASCII.GetBytes(order), true); else Text(order).Memo();
        Op((byte)'N', (byte)'N', (byte)'N');
        Op((byte)'J', 0xff, 0xff, 0xff, 0xff, (byte)'J', 0xff, 0xff, 0xff, 0xff).Int(flags);
        return Op((byte)'t').Memo().Op((byte)'b');
    }

    /// <summary>
    /// <c>_reconstruct(ndarray, (0,), b'b')</c> then BUILD with (1, shape, dtype, False, payload); <paramref name="payload"/>
    /// writes the data (a byte string or a list).
    /// </summary>
    public PickleBuilder Array(long[] shape, Action<PickleBuilder> dtype, Action<PickleBuilder> payload, bool python2)
    {
        Global(protocol >= 4 ? "numpy._core.multiarray" : "numpy.core.multiarray", "_reconstruct");
        Global("numpy", "ndarray");
        Int(0).Op(0x85).Memo();
        Bytes([(byte)'b'], python2).Memo();
        Op(0x87).Memo().Op((byte)'R').Memo();
        Op((byte)'(').Int(1);
        foreach (var d in shape) Int(d);
        Op(shape.Length == 1 ? (byte)0x85 : shape.Length == 2 ? (byte)0x86 : throw new ArgumentException("rank 1 or 2")).Memo();
        dtype(this);
        Op(0x89);
        payload(this);
        return Op((byte)'t').Memo().Op((byte)'b');
    }

    /// <summary>A 1-D object array of int lists (Keras' ragged sequences).</summary>
    public PickleBuilder ObjectArray(int[][] sequences, bool python2) =>
        Array([sequences.Length], b => b.Dtype("O8", "|", 63, python2), b =>
        {
            b.Op((byte)']').Memo().Op((byte)'(');
            foreach (var s in sequences) b.IntList(s);
            b.Op((byte)'e');
        }, python2);

    public byte[] Stop()
    {
        Op((byte)'.');
        if (protocol < 4) return [.. bytes];
        // FRAME the body after PROTO, as CPython does.
        var body = bytes.Skip(2).ToArray();
        var frame = new byte[9];
        frame[0] = 0x95;
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(1), body.Length);
        return [0x80, (byte)protocol, .. frame, .. body];
    }

    /// <summary>An object-array .npy file: header with descr '|O' and the pickle as data.</summary>
    public static byte[] ObjectNpy(int[][] sequences, int protocol = 2) =>
        NpyReaderTests.Npy("|O", $"({sequences.Length},)", new PickleBuilder(protocol).ObjectArray(sequences, python2: protocol < 3).Stop());

    /// <summary>A little-endian int64 .npy file of shape (n).</summary>
    public static byte[] Int64Npy(long[] values)
    {
        var data = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8 * i), values[i]);
        return NpyReaderTests.Npy("<i8", $"({values.Length},)", data);
    }

    /// <summary>A float64 .npy file of the given shape.</summary>
    public static byte[] Float64Npy(double[] values, string shape)
    {
        var data = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * i), values[i]);
        return NpyReaderTests.Npy("<f8", shape, data);
    }

    /// <summary>An .npz archive of the given members (names without ".npy").</summary>
    public static byte[] Npz(params (string Name, byte[] Npy)[] members)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, npy) in members)
                using (var s = zip.CreateEntry(name + ".npy").Open()) s.Write(npy);
        return ms.ToArray();
    }
}
