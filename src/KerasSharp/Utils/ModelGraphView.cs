using System.Net;
using System.Text;
using KerasSharp.Layers;

namespace KerasSharp.Utils;

/// <summary>
/// A model's layer graph as Keras' <c>model_to_dot</c> draws it (keras/src/utils/model_visualization.py): one box per
/// layer (a Sequential's layers; a functional model's layers, InputLayers included; a subclassed model is one box),
/// arrows along the connections, nested models optionally expanded into clusters. Each box has a title row
/// (<c>name (ClassName)</c> or <c>ClassName</c>) and optional rows: the activation, then one row of cells for the
/// input and output shapes, the output dtype and whether the layer is trainable.
/// </summary>
internal sealed class ModelGraphView
{
    /// <summary>One box: a unique id, the title (its first BoldLength characters bold), the optional activation row, the cells of the last row, and the cluster it is drawn in (null: top level).</summary>
    internal sealed record Box(string Id, string Title, int BoldLength, string? Activation, IReadOnlyList<string> Cells, bool? Trainable, string? Cluster);

    /// <summary>The options of Keras' <c>model_to_dot</c>.</summary>
    internal readonly record struct Options(bool ShowShapes, bool ShowDtype, bool ShowLayerNames, bool ExpandNested,
                                            bool ShowLayerActivations, bool ShowTrainable);

    private readonly List<Box> boxes = [];
    private readonly List<(string From, string To)> edges = [];
    private readonly Dictionary<Layer, string> ids = new(ReferenceEqualityComparer.Instance);
    private readonly Options options;

    private ModelGraphView(Options options) => this.options = options;

    /// <summary>The boxes, in Keras' order.</summary>
    public IReadOnlyList<Box> Boxes => boxes;

    /// <summary>The arrows (box ids), each once.</summary>
    public IReadOnlyList<(string From, string To)> Edges => edges;

    /// <summary>The graph of <paramref name="model"/>, which must be built.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public static ModelGraphView Of(Model model, Options options)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Built)
            throw new InvalidOperationException(
                $"This model (\"{model.Name}\") has not yet been built. Build the model first by calling Build() or by calling the model on a batch of data.");
        var view = new ModelGraphView(options);
        view.AddModel(model, cluster: null);
        return view;
    }

    // Adds the model's boxes and inner edges; returns the boxes where arrows into and out of the model attach.
    private (List<string> Entries, List<string> Exits) AddModel(Model model, string? cluster)
    {
        if (model is Sequential seq)
        {
            var layers = seq.Layers.Where(l => l is not Input).ToList();
            var ends = layers.Select(l => AddLayer(l, cluster)).ToList();
            for (int i = 0; i + 1 < ends.Count; i++)
                foreach (var from in ends[i].Exits)
                    foreach (var to in ends[i + 1].Entries)
                        AddEdge(from, to);
            return ends.Count == 0 ? ([], []) : (ends[0].Entries, ends[^1].Exits);
        }
        if (model.Graph is { } graph)
        {
            var ends = new Dictionary<Layer, (List<string> Entries, List<string> Exits)>(ReferenceEqualityComparer.Instance);
            foreach (var layer in graph.Layers)
                ends[layer] = AddLayer(layer, cluster);
            foreach (var node in graph.Nodes)
                foreach (var input in node.Inputs)
                    if (ends.TryGetValue(input.Layer, out var src) && ends.TryGetValue(node.Layer, out var dst))
                        foreach (var from in src.Exits)
                            foreach (var to in dst.Entries)
                                AddEdge(from, to);
            var entries = graph.Inputs.SelectMany(t => ends[t.Layer].Entries).ToList();
            var exits = graph.Outputs.SelectMany(t => ends[t.Layer].Exits).Distinct().ToList();
            return (entries, exits);
        }
        var single = AddBox(model, cluster);
        return ([single], [single]);
    }

    private (List<string> Entries, List<string> Exits) AddLayer(Layer layer, string? cluster)
    {
        if (options.ExpandNested && layer is Model inner && (inner is Sequential || inner.Graph is not null))
            return AddModel(inner, inner.Name);
        var id = AddBox(layer, cluster);
        return ([id], [id]);
    }

    private string AddBox(Layer layer, string? cluster)
    {
        if (ids.TryGetValue(layer, out var existing))
            return existing;
        var id = layer.Name;
        for (int k = 1; boxes.Any(b => b.Id == id); k++) id = $"{layer.Name}_{k}";
        ids[layer] = id;
        string cls = SummaryPrinter.TypeName(layer);
        string title = options.ShowLayerNames ? $"{layer.Name} ({cls})" : cls;
        string? activation = options.ShowLayerActivations ? ActivationOf(layer) : null;
        var cells = new List<string>();
        if (options.ShowShapes)
        {
            if (cls != "InputLayer") cells.Add($"Input shape: {Shapes(() => layer.InputTensors)}");
            cells.Add($"Output shape: {Shapes(() => layer.OutputTensors)}");
        }
        if (options.ShowDtype) cells.Add($"Output dtype: {Dtype(layer)}");
        bool? trainable = options.ShowTrainable && layer.Weights.Count > 0 ? layer.Trainable : null;
        boxes.Add(new Box(id, title, options.ShowLayerNames ? layer.Name.Length : cls.Length, activation, cells, trainable, cluster));
        return id;
    }

    private void AddEdge(string from, string to)
    {
        if (!edges.Contains((from, to)))
            edges.Add((from, to));
    }

    private static string? ActivationOf(Layer layer) => layer.GetType().GetProperty("Activation")?.GetValue(layer) switch
    {
        Activations.ActivationFunction f => f.Name,
        _ => null,
    };

    private static string Shapes(Func<IReadOnlyList<KerasTensor>> tensors)
    {
        try
        {
            var list = tensors();
            return list.Count == 1 ? list[0].Shape.ToString() : "[" + string.Join(", ", list.Select(t => t.Shape.ToString())) + "]";
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private static string Dtype(Layer layer)
    {
        try
        {
            var outs = layer.OutputTensors;
            var names = outs.Select(t => t.DType.ToString().ToLowerInvariant()).ToList();
            return names.Count == 1 ? names[0] : "[" + string.Join(", ", names) + "]";
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    /// <summary>
    /// The graph in Graphviz DOT, as pydot writes Keras' <c>model_to_dot</c> result: the graph attributes (rankdir,
    /// concentrate, dpi, splines), HTML-table labels with Keras' colours and font sizes, nested models as dashed
    /// clusters, edges with pen width 2.
    /// </summary>
    public string ToDot(string rankdir, int dpi, string splines = "ortho")
    {
        var sb = new StringBuilder();
        sb.Append("digraph G {\n");
        sb.Append($"rankdir={rankdir};\nconcentrate=True;\ndpi={dpi};\nsplines={splines};\nnode [shape=record];\n");
        foreach (var group in boxes.GroupBy(b => b.Cluster))
        {
            string indent = group.Key is null ? "" : "  ";
            if (group.Key is not null)
                sb.Append($"subgraph \"cluster_{Escape(group.Key)}\" {{\n  label=\"{Escape(group.Key)}\";\n  labeljust=l;\n  style=dashed;\n");
            foreach (var b in group)
                sb.Append(indent).Append('"').Append(Escape(b.Id)).Append("\" [label=").Append(Label(b))
                  .Append(", fontname=Helvetica, border=0, margin=0];\n");
            if (group.Key is not null)
                sb.Append("}\n");
        }
        foreach (var (from, to) in edges)
            sb.Append($"\"{Escape(from)}\" -> \"{Escape(to)}\"  [penwidth=2];\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Label(Box b)
    {
        int colspan = Math.Max(1, b.Cells.Count + (b.Trainable is null ? 0 : 1));
        var sb = new StringBuilder("<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\">");
        sb.Append($"<tr><td colspan=\"{colspan}\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\"><b>{Html(b.Title[..b.BoldLength])}</b>{Html(b.Title[b.BoldLength..])}</font></td></tr>");
        if (b.Activation is not null)
            sb.Append($"<tr><td bgcolor=\"white\" colspan=\"{colspan}\"><font point-size=\"14\">Activation: <b>{Html(b.Activation)}</b></font></td></tr>");
        if (b.Cells.Count > 0 || b.Trainable is not null)
        {
            sb.Append("<tr>");
            foreach (var c in b.Cells)
            {
                int colon = c.IndexOf(": ", StringComparison.Ordinal);
                sb.Append($"<td bgcolor=\"white\"><font point-size=\"14\">{Html(c[..(colon + 2)])}<b>{Html(c[(colon + 2)..])}</b></font></td>");
            }
            if (b.Trainable is bool t)
                sb.Append(t
                    ? "<td bgcolor=\"forestgreen\"><font point-size=\"14\" color=\"white\"><b>Trainable</b></font></td>"
                    : "<td bgcolor=\"firebrick\"><font point-size=\"14\" color=\"white\"><b>Non-trainable</b></font></td>");
            sb.Append("</tr>");
        }
        return sb.Append("</table>>").ToString();
    }

    private static string Html(string s) => WebUtility.HtmlEncode(s);

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
