using KerasSharp.Utils;

namespace KerasSharp.Plots;

/// <summary>
/// Draws the layer graph of <c>Keras.Utils.PlotModel</c> as a PNG (what Graphviz draws from Keras' <c>model_to_dot</c>,
/// laid out here without Graphviz): boxes in ranks by their longest path from the inputs, top to bottom
/// (<c>rankdir "TB"</c>) or left to right (<c>"LR"</c>), in Keras' order within a rank; each box a black title row
/// with white text, then the activation row and the shape/dtype cells on white, and Keras' green Trainable / red
/// Non-trainable cell; straight arrows from box to box. Nested models expanded with <c>expandNested</c> are drawn as
/// their layers, without the cluster frame.
/// </summary>
internal static class ModelPlot
{
    private static readonly Color Green = new(34, 139, 34);   // forestgreen
    private static readonly Color Red = new(178, 34, 34);     // firebrick

    /// <summary>The PNG bytes (called by Keras.Utils.PlotModel through reflection).</summary>
    internal static byte[] RenderGraph(ModelGraphView view, string rankdir, int dpi) =>
        PngEncoder.Encode(Render(view, rankdir, dpi, out _));

    /// <summary>Draws the graph; <paramref name="boxes"/> receives each box's rectangle (for tests).</summary>
    internal static Canvas Render(ModelGraphView view, string rankdir, int dpi, out Dictionary<string, PixelRect> boxes)
    {
        int scale = dpi >= 150 ? 2 : 1;
        int pad = 4 * scale, lineH = BitmapFont.Height(scale) + BitmapFont.AccentCells * scale, rowH = lineH + 2 * pad;
        int gapMain = 28 * scale, gapCross = 16 * scale, margin = 12 * scale;
        bool lr = rankdir == "LR";

        // Box sizes.
        var size = new Dictionary<string, (int W, int H)>();
        foreach (var b in view.Boxes)
        {
            int cellsW = b.Cells.Sum(c => BitmapFont.Width(c, scale) + 2 * pad) + (b.Trainable is null ? 0 : BitmapFont.Width("Non-trainable", scale) + 2 * pad);
            int w = Math.Max(BitmapFont.Width(b.Title, scale) + 2 * pad, Math.Max(cellsW, b.Activation is null ? 0 : BitmapFont.Width("Activation: " + b.Activation, scale) + 2 * pad));
            int rows = 1 + (b.Activation is null ? 0 : 1) + (b.Cells.Count > 0 || b.Trainable is not null ? 1 : 0);
            size[b.Id] = (w, rows * rowH);
        }

        // Ranks: longest path from a box without incoming arrows (the edges come from an acyclic layer graph).
        var rank = view.Boxes.ToDictionary(b => b.Id, _ => 0);
        for (int pass = 0; pass < view.Boxes.Count; pass++)
        {
            bool changed = false;
            foreach (var (from, to) in view.Edges)
                if (rank[to] < rank[from] + 1) { rank[to] = rank[from] + 1; changed = true; }
            if (!changed) break;
        }
        var ranks = view.Boxes.GroupBy(b => rank[b.Id]).OrderBy(gr => gr.Key).Select(gr => gr.ToList()).ToList();

        // Extent of each rank along the main axis (height for TB) and across it (total width for TB).
        int Main((int W, int H) s) => lr ? s.W : s.H;
        int Cross((int W, int H) s) => lr ? s.H : s.W;
        var rankMain = ranks.Select(r => r.Max(b => Main(size[b.Id]))).ToList();
        var rankCross = ranks.Select(r => r.Sum(b => Cross(size[b.Id])) + gapCross * (r.Count - 1)).ToList();
        int totalCross = rankCross.Count == 0 ? 0 : rankCross.Max();
        int totalMain = rankMain.Sum() + gapMain * Math.Max(0, ranks.Count - 1);
        int width = 2 * margin + (lr ? totalMain : totalCross), height = 2 * margin + (lr ? totalCross : totalMain);
        var canvas = new Canvas(Math.Max(1, width), Math.Max(1, height));

        boxes = new Dictionary<string, PixelRect>();
        int mainPos = margin;
        for (int r = 0; r < ranks.Count; r++)
        {
            int crossPos = margin + (totalCross - rankCross[r]) / 2;
            foreach (var b in ranks[r])
            {
                var (w, h) = size[b.Id];
                // Centre each box in its rank's band along the main axis.
                int offset = (rankMain[r] - Main((w, h))) / 2;
                boxes[b.Id] = lr ? new PixelRect(mainPos + offset, crossPos, w, h) : new PixelRect(crossPos, mainPos + offset, w, h);
                crossPos += Cross((w, h)) + gapCross;
            }
            mainPos += rankMain[r] + gapMain;
        }

        var arrow = new Color(60, 60, 60);
        foreach (var (from, to) in view.Edges)
        {
            var a = boxes[from];
            var c = boxes[to];
            double x0 = lr ? a.Right : a.X + a.Width / 2.0, y0 = lr ? a.Y + a.Height / 2.0 : a.Bottom;
            double x1 = lr ? c.X : c.X + c.Width / 2.0, y1 = lr ? c.Y + c.Height / 2.0 : c.Y;
            canvas.Line(x0, y0, x1, y1, arrow, 1.5 * scale);
            double len = Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
            if (len < 1) continue;
            double ux = (x1 - x0) / len, uy = (y1 - y0) / len, head = 6.0 * scale;
            canvas.Line(x1, y1, x1 - head * ux + head * 0.5 * uy, y1 - head * uy - head * 0.5 * ux, arrow, 1.5 * scale);
            canvas.Line(x1, y1, x1 - head * ux - head * 0.5 * uy, y1 - head * uy + head * 0.5 * ux, arrow, 1.5 * scale);
        }

        foreach (var b in view.Boxes)
        {
            var rect = boxes[b.Id];
            int y = rect.Y;
            canvas.FillRect(rect.X, y, rect.Width, rowH, Color.Black);
            canvas.Text(b.Title, rect.X + (rect.Width - BitmapFont.Width(b.Title, scale)) / 2, y + pad + BitmapFont.AccentCells * scale, scale, Color.White);
            y += rowH;
            if (b.Activation is { } act)
            {
                var text = "Activation: " + act;
                canvas.FillRect(rect.X, y, rect.Width, rowH, Color.White);
                canvas.StrokeRect(rect.X, y, rect.Width, rowH, Color.Black);
                canvas.Text(text, rect.X + (rect.Width - BitmapFont.Width(text, scale)) / 2, y + pad + BitmapFont.AccentCells * scale, scale, Color.Black);
                y += rowH;
            }
            if (b.Cells.Count > 0 || b.Trainable is not null)
            {
                var cells = b.Cells.Select(c => (Text: c, Fill: Color.White, Ink: Color.Black)).ToList();
                if (b.Trainable is bool t)
                    cells.Add((t ? "Trainable" : "Non-trainable", t ? Green : Red, Color.White));
                int natural = cells.Sum(c => BitmapFont.Width(c.Text, scale) + 2 * pad);
                int x = rect.X, extra = rect.Width - natural;
                for (int i = 0; i < cells.Count; i++)
                {
                    int cw = BitmapFont.Width(cells[i].Text, scale) + 2 * pad + (i == cells.Count - 1 ? extra : extra / cells.Count);
                    if (i < cells.Count - 1) extra -= extra / cells.Count;
                    canvas.FillRect(x, y, cw, rowH, cells[i].Fill);
                    canvas.StrokeRect(x, y, cw, rowH, Color.Black);
                    canvas.Text(cells[i].Text, x + (cw - BitmapFont.Width(cells[i].Text, scale)) / 2, y + pad + BitmapFont.AccentCells * scale, scale, cells[i].Ink);
                    x += cw;
                }
            }
            canvas.StrokeRect(rect.X, rect.Y, rect.Width, rect.Height, Color.Black);
        }
        return canvas;
    }
}
