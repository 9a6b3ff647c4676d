using System.Globalization;
using System.Text;
using KerasSharp.Layers;

namespace KerasSharp;

/// <summary>
/// Keras 3's <c>model.summary()</c> table for sequential-like models (keras/src/utils/summary_utils.py rendered as
/// Keras prints it on an 80-column terminal): <c>Layer (type)</c>, <c>Output Shape</c>, <c>Param #</c>, then total,
/// trainable and non-trainable parameter counts with their float32 sizes (and optimizer parameters once built).
/// </summary>
internal static class SummaryPrinter
{
    private static readonly int[] MinWidths = [31, 22, 13];
    private static readonly int[] GraphMinWidths = [29, 24, 10, 25];

    public static void Print(Model model, TextWriter output, bool showTrainable = false)
    {
        bool connections = model.Graph is { } g && !IsSequentialLike(g);
        var rows = model.Layers.Select(l => connections
            ? new[] { $"{l.Name} ({TypeName(l)})", OutputShape(model, l), Params(l), ConnectedTo(model, l) }
            : new[] { $"{l.Name} ({TypeName(l)})", OutputShape(model, l), Params(l) }).ToList();
        var header = connections
            ? new[] { "Layer (type)", "Output Shape", "Param #", "Connected to" }
            : new[] { "Layer (type)", "Output Shape", "Param #" };
        var minWidths = connections ? GraphMinWidths : MinWidths;
        if (showTrainable)
        {
            // Keras' show_trainable column: Y / N for layers with weights, "-" for the others, centred, width 11.
            rows = rows.Select((r, i) => r.Append(model.Layers[i].Weights.Count == 0 ? "-" : model.Layers[i].Trainable ? "Y" : "N").ToArray()).ToList();
            header = [.. header, "Trainable"];
            minWidths = [.. minWidths, 9];
        }
        var widths = minWidths.Select((w, i) => Math.Max(w, rows.SelectMany(r => r[i].Split('\n')).Append(header[i]).Max(c => c.Length))).ToArray();

        var sb = new StringBuilder();
        sb.Append("Model: \"").Append(model.Name).Append("\"\n");
        sb.Append(Border('┏', '━', '┳', '┓', widths));
        sb.Append(Row('┃', header, widths, showTrainable));
        sb.Append(Border('┡', '━', '╇', '┩', widths));
        for (int i = 0; i < rows.Count; i++)
        {
            sb.Append(Row('│', rows[i], widths, showTrainable));
            if (i < rows.Count - 1) sb.Append(Border('├', '─', '┼', '┤', widths));
        }
        sb.Append(Border('└', '─', '┴', '┘', widths));

        long trainable = model.TrainableWeights.Sum(w => w.numel());
        long nonTrainable = model.NonTrainableWeights.Sum(w => w.numel());
        var optimizer = model.Optimizer;
        // Keras counts the optimizer's iterations and (fixed) learning_rate variables with its slots.
        long optimizerCount = optimizer is { Variables.Count: > 0 } ? optimizer.AllStateTensors.Sum(t => t.numel()) + (optimizer.Schedule is null ? 2 : 1) : 0;
        sb.Append(" Total params: ").Append(Count(trainable + nonTrainable + optimizerCount))
          .Append(" (").Append(ReadableSize((trainable + nonTrainable + optimizerCount) * 4)).Append(")\n");
        sb.Append(" Trainable params: ").Append(Count(trainable)).Append(" (").Append(ReadableSize(trainable * 4)).Append(")\n");
        sb.Append(" Non-trainable params: ").Append(Count(nonTrainable)).Append(" (").Append(ReadableSize(nonTrainable * 4)).Append(")\n");
        if (optimizerCount > 0)
            sb.Append(" Optimizer params: ").Append(Count(optimizerCount)).Append(" (").Append(ReadableSize(optimizerCount * 4)).Append(")\n");
        output.Write(sb.ToString());
        output.Flush();
    }

    /// <summary>Keras' class name: InputLayer, Functional for a plain functional model, else the .NET class name.</summary>
    internal static string TypeName(Layer layer) => layer is Input ? "InputLayer" : layer.GetType() == typeof(Model) ? "Functional" : layer.GetType().Name;

    private static string OutputShape(Model model, Layer layer)
    {
        if (model is Sequential s)
            return s.OutputShapeOf(layer) is Shape shape ? shape.ToString() : "?";
        if (model.Graph is { } graph)
        {
            if (layer is Input input) return input.Output.Shape.ToString();
            var node = graph.Nodes.FirstOrDefault(n => n.Layer == layer);
            if (node is not null)
                return node.Outputs.Count == 1 ? node.Outputs[0].Shape.ToString() : "[" + string.Join(", ", node.Outputs.Select(o => o.Shape)) + "]";
            return "?";
        }
        // Keras' format_layer_shape for a layer with no symbolic call (a subclassed model's layers, built by calling the
        // model): the output shape computed from the shapes the layer was built for, or "?" when it was never built.
        if (layer.BuildInputShapes is { } built)
        {
            try
            {
                var shapes = layer.ComputeOutputShapes(built);
                return shapes.Count == 1 ? shapes[0].ToString() : "[" + string.Join(", ", shapes) + "]";
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or System.Runtime.InteropServices.ExternalException)
            {
                return "?";
            }
        }
        return "?";
    }

    /// <summary>Keras' "Connected to" cell: <c>layer_name[node_index][tensor_index]</c> per input, one per line.</summary>
    private static string ConnectedTo(Model model, Layer layer)
    {
        var nodes = model.Graph!.Nodes.Where(n => n.Layer == layer).ToArray();
        if (nodes.Length == 0) return "-";
        return string.Join("\n", nodes.SelectMany(n => n.Inputs).Select(t =>
        {
            int nodeIndex = t.Layer is Input ? 0 : Math.Max(0, t.Layer.InboundNodes.ToList().IndexOf(t.Node));
            return $"{t.Layer.Name}[{nodeIndex}][{t.OutputIndex}]";
        }));
    }

    /// <summary>Keras' <c>is_sequential_like</c>: one input, one output, and a plain chain of single-input calls.</summary>
    private static bool IsSequentialLike(Models.Functional.FunctionalGraph graph)
    {
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1) return false;
        var consumed = new HashSet<KerasTensor>(ReferenceEqualityComparer.Instance);
        foreach (var node in graph.Nodes)
        {
            if (node.Inputs.Count != 1 || node.Outputs.Count != 1 || !consumed.Add(node.Inputs[0])) return false;
        }
        return true;
    }

    private static string Params(Layer layer) => layer is Input || layer.Built || layer.Weights.Count > 0
        ? Count(layer.CountParams())
        : "0 (unbuilt)";

    private static string Border(char left, char fill, char mid, char right, int[] widths) =>
        left + string.Join(mid, widths.Select(w => new string(fill, w + 2))) + right + "\n";

    private static string Centre(string cell, int width) => cell.PadLeft((width + cell.Length) / 2).PadRight(width);

    private static string Row(char bar, string[] cells, int[] widths, bool centreLast = false)
    {
        var lines = cells.Select(c => c.Split('\n')).ToArray();
        int height = lines.Max(l => l.Length);
        var sb = new StringBuilder();
        for (int line = 0; line < height; line++)
        {
            sb.Append(bar);
            for (int i = 0; i < cells.Length; i++)
            {
                var cell = line < lines[i].Length ? lines[i][line] : "";
                var text = i == 2 ? cell.PadLeft(widths[i])
                    : centreLast && i == cells.Length - 1 ? Centre(cell, widths[i])
                    : cell.PadRight(widths[i]);
                sb.Append(' ').Append(text).Append(' ').Append(bar);
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Python's <c>f"{n:,}"</c>.</summary>
    internal static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Keras' <c>readable_memory_size</c>: <c>198.79 KB</c>, <c>0.00 B</c>.</summary>
    internal static string ReadableSize(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        foreach (var unit in units)
        {
            if (bytes / 1024 < 1) return bytes.ToString("F2", CultureInfo.InvariantCulture) + " " + unit;
            bytes /= 1024;
        }
        return bytes.ToString("F2", CultureInfo.InvariantCulture) + " PB";
    }
}
