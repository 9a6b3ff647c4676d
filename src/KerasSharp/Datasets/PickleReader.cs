using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace KerasSharp.Datasets;

/// <summary>A Python tuple read from a pickle.</summary>
internal sealed record PyTuple(IReadOnlyList<object?> Items);

/// <summary>A NumPy dtype rebuilt from a pickle (<c>numpy.dtype(str, 0, 1)</c> plus its state): its descriptor and byte order.</summary>
internal sealed class PyDtype(string descr)
{
    /// <summary>The type string as pickled ("O8", "u1", "i8", "f4").</summary>
    public string Descr { get; } = descr;

    /// <summary>The byte-order character of the state ('|', '&lt;', '&gt;', '='); '|' until the state is applied.</summary>
    public char ByteOrder { get; set; } = '|';
}

/// <summary>
/// A NumPy array rebuilt from a pickle (<c>numpy.core.multiarray._reconstruct</c> plus its state): shape, dtype and
/// either raw bytes (numeric dtypes) or the Python objects of an object array.
/// </summary>
internal sealed class PyNdArray
{
    /// <summary>The shape (empty until the state is applied).</summary>
    public long[] Shape { get; set; } = [];

    /// <summary>The dtype (null until the state is applied).</summary>
    public PyDtype? Dtype { get; set; }

    /// <summary>The raw data of a numeric array, C order.</summary>
    public byte[]? Data { get; set; }

    /// <summary>The elements of an object array (dtype "O"), C order.</summary>
    public IReadOnlyList<object?>? Objects { get; set; }
}

/// <summary>
/// A restricted unpickler for the pickles inside Keras' dataset files (the object arrays of <c>imdb.npz</c> and
/// <c>reuters.npz</c>, the CIFAR batches): the opcodes of protocols 0 to 5 that plain data uses (ints, floats,
/// strings, bytes, lists, tuples, dicts, memo) and exactly the globals Keras' own <c>RestrictedUnpickler</c> allows:
/// <c>numpy.ndarray</c>, <c>numpy.dtype</c> and <c>numpy.core.multiarray._reconstruct</c> (or <c>numpy._core</c>).
/// Nothing is ever executed: the three globals are interpreted as data. Python 2 byte strings (<c>STRING</c>,
/// <c>BINSTRING</c>, <c>SHORT_BINSTRING</c>) are returned as <c>byte[]</c>, like Python's <c>encoding="bytes"</c>.
/// Limits guard against hostile files: nesting depth, memo size and the total number of values created.
/// </summary>
internal sealed class PickleReader
{
    /// <summary>A Python global the reader accepts.</summary>
    private sealed record PyGlobal(string Module, string Name);

    /// <summary>Maximum number of values (scalars and containers) created by one pickle.</summary>
    internal const long MaxValues = 200_000_000;

    /// <summary>Maximum number of open MARKs (container nesting while building).</summary>
    internal const int MaxMarkDepth = 64;

    /// <summary>Maximum number of memo entries.</summary>
    internal const int MaxMemo = 50_000_000;

    private readonly byte[] data;
    private readonly string name;
    private int pos;
    private long values;

    private PickleReader(byte[] data, int start, string name)
    {
        this.data = data;
        pos = start;
        this.name = name;
    }

    /// <summary>Unpickles the object starting at <paramref name="start"/> in <paramref name="data"/>.</summary>
    /// <exception cref="InvalidDataException">A malformed pickle, an unsupported opcode, a refused global, or a limit hit.</exception>
    internal static object? Load(byte[] data, string name, int start = 0) => new PickleReader(data, start, name).Run();

    private InvalidDataException Error(string message) => new($"'{name}': {message} (pickle offset {pos}).");

    private object? Run()
    {
        var stack = new List<object?>();
        var marks = new Stack<int>();
        var memo = new Dictionary<long, object?>();
        while (true)
        {
            if (pos >= data.Length) throw Error("the pickle is truncated: it ends without a STOP opcode");
            byte op = data[pos++];
            switch (op)
            {
                case 0x80: // PROTO
                    {
                        int version = ReadByte();
                        if (version > 5) throw Error($"pickle protocol {version} is not supported (0 to 5)");
                        break;
                    }
                case 0x95: ReadBytes(8); break; // FRAME: framing is only a hint to buffered readers
                case (byte)'.': // STOP
                    if (stack.Count != 1 || marks.Count != 0) throw Error("the pickle stack is unbalanced at STOP");
                    return stack[0];
                case (byte)'(': // MARK
                    if (marks.Count >= MaxMarkDepth) throw Error($"nesting deeper than {MaxMarkDepth}");
                    marks.Push(stack.Count);
                    break;
                case (byte)'N': Push(stack, null); break;
                case 0x88: Push(stack, true); break;
                case 0x89: Push(stack, false); break;
                case (byte)'K': Push(stack, (long)ReadByte()); break; // BININT1
                case (byte)'M': Push(stack, (long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break; // BININT2
                case (byte)'J': Push(stack, (long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break; // BININT
                case 0x8a: Push(stack, ReadLong(ReadByte())); break; // LONG1
                case 0x8b: Push(stack, ReadLong(checked((int)BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))))); break; // LONG4
                case (byte)'G': Push(stack, BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break; // BINFLOAT
                case (byte)'I': // INT (protocol 0): "01"/"00" are booleans
                    {
                        var text = ReadLine();
                        if (text == "01") Push(stack, true);
                        else if (text == "00") Push(stack, false);
                        else Push(stack, ParseLong(text));
                        break;
                    }
                case (byte)'L': Push(stack, ParseLong(ReadLine().TrimEnd('L'))); break; // LONG (protocol 0)
                case (byte)'F': // FLOAT (protocol 0)
                    if (!double.TryParse(ReadLine(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f)) throw Error("a malformed FLOAT");
                    Push(stack, f);
                    break;
                case (byte)'S': Push(stack, ParseQuotedString(ReadLine())); break; // STRING (protocol 0)
                case (byte)'U': Push(stack, ReadBytes(ReadByte()).ToArray()); break; // SHORT_BINSTRING
                case (byte)'T': Push(stack, ReadBytes(ReadLength4()).ToArray()); break; // BINSTRING
                case (byte)'C': Push(stack, ReadBytes(ReadByte()).ToArray()); break; // SHORT_BINBYTES
                case (byte)'B': Push(stack, ReadBytes(ReadLength4()).ToArray()); break; // BINBYTES
                case 0x8e: Push(stack, ReadBytes(ReadLength8()).ToArray()); break; // BINBYTES8
                case 0x8c: Push(stack, Encoding.UTF8.GetString(ReadBytes(ReadByte()))); break; // SHORT_BINUNICODE
                case (byte)'X': Push(stack, Encoding.UTF8.GetString(ReadBytes(ReadLength4()))); break; // BINUNICODE
                case 0x8d: Push(stack, Encoding.UTF8.GetString(ReadBytes(ReadLength8()))); break; // BINUNICODE8
                case (byte)']': Push(stack, new List<object?>()); break; // EMPTY_LIST
                case (byte)')': Push(stack, new PyTuple([])); break; // EMPTY_TUPLE
                case (byte)'}': Push(stack, new Dictionary<object, object?>(KeyComparer.Instance)); break; // EMPTY_DICT
                case 0x85: Push(stack, new PyTuple(PopN(stack, 1))); break; // TUPLE1
                case 0x86: Push(stack, new PyTuple(PopN(stack, 2))); break; // TUPLE2
                case 0x87: Push(stack, new PyTuple(PopN(stack, 3))); break; // TUPLE3
                case (byte)'t': Push(stack, new PyTuple(PopMark(stack, marks))); break; // TUPLE
                case (byte)'l': Push(stack, new List<object?>(PopMark(stack, marks))); break; // LIST
                case (byte)'d': // DICT
                    {
                        var items = PopMark(stack, marks);
                        var dict = new Dictionary<object, object?>(KeyComparer.Instance);
                        SetItems(dict, items);
                        Push(stack, dict);
                        break;
                    }
                case (byte)'a': // APPEND
                    {
                        var item = Pop(stack);
                        AsList(Peek(stack)).Add(item);
                        break;
                    }
                case (byte)'e': // APPENDS
                    {
                        var items = PopMark(stack, marks);
                        AsList(Peek(stack)).AddRange(items);
                        break;
                    }
                case (byte)'s': // SETITEM
                    {
                        var value = Pop(stack);
                        var key = Pop(stack);
                        SetItems(AsDict(Peek(stack)), [key, value]);
                        break;
                    }
                case (byte)'u': // SETITEMS
                    {
                        var items = PopMark(stack, marks);
                        SetItems(AsDict(Peek(stack)), items);
                        break;
                    }
                case (byte)'q': MemoPut(memo, ReadByte(), Peek(stack)); break; // BINPUT
                case (byte)'r': MemoPut(memo, BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)), Peek(stack)); break; // LONG_BINPUT
                case (byte)'p': MemoPut(memo, ParseLong(ReadLine()), Peek(stack)); break; // PUT
                case 0x94: MemoPut(memo, memo.Count, Peek(stack)); break; // MEMOIZE
                case (byte)'h': Push(stack, MemoGet(memo, ReadByte())); break; // BINGET
                case (byte)'j': Push(stack, MemoGet(memo, BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)))); break; // LONG_BINGET
                case (byte)'g': Push(stack, MemoGet(memo, ParseLong(ReadLine()))); break; // GET
                case (byte)'c': // GLOBAL
                    {
                        var module = ReadLine();
                        var global = ReadLine();
                        Push(stack, Global(module, global));
                        break;
                    }
                case 0x93: // STACK_GLOBAL
                    {
                        var global = Pop(stack) as string ?? throw Error("STACK_GLOBAL needs two strings");
                        var module = Pop(stack) as string ?? throw Error("STACK_GLOBAL needs two strings");
                        Push(stack, Global(module, global));
                        break;
                    }
                case (byte)'R': // REDUCE
                    {
                        var args = Pop(stack) as PyTuple ?? throw Error("REDUCE needs an argument tuple");
                        var callable = Pop(stack) as PyGlobal ?? throw Error("REDUCE needs a callable");
                        Push(stack, Reduce(callable, args));
                        break;
                    }
                case (byte)'b': // BUILD
                    {
                        var state = Pop(stack);
                        Build(Peek(stack), state);
                        break;
                    }
                case (byte)'0': Pop(stack); break; // POP
                case (byte)'1': PopMark(stack, marks); break; // POP_MARK
                case (byte)'2': Push(stack, Peek(stack)); break; // DUP
                default:
                    throw Error($"opcode 0x{op:X2} ('{(op is >= 32 and < 127 ? (char)op : '?')}') is not supported by this restricted reader");
            }
        }
    }

    private void Push(List<object?> stack, object? value)
    {
        if (++values > MaxValues) throw Error($"more than {MaxValues} values");
        stack.Add(value);
    }

    private object? Pop(List<object?> stack)
    {
        if (stack.Count == 0) throw Error("pop from an empty stack");
        var value = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private object? Peek(List<object?> stack)
    {
        if (stack.Count == 0) throw Error("the stack is empty");
        return stack[^1];
    }

    private object?[] PopN(List<object?> stack, int n)
    {
        if (stack.Count < n) throw Error($"a tuple of {n} needs {n} values on the stack");
        var items = stack.GetRange(stack.Count - n, n).ToArray();
        stack.RemoveRange(stack.Count - n, n);
        return items;
    }

    private List<object?> PopMark(List<object?> stack, Stack<int> marks)
    {
        if (marks.Count == 0) throw Error("no MARK to pop to");
        int start = marks.Pop();
        if (start > stack.Count) throw Error("the MARK is above the stack");
        var items = stack.GetRange(start, stack.Count - start);
        stack.RemoveRange(start, stack.Count - start);
        return items;
    }

    private List<object?> AsList(object? value) => value as List<object?> ?? throw Error("APPEND on something that is not a list");

    private Dictionary<object, object?> AsDict(object? value) => value as Dictionary<object, object?> ?? throw Error("SETITEM on something that is not a dict");

    private void SetItems(Dictionary<object, object?> dict, List<object?> items)
    {
        if (items.Count % 2 != 0) throw Error("SETITEMS needs key/value pairs");
        for (int i = 0; i < items.Count; i += 2)
        {
            var key = items[i] ?? throw Error("a dict key is None");
            if (key is List<object?> or Dictionary<object, object?>) throw Error("a dict key is not hashable");
            dict[key] = items[i + 1];
        }
    }

    private void MemoPut(Dictionary<long, object?> memo, long index, object? value)
    {
        if (memo.Count >= MaxMemo && !memo.ContainsKey(index)) throw Error($"more than {MaxMemo} memo entries");
        memo[index] = value;
    }

    private object? MemoGet(Dictionary<long, object?> memo, long index) =>
        memo.TryGetValue(index, out var value) ? value : throw Error($"memo entry {index} is not defined");

    private PyGlobal Global(string module, string global)
    {
        bool allowed = (module, global) switch
        {
            ("numpy", "ndarray") or ("numpy", "dtype") => true,
            ("numpy.core.multiarray" or "numpy._core.multiarray", "_reconstruct") => true,
            _ => false,
        };
        if (!allowed)
            throw Error($"refusing to deserialize '{module}.{global}': only numpy.ndarray, numpy.dtype and numpy's _reconstruct are " +
                "allowed in a Keras dataset file. The file may be corrupted or malicious");
        return new PyGlobal(module, global);
    }

    private object Reduce(PyGlobal callable, PyTuple args)
    {
        if (callable.Name == "_reconstruct")
        {
            // _reconstruct(numpy.ndarray, shape, b'b'): an empty array whose state BUILD fills in.
            if (args.Items.Count != 3 || args.Items[0] is not PyGlobal { Name: "ndarray" })
                throw Error("_reconstruct expects (numpy.ndarray, shape, typecode)");
            return new PyNdArray();
        }
        if (callable.Name == "dtype")
        {
            if (args.Items.Count < 1 || AsText(args.Items[0]) is not string descr)
                throw Error("numpy.dtype expects a type string");
            return new PyDtype(descr);
        }
        throw Error($"'{callable.Module}.{callable.Name}' cannot be called");
    }

    private void Build(object? target, object? state)
    {
        switch (target)
        {
            case PyDtype dtype:
                // (version, byteorder, subarray, names, fields, elsize, alignment, flags)
                if (state is PyTuple { Items.Count: >= 2 } dtypeState && AsText(dtypeState.Items[1]) is string order && order.Length == 1)
                    dtype.ByteOrder = order[0];
                else throw Error("an unexpected numpy.dtype state");
                break;
            case PyNdArray array:
                {
                    // (version, shape, dtype, is_fortran, data)
                    if (state is not PyTuple { Items.Count: 5 } s || s.Items[1] is not PyTuple shape || s.Items[2] is not PyDtype arrayDtype)
                        throw Error("an unexpected numpy.ndarray state");
                    if (s.Items[3] is true) throw Error("Fortran-ordered arrays are not supported");
                    array.Shape = shape.Items.Select(d => d is long l && l >= 0 ? l : throw Error("a bad array dimension")).ToArray();
                    array.Dtype = arrayDtype;
                    long count = 1;
                    foreach (var d in array.Shape) count = checked(count * d);
                    switch (s.Items[4])
                    {
                        case byte[] raw:
                            array.Data = raw;
                            break;
                        case string text: // Python 3 protocol-0 data: latin-1 code points
                            array.Data = Encoding.Latin1.GetBytes(text);
                            break;
                        case List<object?> objects:
                            if (objects.Count != count) throw Error($"an object array of shape ({string.Join(", ", array.Shape)}) holds {objects.Count} objects");
                            array.Objects = objects;
                            break;
                        default:
                            throw Error("an unexpected numpy.ndarray data payload");
                    }
                    break;
                }
            default:
                throw Error("BUILD on an object that is neither a numpy array nor a dtype");
        }
    }

    /// <summary>A Python 3 str, or a Python 2 str (read as bytes) decoded as Latin-1; null for anything else.</summary>
    private static string? AsText(object? value) => value switch
    {
        string s => s,
        byte[] b => Encoding.Latin1.GetString(b),
        _ => null,
    };

    private int ReadByte()
    {
        if (pos >= data.Length) throw Error("the pickle is truncated");
        return data[pos++];
    }

    private ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || data.Length - pos < count) throw Error("the pickle is truncated");
        var span = data.AsSpan(pos, count);
        pos += count;
        return span;
    }

    private int ReadLength4()
    {
        uint n = BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));
        if (n > int.MaxValue) throw Error($"a string of {n} bytes is too large");
        return (int)n;
    }

    private int ReadLength8()
    {
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));
        if (n > int.MaxValue) throw Error($"a string of {n} bytes is too large");
        return (int)n;
    }

    private object ReadLong(int byteCount)
    {
        var bytes = ReadBytes(byteCount);
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    private string ReadLine()
    {
        int end = Array.IndexOf(data, (byte)'\n', pos);
        if (end < 0) throw Error("the pickle is truncated inside a text argument");
        var text = Encoding.Latin1.GetString(data, pos, end - pos);
        pos = end + 1;
        return text;
    }

    private long ParseLong(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw Error($"a malformed integer '{text}'");

    private byte[] ParseQuotedString(string text)
    {
        if (text.Length < 2 || text[0] != text[^1] || text[0] is not ('\'' or '"')) throw Error("a malformed STRING");
        var result = new List<byte>(text.Length);
        for (int i = 1; i < text.Length - 1; i++)
        {
            char c = text[i];
            if (c != '\\') { result.Add((byte)c); continue; }
            if (++i >= text.Length - 1) throw Error("a malformed escape in a STRING");
            char e = text[i];
            switch (e)
            {
                case 'n': result.Add((byte)'\n'); break;
                case 'r': result.Add((byte)'\r'); break;
                case 't': result.Add((byte)'\t'); break;
                case '\\': result.Add((byte)'\\'); break;
                case '\'': result.Add((byte)'\''); break;
                case '"': result.Add((byte)'"'); break;
                case 'x':
                    if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                        throw Error("a malformed \\x escape in a STRING");
                    result.Add(b);
                    i += 2;
                    break;
                default: throw Error($"an unsupported escape '\\{e}' in a STRING");
            }
        }
        return [.. result];
    }

    /// <summary>Dict keys compare by value: strings, longs, and byte strings by content.</summary>
    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public new bool Equals(object? x, object? y) =>
            x is byte[] a && y is byte[] b ? a.AsSpan().SequenceEqual(b) : object.Equals(x, y);

        public int GetHashCode(object obj)
        {
            if (obj is not byte[] bytes) return obj.GetHashCode();
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }

    /// <summary>Looks up <paramref name="key"/> in a pickled dict whose keys are str or (Python 2) bytes.</summary>
    internal static bool TryGetItem(Dictionary<object, object?> dict, string key, out object? value) =>
        dict.TryGetValue(key, out value) || dict.TryGetValue(Encoding.UTF8.GetBytes(key), out value);
}
