using KerasSharp.Layers;
using KerasSharp.Models.Functional;
using static TorchSharp.torch;

namespace KerasSharp.Export;

/// <summary>
/// Converts a built Sequential or functional model to an ONNX graph for inference (what Keras' <c>model.export(path,
/// format="onnx")</c> gives): each layer becomes the ONNX operators that compute its inference output, weights as
/// float32 initializers, the batch axis symbolic. Channels-last convolution and pooling are wrapped in transposes to
/// ONNX's channels-first operators. Dropout and noise layers are identities, BatchNormalization uses its moving
/// statistics. A layer without a converter is refused by name while the graph is built in memory, so nothing is
/// written.
/// </summary>
internal sealed class OnnxExporter
{
    private static readonly HashSet<string> InferenceIdentities =
        ["Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout",
         "AlphaDropout", "ActivityRegularization", "Identity", "Masking"];

    private readonly OnnxGraph g = new();

    /// <summary>The ONNX file's bytes for <paramref name="model"/>.</summary>
    public static byte[] Export(Model model)
    {
        var exporter = new OnnxExporter();
        var outputs = exporter.ConvertModel(model, null);
        for (int i = 0; i < outputs.Count; i++)
            exporter.g.Output(outputs[i].Name, outputs[i].Shape.ToList());
        return exporter.g.ToBytes(model.Name, typeof(Keras).Assembly.GetName().Version?.ToString() ?? "0");
    }

    private readonly record struct Value(string Name, long?[] Shape);

    // Converts a model; inputs null means "declare the model's inputs as graph inputs".
    private List<Value> ConvertModel(Model model, IReadOnlyList<Value>? inputs)
    {
        if (model.Graph is { } graph)
            return ConvertGraph(graph, inputs);
        if (model is Sequential seq)
        {
            var shape = seq.InputShape ?? throw new InvalidOperationException(
                $"ExportOnnx: model \"{model.Name}\" is not built; call it on data or give it an Input first.");
            Value x;
            if (inputs is null)
            {
                var name = g.Name(seq.Layers.FirstOrDefault() is Input i ? i.Name : "input");
                x = new Value(name, [null, .. shape[1..]]);
                g.Input(name, x.Shape);
            }
            else x = inputs[0];
            foreach (var layer in seq.Layers)
                x = Convert(layer, [x])[0];
            return [x];
        }
        throw new NotSupportedException($"ExportOnnx: model \"{model.Name}\" ({model.GetType().Name}) is subclassed; only Sequential and functional models have a graph to export.");
    }

    private List<Value> ConvertGraph(FunctionalGraph graph, IReadOnlyList<Value>? inputs)
    {
        var values = new Dictionary<KerasTensor, Value>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < graph.Inputs.Count; i++)
        {
            var t = graph.Inputs[i];
            if (inputs is null)
            {
                var name = g.Name(t.Layer.Name);
                values[t] = new Value(name, [null, .. t.Shape[1..]]);
                g.Input(name, values[t].Shape);
            }
            else values[t] = inputs[i];
        }
        foreach (var node in graph.Nodes)
        {
            if (node.Layer is Input) continue;
            var ins = node.Inputs.Select(t => values[t]).ToList();
            var outs = Convert(node.Layer, ins, node.CallArguments);
            for (int k = 0; k < node.Outputs.Count; k++)
                values[node.Outputs[k]] = outs[k];
        }
        return graph.Outputs.Select(t => values[t]).ToList();
    }

    private List<Value> Convert(Layer layer, List<Value> xs, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        var x = xs[0];
        var name = layer.Name;
        switch (layer)
        {
            case Input:
                return [x];
            case Model inner:
                return ConvertModel(inner, xs);
            case Dense d:
            {
                var y = g.Op("MatMul", name, [x.Name, g.Float($"{name}/kernel", d.Kernel!)]);
                if (d.UseBias) y = g.Op("Add", name, [y, g.Float($"{name}/bias", d.Bias!)]);
                return [new(ActivationOp(d.Activation.Name, y, name), [.. x.Shape[..^1], d.Units])];
            }
            case EinsumDense ed:
                return [ConvertEinsumDense(ed, x, name)];
            case MultiHeadAttention mha:
                return ConvertAttention(mha, xs, arguments ?? new Dictionary<string, object?>(), name);
            case Activation a:
                return [x with { Name = ActivationOp(a.Function.Name, x.Name, name) }];
            case ReLU r:
            {
                string y = r.NegativeSlope != 0 || r.Threshold != 0
                    ? throw new NotSupportedException($"ExportOnnx: ReLU \"{name}\" with a negative slope or threshold has no ONNX converter.")
                    : g.Op("Relu", name, [x.Name]);
                if (r.MaxValue is double max) y = g.Op("Clip", name, [y, g.Scalar($"{name}/min", 0), g.Scalar($"{name}/max", (float)max)]);
                return [x with { Name = y }];
            }
            case LeakyReLU lr:
                return [x with { Name = g.Op("LeakyRelu", name, [x.Name], ("alpha", (float)lr.NegativeSlope)) }];
            case ELU e:
                return [x with { Name = g.Op("Elu", name, [x.Name], ("alpha", (float)e.Alpha)) }];
            case Softmax s:
                return [x with { Name = g.Op("Softmax", name, [x.Name], ("axis", (long)s.Axis)) }];
            case Flatten:
                return [new(g.Op("Flatten", name, [x.Name], ("axis", 1L)), [null, Product(x.Shape[1..])])];
            case Reshape rs:
            {
                var target = rs.TargetShape.Values.Select(v => (long)v).ToArray();
                var y = g.Op("Reshape", name, [x.Name, g.Int64s($"{name}/shape", [0, .. target])]);
                return [new(y, [null, .. target.Select(v => v < 0 ? (long?)null : v)])];
            }
            case BatchNormalization bn:
            {
                if (bn.Axis != -1 && bn.Axis != x.Shape.Length - 1)
                    throw new NotSupportedException($"ExportOnnx: BatchNormalization \"{name}\" normalises axis {bn.Axis}; only the last axis is converted.");
                using var scope = NewDisposeScope();
                var inv = (bn.MovingVariance! + bn.Epsilon).rsqrt();
                var scale = bn.Scale ? bn.Gamma! * inv : inv;
                var shift = (bn.Center ? bn.Beta! : zeros_like(inv)) - bn.MovingMean! * scale;
                var y = g.Op("Mul", name, [x.Name, g.Float($"{name}/scale", scale)]);
                return [x with { Name = g.Op("Add", name, [y, g.Float($"{name}/shift", shift)]) }];
            }
            case LayerNormalization ln:
            {
                var axes = ln.Axis.Values.ToArray();
                if (ln.RmsScaling || axes.Length != 1 || (axes[0] != -1 && axes[0] != x.Shape.Length - 1))
                    throw new NotSupportedException($"ExportOnnx: LayerNormalization \"{name}\" over axes [{string.Join(", ", axes)}]{(ln.RmsScaling ? " with rms_scaling" : "")} has no converter; the last axis is supported.");
                long n = x.Shape[^1] ?? throw new NotSupportedException($"ExportOnnx: LayerNormalization \"{name}\" needs a known last dimension.");
                using var scope = NewDisposeScope();
                var gamma = ln.Scale ? ln.Gamma! : ones(n);
                var beta = ln.Center ? ln.Beta! : zeros(n);
                return [x with { Name = g.Op("LayerNormalization", name, [x.Name, g.Float($"{name}/gamma", gamma), g.Float($"{name}/beta", beta)],
                    ("axis", -1L), ("epsilon", (float)ln.Epsilon)) }];
            }
            case Embedding emb:
            {
                var idx = g.Op("Cast", $"{name}/indices", [x.Name], ("to", 7L));
                return [new(g.Op("Gather", name, [g.Float($"{name}/embeddings", emb.Embeddings!), idx], ("axis", 0L)), [.. x.Shape, emb.OutputDim])];
            }
            case Concatenate c:
            {
                int axis = c.Axis < 0 ? c.Axis + x.Shape.Length : c.Axis;
                long? size = xs.All(v => v.Shape[axis].HasValue) ? xs.Sum(v => v.Shape[axis]!.Value) : null;
                var shape = (long?[])x.Shape.Clone();
                shape[axis] = size;
                return [new(g.Op("Concat", name, xs.Select(v => v.Name).ToList(), ("axis", (long)axis)), shape)];
            }
            case Add or Subtract or Multiply or Maximum or Minimum or Average:
                return [new(Merge(layer, xs, name), x.Shape)];
            case BaseConv conv when conv is Conv1D or Conv2D:
                return [ConvertConv(conv, x, name)];
            case RNN rnn when rnn.Cell is LSTMCell or GRUCell or SimpleRNNCell:
                return ConvertRecurrent([rnn], x, name, rnn.ReturnSequences, rnn.ReturnState);
            case Bidirectional bi when bi.ForwardLayer.Cell is LSTMCell or GRUCell or SimpleRNNCell:
                if (bi.MergeMode != "concat")
                    throw new NotSupportedException($"ExportOnnx: Bidirectional \"{name}\" with merge_mode \"{bi.MergeMode}\" has no converter; \"concat\" (the default) is supported.");
                if (bi.ForwardLayer.Cell.GetType() != bi.BackwardLayer.Cell.GetType() || bi.ForwardLayer.ReturnState)
                    throw new NotSupportedException($"ExportOnnx: Bidirectional \"{name}\" with different cells or return_state has no converter.");
                return ConvertRecurrent([bi.ForwardLayer, bi.BackwardLayer], x, name, bi.ForwardLayer.ReturnSequences, returnState: false);
            case BasePooling pool when pool.Rank is 1 or 2:
                return [ConvertPool(pool, x, name)];
            case BaseGlobalPooling gp when gp.Rank is 1 or 2:
            {
                bool channelsLast = gp.DataFormat == "channels_last";
                var axes = Enumerable.Range(channelsLast ? 1 : 2, gp.Rank).Select(a => (long)a).ToArray();
                var y = g.Op(gp.GetType().Name.Contains("Max") ? "ReduceMax" : "ReduceMean", name, [x.Name], ("axes", axes), ("keepdims", gp.Keepdims ? 1L : 0L));
                var shape = gp.Keepdims ? x.Shape.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray()
                                        : x.Shape.Where((_, i) => !axes.Contains(i)).ToArray();
                return [new(y, shape)];
            }
            default:
                if (InferenceIdentities.Contains(layer.GetType().Name))
                    return [x with { Name = g.Op("Identity", name, [x.Name]) }];
                throw new NotSupportedException(
                    $"ExportOnnx: layer \"{name}\" ({layer.GetType().Name}) has no ONNX converter. Supported: Dense, " +
                    "EinsumDense, MultiHeadAttention, Activation and the activation layers, Conv1D/2D, LSTM/GRU/SimpleRNN and Bidirectional (concat), MaxPooling1D/2D, AveragePooling1D/2D, the global " +
                    "poolings, Flatten, Reshape, BatchNormalization, LayerNormalization, Embedding, the merging layers, " +
                    "Dropout and the noise layers (identities at inference), and nested Sequential/functional models.");
        }
    }

    private string Merge(Layer layer, List<Value> xs, string name)
    {
        string op = layer switch { Add => "Add", Subtract => "Sub", Multiply => "Mul", Maximum => "Max", Minimum => "Min", _ => "Sum" };
        string y = op is "Sub" ? g.Op("Sub", name, [xs[0].Name, xs[1].Name])
                 : op is "Max" or "Min" or "Sum" ? g.Op(op, name, xs.Select(v => v.Name).ToList())
                 : xs.Skip(1).Aggregate(xs[0].Name, (acc, v) => g.Op(op, name, [acc, v.Name]));
        return layer is Average ? g.Op("Div", name, [y, g.Scalar($"{name}/count", xs.Count)]) : y;
    }

    // Keras' channels-last (N, spatial..., C) to ONNX's (N, C, spatial...) and back.
    private string ToChannelsFirst(string x, int rank, string name) =>
        g.Op("Transpose", $"{name}/to_channels_first", [x], ("perm", new long[] { 0, rank + 1 }.Concat(Enumerable.Range(1, rank).Select(i => (long)i)).ToArray()));

    private string ToChannelsLast(string x, int rank, string name) =>
        g.Op("Transpose", $"{name}/to_channels_last", [x], ("perm", new long[] { 0 }.Concat(Enumerable.Range(2, rank).Select(i => (long)i)).Append(1L).ToArray()));

    private Value ConvertConv(BaseConv conv, Value x, string name)
    {
        int rank = conv.Rank;
        bool channelsLast = conv.DataFormat == "channels_last";
        if (conv.Padding == "causal")
            throw new NotSupportedException($"ExportOnnx: Conv1D \"{name}\" with causal padding has no converter.");
        using var scope = NewDisposeScope();
        // Keras kernel (k..., in/groups, out) -> ONNX (out, in/groups, k...).
        var perm = new long[] { rank + 1, rank }.Concat(Enumerable.Range(0, rank).Select(i => (long)i)).ToArray();
        var w = g.Float($"{name}/kernel", conv.Kernel!.permute(perm));
        var input = channelsLast ? ToChannelsFirst(x.Name, rank, name) : x.Name;
        var inputs = new List<string> { input, w };
        if (conv.UseBias) inputs.Add(g.Float($"{name}/bias", conv.Bias!));
        var y = g.Op("Conv", name, inputs,
            ("auto_pad", conv.Padding == "same" ? "SAME_UPPER" : "VALID"),
            ("dilations", conv.DilationRate.Select(v => (long)v).ToArray()),
            ("group", (long)conv.Groups),
            ("kernel_shape", conv.KernelSize.Select(v => (long)v).ToArray()),
            ("strides", conv.Strides.Select(v => (long)v).ToArray()));
        if (channelsLast) y = ToChannelsLast(y, rank, name);
        y = ActivationOp(conv.Activation.Name, y, name);
        var spatial = channelsLast ? x.Shape[1..^1] : x.Shape[2..];
        var outSpatial = spatial.Select((d, i) => d is long n
            ? (long?)(conv.Padding == "same" ? (n + conv.Strides[i] - 1) / conv.Strides[i]
                : (n - (conv.KernelSize[i] - 1) * conv.DilationRate[i] - 1) / conv.Strides[i] + 1)
            : null).ToArray();
        long?[] shape = channelsLast ? [null, .. outSpatial, conv.Filters] : [null, conv.Filters, .. outSpatial];
        return new(y, shape);
    }

    // Keras' recurrent layers as ONNX LSTM / GRU / RNN (time-major, between transposes). Keras' gate blocks are reordered to
    // ONNX's (LSTM: Keras i,f,c,o to ONNX i,o,f,c; GRU: z,r,h in both), kernels transposed to (gates, in).
    // Two layers = Bidirectional (forward, backward): ONNX's "bidirectional" direction, outputs concatenated as Keras'
    // merge_mode "concat" does.
    private List<Value> ConvertRecurrent(RNN[] layers, Value x, string name, bool returnSequences, bool returnState)
    {
        var cell = layers[0].Cell;
        int u = cell.Units;
        foreach (var l in layers)
        {
            var c = l.Cell;
            bool backward = l.GoBackwards != (layers.Length == 2 && l == layers[1]);
            if (backward || l.Stateful)
                throw new NotSupportedException($"ExportOnnx: recurrent layer \"{l.Name}\" with go_backwards or stateful has no converter.");
            if (c.Activation.Name != "tanh" || (c is LSTMCell lc && lc.RecurrentActivation.Name != "sigmoid") || (c is GRUCell gc && gc.RecurrentActivation.Name != "sigmoid"))
                throw new NotSupportedException($"ExportOnnx: recurrent layer \"{l.Name}\" uses activations other than tanh/sigmoid; only Keras' defaults are converted.");
        }
        using var scope = NewDisposeScope();
        int[] order = cell switch { LSTMCell => [0, 3, 1, 2], GRUCell => [0, 1, 2], _ => [0] };
        Tensor Gates(Tensor t) => cat(order.Select(k => t.narrow(-1, k * u, u)).ToArray(), -1); // reorder the last axis
        var ws = new List<Tensor>();
        var rs = new List<Tensor>();
        var bs = new List<Tensor>();
        foreach (var l in layers)
        {
            var c = l.Cell;
            ws.Add(Gates(c.Kernel!).t());
            rs.Add(Gates(c.RecurrentKernel!).t());
            int gates = order.Length * u;
            Tensor wb, rb;
            if (!c.UseBias) (wb, rb) = (zeros(gates), zeros(gates));
            else if (c is GRUCell { ResetAfter: true }) (wb, rb) = (Gates(c.Bias![0]), Gates(c.Bias![1]));
            else (wb, rb) = (Gates(c.Bias!), zeros(gates));
            bs.Add(cat([wb, rb]));
        }
        string op = cell switch { LSTMCell => "LSTM", GRUCell => "GRU", _ => "RNN" };
        var attrs = new List<(string, object)>
        {
            ("direction", layers.Length == 2 ? "bidirectional" : "forward"),
            ("hidden_size", (long)u),
        };
        if (cell is GRUCell gru) attrs.Add(("linear_before_reset", gru.ResetAfter ? 1L : 0L));
        if (cell is SimpleRNNCell) attrs.Add(("activations", new[] { "Tanh", "Tanh" }[..layers.Length]));
        int outputs = cell is LSTMCell ? 3 : 2;
        // ONNX Runtime runs layout 0 only: (steps, batch, features) in, (steps, dirs, batch, units) out.
        var timeMajor = g.Op("Transpose", $"{name}/time_major", [x.Name], ("perm", new long[] { 1, 0, 2 }));
        var outs = g.Node(op, [timeMajor, g.Float($"{name}/W", stack(ws)), g.Float($"{name}/R", stack(rs)), g.Float($"{name}/B", stack(bs))],
                          name, outputs, [.. attrs]);
        long dirs = layers.Length;
        long? steps = x.Shape.Length > 1 ? x.Shape[1] : null;
        string y = returnSequences
            ? g.Op("Reshape", $"{name}/sequences", [g.Op("Transpose", $"{name}/batch_major", [outs[0]], ("perm", new long[] { 2, 0, 1, 3 })),
                                                    g.Int64s($"{name}/seq_shape", 0, 0, dirs * u)])  // (s, dirs, b, u) -> (b, s, dirs*u)
            : g.Op("Reshape", $"{name}/last", [g.Op("Transpose", $"{name}/batch_major", [outs[1]], ("perm", new long[] { 1, 0, 2 })),
                                               g.Int64s($"{name}/last_shape", 0, dirs * u)]);         // (dirs, b, u) -> (b, dirs*u)
        var result = new List<Value> { new(y, returnSequences ? [null, steps, dirs * u] : [null, dirs * u]) };
        if (returnState)
            for (int k = 1; k < outputs; k++)
                result.Add(new(g.Op("Reshape", $"{name}/state", [outs[k], g.Int64s($"{name}/state_shape", -1, u)]), [null, u])); // (1, b, u) -> (b, u)
        return result;
    }

    private Value ConvertEinsumDense(EinsumDense ed, Value x, string name)
    {
        var y = g.Op("Einsum", name, [x.Name, g.Float($"{name}/kernel", ed.Kernel!)], ("equation", ed.Equation));
        if (ed.Bias is not null) y = g.Op("Add", name, [y, g.Float($"{name}/bias", ed.Bias)]);
        var shape = Enumerable.ToArray<long?>(ed.ComputeOutputShape(new Shape(x.Shape)));
        return new(ActivationOp(ed.Activation.Name, y, name), [null, .. shape[1..]]);
    }

    // Keras' MultiHeadAttention on (batch, steps, features) inputs with the default attention axes: the four
    // EinsumDense projections, softmax(Q Kᵀ / sqrt(key_dim)) over the keys (with the causal mask when the call asked
    // for it), the weighted values, the output projection; the scores as a second output with return_attention_scores.
    private List<Value> ConvertAttention(MultiHeadAttention mha, List<Value> xs, IReadOnlyDictionary<string, object?> arguments, string name)
    {
        if (xs.Any(v => v.Shape.Length != 3) || mha.AttentionAxes is { Length: > 0 } axes && !(axes.Length == 1 && (axes[0] == 1 || axes[0] == -2)))
            throw new NotSupportedException($"ExportOnnx: MultiHeadAttention \"{name}\" is converted for (batch, steps, features) inputs with the default attention axes only.");
        var (returnScores, causal) = AttentionCallOptions.Read(mha, arguments);
        var q = xs[0];
        var v = xs.Count > 1 ? xs[1] : q;
        var k = xs.Count > 2 ? xs[2] : v;
        long heads = mha.NumHeads, keyDim = mha.KeyDim;
        string Heads(Value input, EinsumDense dense, string part) =>       // (B, T, N, size) -> (B, N, T, size)
            g.Op("Transpose", $"{name}/{part}_heads", [ConvertEinsumDense(dense, input, $"{name}/{part}").Name], ("perm", new long[] { 0, 2, 1, 3 }));
        var qh = g.Op("Mul", $"{name}/scaled_query", [Heads(q, mha.QueryDense!, "query"), g.Scalar($"{name}/scale", (float)(1 / Math.Sqrt(keyDim)))]);
        var kh = Heads(k, mha.KeyDense!, "key");
        var vh = Heads(v, mha.ValueDense!, "value");
        var scores = g.Op("MatMul", $"{name}/scores", [qh, g.Op("Transpose", $"{name}/key_t", [kh], ("perm", new long[] { 0, 1, 3, 2 }))]);
        string weights;
        if (causal)
        {
            // keep = lower triangle of ones shaped like the scores; masked scores get -1e9, as Keras' masked softmax.
            var ones = g.Op("Expand", $"{name}/ones", [g.Scalar($"{name}/unit", 1), g.Op("Shape", $"{name}/scores_shape", [scores])]);
            var keep = g.Op("Trilu", $"{name}/causal", [ones], ("upper", 0L));
            var penalty = g.Op("Mul", $"{name}/penalty", [g.Op("Sub", $"{name}/dropped", [g.Scalar($"{name}/one", 1), keep]), g.Scalar($"{name}/big", -1e9f)]);
            weights = g.Op("Mul", $"{name}/weights", [g.Op("Softmax", $"{name}/softmax", [g.Op("Add", $"{name}/masked", [scores, penalty])], ("axis", -1L)), keep]);
        }
        else
            weights = g.Op("Softmax", $"{name}/softmax", [scores], ("axis", -1L));
        var attended = g.Op("Transpose", $"{name}/attended", [g.Op("MatMul", $"{name}/weighted", [weights, vh])], ("perm", new long[] { 0, 2, 1, 3 }));
        var y = ConvertEinsumDense(mha.OutputDense!, new Value(attended, [null, q.Shape[1], heads, mha.ValueDim]), $"{name}/attention_output");
        var result = new List<Value> { y };
        if (returnScores)
            result.Add(new(weights, [null, heads, q.Shape[1], v.Shape[1]]));
        return result;
    }

    private Value ConvertPool(BasePooling pool, Value x, string name)
    {
        int rank = pool.Rank;
        bool channelsLast = pool.DataFormat == "channels_last";
        bool max = pool.GetType().Name.StartsWith("Max", StringComparison.Ordinal);
        var input = channelsLast ? ToChannelsFirst(x.Name, rank, name) : x.Name;
        var attrs = new List<(string, object)>
        {
            ("auto_pad", pool.Padding == "same" ? "SAME_UPPER" : "VALID"),
            ("kernel_shape", pool.PoolSize.Select(v => (long)v).ToArray()),
            ("strides", pool.Strides.Select(v => (long)v).ToArray()),
        };
        if (!max) attrs.Add(("count_include_pad", 0L)); // Keras averages over the valid cells only
        var y = g.Op(max ? "MaxPool" : "AveragePool", name, [input], [.. attrs]);
        if (channelsLast) y = ToChannelsLast(y, rank, name);
        var spatial = channelsLast ? x.Shape[1..^1] : x.Shape[2..];
        var outSpatial = spatial.Select((d, i) => d is long n
            ? (long?)(pool.Padding == "same" ? (n + pool.Strides[i] - 1) / pool.Strides[i] : (n - pool.PoolSize[i]) / pool.Strides[i] + 1)
            : null).ToArray();
        long? channels = channelsLast ? x.Shape[^1] : x.Shape[1];
        long?[] shape = channelsLast ? [null, .. outSpatial, channels] : [null, channels, .. outSpatial];
        return new(y, shape);
    }

    // Keras activation names to ONNX operators (inference forms, Keras' formulas and defaults).
    private string ActivationOp(string activation, string x, string name)
    {
        string Op(string op, params (string, object)[] attrs) => g.Op(op, $"{name}/{activation}", [x], attrs);
        return activation switch
        {
            "linear" or null or "" => x,
            "relu" => Op("Relu"),
            "sigmoid" => Op("Sigmoid"),
            "tanh" => Op("Tanh"),
            "softmax" => Op("Softmax", ("axis", -1L)),
            "elu" => Op("Elu", ("alpha", 1f)),
            "selu" => Op("Selu", ("alpha", 1.67326324f), ("gamma", 1.05070098f)),
            "softplus" => Op("Softplus"),
            "softsign" => Op("Softsign"),
            "exponential" => Op("Exp"),
            "leaky_relu" => Op("LeakyRelu", ("alpha", 0.2f)),
            "relu6" => g.Op("Clip", $"{name}/relu6", [x, g.Scalar($"{name}/zero", 0), g.Scalar($"{name}/six", 6)]),
            "hard_sigmoid" => Op("HardSigmoid", ("alpha", 1f / 6), ("beta", 0.5f)),
            "silu" or "swish" => g.Op("Mul", $"{name}/{activation}", [x, Op("Sigmoid")]),
            "log_softmax" => Op("LogSoftmax", ("axis", -1L)),
            "gelu" => Gelu(x, name),
            _ => throw new NotSupportedException($"ExportOnnx: layer \"{name}\" uses activation \"{activation}\", which has no ONNX converter."),
        };
    }

    // Keras' gelu default (approximate=False): 0.5 x (1 + erf(x / sqrt 2)).
    private string Gelu(string x, string name)
    {
        var scaled = g.Op("Mul", $"{name}/gelu", [x, g.Scalar($"{name}/inv_sqrt2", (float)(1 / Math.Sqrt(2)))]);
        var erf = g.Op("Erf", $"{name}/gelu", [scaled]);
        var onePlus = g.Op("Add", $"{name}/gelu", [erf, g.Scalar($"{name}/one", 1)]);
        var half = g.Op("Mul", $"{name}/gelu", [x, g.Scalar($"{name}/half", 0.5f)]);
        return g.Op("Mul", $"{name}/gelu", [half, onePlus]);
    }

    private static long? Product(long?[] dims) => dims.All(d => d.HasValue) ? dims.Aggregate(1L, (a, d) => a * d!.Value) : null;
}
