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

    public static void Print(Model model, TextWriter output)
    {
        var rows = model.Layers.Select(l => new[] { $"{l.Name} ({l.GetType().Name})", OutputShape(model, l), Params(l) }).ToList();
        var header = new[] { "Layer (type)", "Output Shape", "Param #" };
        var widths = MinWidths.Select((w, i) => Math.Max(w, rows.Select(r => r[i].Length).Append(header[i].Length).Max())).ToArray();

        var sb = new StringBuilder();
        sb.Append("Model: \"").Append(model.Name).Append("\"\n");
        sb.Append(Border('┏', '━', '┳', '┓', widths));
        sb.Append(Row('┃', header, widths));
        sb.Append(Border('┡', '━', '╇', '┩', widths));
        for (int i = 0; i < rows.Count; i++)
        {
            sb.Append(Row('│', rows[i], widths));
            if (i < rows.Count - 1) sb.Append(Border('├', '─', '┼', '┤', widths));
        }
        sb.Append(Border('└', '─', '┴', '┘', widths));

        long trainable = model.TrainableWeights.Sum(w => w.numel());
        long nonTrainable = model.NonTrainableWeights.Sum(w => w.numel());
        var optimizer = model.Optimizer;
        // Keras counts the optimizer's iterations and (fixed) learning_rate variables with its slots.
        long optimizerCount = optimizer is { Variables.Count: > 0 } ? optimizer.StateTensors.Sum(t => t.numel()) + (optimizer.Schedule is null ? 2 : 1) : 0;
        sb.Append(" Total params: ").Append(Count(trainable + nonTrainable + optimizerCount))
          .Append(" (").Append(ReadableSize((trainable + nonTrainable + optimizerCount) * 4)).Append(")\n");
        sb.Append(" Trainable params: ").Append(Count(trainable)).Append(" (").Append(ReadableSize(trainable * 4)).Append(")\n");
        sb.Append(" Non-trainable params: ").Append(Count(nonTrainable)).Append(" (").Append(ReadableSize(nonTrainable * 4)).Append(")\n");
        if (optimizerCount > 0)
            sb.Append(" Optimizer params: ").Append(Count(optimizerCount)).Append(" (").Append(ReadableSize(optimizerCount * 4)).Append(")\n");
        output.Write(sb.ToString());
        output.Flush();
    }

    private static string OutputShape(Model model, Layer layer) =>
        model is Sequential s && s.OutputShapeOf(layer) is Shape shape ? shape.ToString() : "?";

    private static string Params(Layer layer) => layer.Built || layer.Weights.Count > 0
        ? Count(layer.CountParams())
        : "0 (unbuilt)";

    private static string Border(char left, char fill, char mid, char right, int[] widths) =>
        left + string.Join(mid, widths.Select(w => new string(fill, w + 2))) + right + "\n";

    private static string Row(char bar, string[] cells, int[] widths)
    {
        var sb = new StringBuilder().Append(bar);
        for (int i = 0; i < cells.Length; i++)
        {
            var text = i == 2 ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
            sb.Append(' ').Append(text).Append(' ').Append(bar);
        }
        return sb.Append('\n').ToString();
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
