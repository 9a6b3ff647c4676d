using System.Text;
using KerasSharp.Datasets;

namespace KerasSharp.Tests.Datasets;

public class PickleReaderTests
{
    private static readonly int[][] Sequences = [[1, 300], [70000], []];

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ReadsNumpyObjectArrayOfIntLists(int protocol)
    {
        var pickle = new PickleBuilder(protocol).ObjectArray(Sequences, python2: protocol < 3).Stop();
        var array = Assert.IsType<PyNdArray>(PickleReader.Load(pickle, "x.npy"));
        Assert.Equal(new long[] { 3 }, array.Shape);
        Assert.Equal("O8", array.Dtype!.Descr);
        Assert.Equal('|', array.Dtype.ByteOrder);
        Assert.NotNull(array.Objects);
        Assert.Equal(new object?[] { 1L, 300L }, (List<object?>)array.Objects![0]!);
        Assert.Equal(new object?[] { 70000L }, (List<object?>)array.Objects[1]!);
        Assert.Empty((List<object?>)array.Objects[2]!);
    }

    [Fact]
    public void ReadsObjectNpyThroughNpyReader()
    {
        var array = NpyReader.ReadArray(PickleBuilder.ObjectNpy(Sequences), "x_train.npy");
        Assert.Equal("|O", array.Descr);
        Assert.Equal(Sequences, KerasDatasetDownloads.ToSequences(array, "x_train"));
    }

    [Fact]
    public void ReadsCifarStyleDictWithPython2ByteKeysAndUInt8Array()
    {
        var b = new PickleBuilder(2).Op((byte)'}').Memo().Op((byte)'(');
        b.Bytes(Encoding.ASCII.GetBytes("data"), python2: true);
        b.Array([1, 6], d => d.Dtype("u1", "|", 0, python2: true), p => p.Bytes([0, 1, 2, 3, 4, 255], python2: true), python2: true);
        b.Bytes(Encoding.ASCII.GetBytes("labels"), python2: true).IntList([3]);
        var dict = Assert.IsType<Dictionary<object, object?>>(PickleReader.Load(b.Op((byte)'u').Stop(), "batch"));
        Assert.True(PickleReader.TryGetItem(dict, "data", out var data));
        var array = Assert.IsType<PyNdArray>(data);
        Assert.Equal(new long[] { 1, 6 }, array.Shape);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 255 }, array.Data);
        Assert.True(PickleReader.TryGetItem(dict, "labels", out var labels));
        Assert.Equal(new object?[] { 3L }, (List<object?>)labels!);
    }

    [Fact]
    public void ReadsProtocolZeroText()
    {
        // pickle.dumps({'a': [1, 2**40]}, protocol=0) in Python 2 style: text opcodes.
        var text = "(dp0\nS'a'\np1\n(lp2\nI1\naL1099511627776L\nas.";
        var dict = Assert.IsType<Dictionary<object, object?>>(PickleReader.Load(Encoding.ASCII.GetBytes(text), "p0"));
        Assert.True(PickleReader.TryGetItem(dict, "a", out var value));
        Assert.Equal(new object?[] { 1L, 1099511627776L }, (List<object?>)value!);
    }

    [Fact]
    public void RefusesGlobalsOutsideKerasAllowList()
    {
        // cos\nsystem\n(S'echo hi'\ntR. : the classic code-execution gadget Keras' RestrictedUnpickler refuses too.
        var evil = Encoding.ASCII.GetBytes("cos\nsystem\n(S'echo hi'\ntR.");
        var e = Assert.Throws<InvalidDataException>(() => PickleReader.Load(evil, "evil.npy"));
        Assert.Contains("refusing to deserialize 'os.system'", e.Message);
        var codecs = new PickleBuilder(2).Global("_codecs", "encode");
        Assert.Contains("'_codecs.encode'", Assert.Throws<InvalidDataException>(() => PickleReader.Load(codecs.Stop(), "c")).Message);
    }

    [Fact]
    public void RejectsTruncatedUnbalancedAndUnknownOpcodes()
    {
        var full = new PickleBuilder(2).ObjectArray(Sequences, python2: true).Stop();
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => PickleReader.Load(full[..^10], "t")).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("unbalanced", Assert.Throws<InvalidDataException>(() => PickleReader.Load([0x80, 2, (byte)'K', 1, (byte)'K', 2, (byte)'.'], "u")).Message);
        Assert.Contains("opcode 0x81", Assert.Throws<InvalidDataException>(() => PickleReader.Load([0x80, 2, 0x81, (byte)'.'], "n")).Message);
        Assert.Contains("memo entry 7", Assert.Throws<InvalidDataException>(() => PickleReader.Load([0x80, 2, (byte)'h', 7, (byte)'.'], "m")).Message);
        var deep = Enumerable.Repeat((byte)'(', PickleReader.MaxMarkDepth + 1).ToArray();
        Assert.Contains("nesting deeper", Assert.Throws<InvalidDataException>(() => PickleReader.Load([0x80, 2, .. deep, (byte)'.'], "d")).Message);
    }

    [Fact]
    public void ObjectArrayCountMustMatchShape()
    {
        var b = new PickleBuilder(2).Array([3], d => d.Dtype("O8", "|", 63, true), p => p.Op((byte)']').Memo(), true);
        Assert.Contains("holds 0 objects", Assert.Throws<InvalidDataException>(() => PickleReader.Load(b.Stop(), "o")).Message);
    }
}
