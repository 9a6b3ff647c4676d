namespace KerasSharp.Plots;

/// <summary>
/// Plots of a training <see cref="History"/> (what Fit returns): one chart per quantity (loss first, then each
/// metric), training and validation (<c>val_</c>) curves together, epoch (1-based) on the x axis. When early stopping
/// recorded <see cref="History.BestEpoch"/>, that epoch is marked by a dashed line labelled "best epoch N" in the chart
/// of <see cref="History.Monitor"/>.
/// </summary>
/// <example>
/// <code>
/// var history = model.Fit(x, y, epochs: 20, validationSplit: 0.2);
/// history.Plot("history.png");
/// </code>
/// </example>
public static class HistoryPlotExtensions
{
    private static readonly Color TrainColor = Color.Palette[0];
    private static readonly Color ValidationColor = Color.Palette[1];

    /// <summary>Writes the history plot as a PNG file, atomically (temporary file in the same folder, then move).</summary>
    /// <param name="history">The history returned by Fit.</param>
    /// <param name="path">Destination file; its folder is created if missing.</param>
    /// <param name="width">Image width in pixels (&gt;= <see cref="Figure.MinWidth"/>).</param>
    /// <param name="height">Image height in pixels (&gt;= <see cref="Figure.MinHeight"/>).</param>
    /// <param name="title">Text on top of the image, or null.</param>
    /// <exception cref="ArgumentException">The history is empty, a series has no finite value, or a size is too small.</exception>
    public static void Plot(this History history, string path, int width = 800, int height = 500, string? title = null)
    {
        PngEncoder.Save(path, () => history.PlotPng(width, height, title));
    }

    /// <summary>The history plot as PNG bytes.</summary>
    /// <param name="history">The history returned by Fit.</param>
    /// <param name="width">Image width in pixels (&gt;= <see cref="Figure.MinWidth"/>).</param>
    /// <param name="height">Image height in pixels (&gt;= <see cref="Figure.MinHeight"/>).</param>
    /// <param name="title">Text on top of the image, or null.</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentException">The history is empty, a series has no finite value, or a size is too small.</exception>
    public static byte[] PlotPng(this History history, int width = 800, int height = 500, string? title = null) =>
        ToFigure(history, width, height, title).ToPng();

    /// <summary>The <see cref="Figure"/> the history plot is drawn from (to adjust it before saving).</summary>
    /// <param name="history">The history returned by Fit.</param>
    /// <param name="width">Image width in pixels (&gt;= <see cref="Figure.MinWidth"/>).</param>
    /// <param name="height">Image height in pixels (&gt;= <see cref="Figure.MinHeight"/>).</param>
    /// <param name="title">Text on top of the image, or null.</param>
    /// <returns>A figure with one chart per quantity.</returns>
    /// <exception cref="ArgumentException">The history is empty, a series has no finite value, or a size is too small.</exception>
    public static Figure ToFigure(this History history, int width = 800, int height = 500, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var figure = new Figure(width, height, title); // validates width and height first
        if (history.Count == 0 || history.Values.All(v => v.Count == 0))
            throw new ArgumentException("history must contain at least one recorded epoch, but it is empty (was Fit run?).", nameof(history));
        foreach (var (key, values) in history)
        {
            if (!values.Any(double.IsFinite))
                throw new ArgumentException(
                    $"history['{key}'] must contain at least one finite value, but all {values.Count} values are NaN or infinite.", nameof(history));
        }

        var keys = history.Keys.ToList();
        // Quantities: training keys in recorded order with loss first; a val_ key joins its training key's chart,
        // and gets its own chart only when there is no such training key.
        var quantities = keys.Where(k => !k.StartsWith("val_", StringComparison.Ordinal) || !keys.Contains(k[4..]))
                             .OrderBy(Rank) // stable: recorded order within each rank
                             .ToList();

        foreach (var quantity in quantities)
        {
            var chart = figure.AddChart(quantity, xLabel: "epoch", yLabel: quantity);
            chart.IntegerXTicks = true;
            bool markers = history[quantity].Count <= 30;
            AddSeries(chart, history, quantity, TrainColor, markers);
            var validation = "val_" + quantity;
            if (!quantity.StartsWith("val_", StringComparison.Ordinal) && history.ContainsKey(validation))
                AddSeries(chart, history, validation, ValidationColor, markers);
        }

        if (history.BestEpoch is int best)
        {
            int index = history.Monitor is { } monitor
                ? quantities.FindIndex(q => q == monitor || "val_" + q == monitor)
                : -1;
            figure.Charts[Math.Max(0, index)].AddVerticalLine(best + 1, $"best epoch {best + 1}");
        }
        return figure;
    }

    private static int Rank(string key) => key is "loss" or "val_loss" ? 0 : 1;

    private static void AddSeries(Chart chart, History history, string key, Color color, bool markers)
    {
        var values = history[key];
        var epochs = history.Epochs.Count == values.Count
            ? history.Epochs.Select(e => (double)(e + 1)).ToArray()
            : Enumerable.Range(1, values.Count).Select(e => (double)e).ToArray();
        chart.AddLine(epochs, values, label: key, color: color, markers: markers);
    }
}
