using System.Buffers.Binary;
using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Export;

/// <summary>
/// Builds an ONNX model (onnx.proto, IR version 8, default-domain opset <see cref="Opset"/>): nodes, float32/int64
/// initializers, typed graph inputs and outputs, serialised with <see cref="ProtoWriter"/> (field numbers from onnx.proto).
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The default-domain opset the exporter writes (LayerNormalization needs 17).</summary>
    public const int Opset = 17;

    private readonly List<ProtoWriter> nodes = [];
    private readonly List<ProtoWriter> initializers = [];
    private readonly List<ProtoWriter> inputs = [];
    private readonly List<ProtoWriter> outputs = [];
    private readonly HashSet<string> names = [];
    private int counter;

    /// <summary>A new unique value name starting with <paramref name="hint"/>.</summary>
    public string Name(string hint)
    {
        var name = hint;
        while (!names.Add(name))
            name = $"{hint}_{++counter}";
        return name;
    }

    /// <summary>Adds a node; returns its output names (<paramref name="outputCount"/> of them, named after <paramref name="hint"/>).</summary>
    public string[] Node(string opType, IReadOnlyList<string> nodeInputs, string hint, int outputCount = 1, params (string Name, object Value)[] attributes)
    {
        var outs = Enumerable.Range(0, outputCount).Select(i => Name(outputCount == 1 ? hint : $"{hint}_out{i}")).ToArray();
        var n = new ProtoWriter();
        foreach (var i in nodeInputs) n.String(1, i);
        foreach (var o in outs) n.String(2, o);
        n.String(3, Name($"{hint}_{opType}"));
        n.String(4, opType);
        foreach (var (name, value) in attributes)
            n.Message(5, Attribute(name, value));
        nodes.Add(n);
        return outs;
    }

    /// <summary>Adds a one-output node and returns its output name.</summary>
    public string Op(string opType, string hint, IReadOnlyList<string> nodeInputs, params (string Name, object Value)[] attributes) =>
        Node(opType, nodeInputs, hint, 1, attributes)[0];

    /// <summary>Adds a float32 initializer holding <paramref name="value"/>'s data (copied now), returns its name.</summary>
    public string Float(string hint, Tensor value)
    {
        using var scope = NewDisposeScope();
        var t = value.detach().to_type(ScalarType.Float32).cpu().contiguous();
        var data = t.data<float>().ToArray();
        var raw = new byte[data.Length * 4];
        for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), data[i]);
        return Initializer(hint, t.shape, 1, raw);
    }

    /// <summary>Adds an int64 initializer (a shape or axes list), returns its name.</summary>
    public string Int64s(string hint, params long[] values)
    {
        var raw = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), values[i]);
        return Initializer(hint, [values.Length], 7, raw);
    }

    /// <summary>Adds a float32 scalar initializer, returns its name.</summary>
    public string Scalar(string hint, float value)
    {
        var raw = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(raw, value);
        return Initializer(hint, [], 1, raw);
    }

    private string Initializer(string hint, long[] dims, int dataType, byte[] raw)
    {
        var name = Name(hint);
        var t = new ProtoWriter();
        foreach (var d in dims) t.Int64(1, d);
        t.Varint(2, (ulong)dataType);
        t.String(8, name);
        t.Bytes(9, raw);
        initializers.Add(t);
        return name;
    }

    /// <summary>Declares a float32 graph input (a name from <see cref="Name"/>); null dimensions are symbolic.</summary>
    public void Input(string name, IReadOnlyList<long?> shape) => inputs.Add(ValueInfo(name, shape));

    /// <summary>Declares a float32 graph output.</summary>
    public void Output(string name, IReadOnlyList<long?> shape) => outputs.Add(ValueInfo(name, shape));

    private static ProtoWriter ValueInfo(string name, IReadOnlyList<long?> shape)
    {
        var dims = new ProtoWriter();
        for (int i = 0; i < shape.Count; i++)
        {
            var d = new ProtoWriter();
            if (shape[i] is long v) d.Int64(1, v);
            else d.String(2, i == 0 ? "batch" : $"dim_{i}");
            dims.Message(1, d);
        }
        var tensor = new ProtoWriter();
        tensor.Varint(1, 1); // elem_type FLOAT
        tensor.Message(2, dims);
        var type = new ProtoWriter();
        type.Message(1, tensor);
        var vi = new ProtoWriter();
        vi.String(1, name);
        vi.Message(2, type);
        return vi;
    }

    private static ProtoWriter Attribute(string name, object value)
    {
        var a = new ProtoWriter();
        a.String(1, name);
        switch (value)
        {
            case float f: a.Float(2, f); a.Varint(20, 1); break;
            case double d: a.Float(2, (float)d); a.Varint(20, 1); break;
            case int i: a.Int64(3, i); a.Varint(20, 2); break;
            case long l: a.Int64(3, l); a.Varint(20, 2); break;
            case string s: a.String(4, s); a.Varint(20, 3); break;
            case long[] ls: foreach (var l in ls) a.Int64(8, l); a.Varint(20, 7); break;
            case int[] iss: foreach (var i in iss) a.Int64(8, i); a.Varint(20, 7); break;
            case float[] fs: foreach (var f in fs) a.Float(7, f); a.Varint(20, 6); break;
            case string[] ss: foreach (var s in ss) a.String(9, s); a.Varint(20, 8); break;
            default: throw new ArgumentException($"ONNX attribute '{name}' of type {value.GetType().Name} is not supported.", nameof(value));
        }
        return a;
    }

    /// <summary>The serialised ModelProto.</summary>
    public byte[] ToBytes(string graphName, string producerVersion)
    {
        var g = new ProtoWriter();
        foreach (var n in nodes) g.Message(1, n);
        g.String(2, graphName);
        foreach (var t in initializers) g.Message(5, t);
        foreach (var i in inputs) g.Message(11, i);
        foreach (var o in outputs) g.Message(12, o);
        var opset = new ProtoWriter();
        opset.String(1, "");
        opset.Int64(2, Opset);
        var m = new ProtoWriter();
        m.Int64(1, 8);                 // ir_version
        m.String(2, "KerasSharp");     // producer_name
        m.String(3, producerVersion);  // producer_version
        m.Message(7, g);
        m.Message(8, opset);
        return m.ToArray();
    }
}
