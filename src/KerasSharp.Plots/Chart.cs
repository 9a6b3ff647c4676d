namespace KerasSharp.Plots;

/// <summary>
/// One chart (a panel with axes): lines, scattered points, vertical markers and function maps in data coordinates,
/// with a title, axis labels, tick labels, grid lines and a legend of the labelled series. Render it alone with
/// <see cref="ToPng"/> / <see cref="SavePng"/>, or put several on a <see cref="Figure"/>.
/// </summary>
/// <example>
/// <code>
/// var chart = new Chart("sigmoid", xLabel: "x", yLabel: "sigmoid(x)");
/// chart.AddLine(xs, ys, label: "sigmoid");
/// chart.SavePng("sigmoid.png");
/// </code>
/// </example>
public sealed class Chart
{
    private readonly List<Series> series = [];
    private int nextColor;

    /// <summary>An empty chart.</summary>
    /// <param name="title">Text above the plot area, or null.</param>
    /// <param name="xLabel">Text under the x axis, or null.</param>
    /// <param name="yLabel">Text beside the y axis (drawn vertically), or null.</param>
    public Chart(string? title = null, string? xLabel = null, string? yLabel = null)
    {
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    /// <summary>Text above the plot area, or null.</summary>
    public string? Title { get; set; }

    /// <summary>Text under the x axis, or null.</summary>
    public string? XLabel { get; set; }

    /// <summary>Text beside the y axis, or null.</summary>
    public string? YLabel { get; set; }

    /// <summary>Put x ticks on whole numbers only (e.g. epochs).</summary>
    public bool IntegerXTicks { get; set; }

    /// <summary>Fixed x range, or null to fit the data (with a small margin).</summary>
    public (double Min, double Max)? XLimits { get; set; }

    /// <summary>Fixed y range, or null to fit the data (with a small margin).</summary>
    public (double Min, double Max)? YLimits { get; set; }

    /// <summary>
    /// The x axis' scale: <see cref="AxisScale.Linear"/> (the default) or <see cref="AxisScale.Log"/> (points with
    /// x &lt;= 0 are not drawn; <see cref="XLimits"/>, when set, must then be positive).
    /// </summary>
    public AxisScale XScale { get; set; }

    /// <summary>
    /// The y axis' scale: <see cref="AxisScale.Linear"/> (the default) or <see cref="AxisScale.Log"/>, e.g. for a loss
    /// that falls over several orders of magnitude (points with y &lt;= 0 are not drawn; <see cref="YLimits"/>, when
    /// set, must then be positive).
    /// </summary>
    public AxisScale YScale { get; set; }

    /// <summary>The number of series added so far.</summary>
    public int SeriesCount => series.Count;

    /// <summary>The data-to-pixel mapping of the last render (for tests).</summary>
    internal DataTransform? LastTransform { get; private set; }

    /// <summary>Adds a line through (xs[i], ys[i]). Non-finite points break the line.</summary>
    /// <param name="xs">X coordinates.</param>
    /// <param name="ys">Y coordinates, as many as <paramref name="xs"/>; at least one point must be finite.</param>
    /// <param name="label">Legend text, or null for none.</param>
    /// <param name="color">Line colour, or null for the next palette colour.</param>
    /// <param name="dashed">Draw dashed.</param>
    /// <param name="markers">Draw a dot at every point.</param>
    /// <param name="width">Line width in pixels (&gt; 0).</param>
    /// <returns>This chart.</returns>
    /// <exception cref="ArgumentException">Lengths differ, no point, or no finite point.</exception>
    public Chart AddLine(IReadOnlyList<double> xs, IReadOnlyList<double> ys, string? label = null, Color? color = null,
                         bool dashed = false, bool markers = false, double width = 2)
    {
        var (x, y) = CheckPoints(xs, ys, nameof(xs), nameof(ys));
        if (!(width > 0) || !double.IsFinite(width))
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be > 0, but received {width}.");
        series.Add(new LineSeries(x, y) { Label = label, Color = color ?? NextColor(), Dashed = dashed, Markers = markers, Width = width });
        return this;
    }

    /// <summary>Adds the graph of <paramref name="f"/> sampled at <paramref name="samples"/> evenly spaced x in [xMin, xMax].</summary>
    /// <param name="f">The function.</param>
    /// <param name="xMin">Left end.</param>
    /// <param name="xMax">Right end (&gt; <paramref name="xMin"/>).</param>
    /// <param name="label">Legend text, or null.</param>
    /// <param name="color">Line colour, or null for the next palette colour.</param>
    /// <param name="samples">Number of samples (&gt;= 2).</param>
    /// <returns>This chart.</returns>
    public Chart AddFunction(Func<double, double> f, double xMin, double xMax, string? label = null, Color? color = null, int samples = 400)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xMin, xMax, nameof(xMin), nameof(xMax));
        if (samples < 2)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, $"samples must be >= 2, but received {samples}.");
        var xs = new double[samples];
        var ys = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            xs[i] = xMin + (xMax - xMin) * i / (samples - 1);
            ys[i] = f(xs[i]);
        }
        return AddLine(xs, ys, label, color);
    }

    /// <summary>Adds dots at (xs[i], ys[i]); non-finite points are skipped.</summary>
    /// <param name="xs">X coordinates.</param>
    /// <param name="ys">Y coordinates, as many as <paramref name="xs"/>; at least one point must be finite.</param>
    /// <param name="label">Legend text, or null.</param>
    /// <param name="color">Dot colour, or null for the next palette colour.</param>
    /// <param name="radius">Dot radius in pixels (&gt; 0).</param>
    /// <returns>This chart.</returns>
    /// <exception cref="ArgumentException">Lengths differ, no point, or no finite point.</exception>
    public Chart AddScatter(IReadOnlyList<double> xs, IReadOnlyList<double> ys, string? label = null, Color? color = null, double radius = 3.5)
    {
        var (x, y) = CheckPoints(xs, ys, nameof(xs), nameof(ys));
        if (!(radius > 0) || !double.IsFinite(radius))
            throw new ArgumentOutOfRangeException(nameof(radius), radius, $"radius must be > 0, but received {radius}.");
        series.Add(new ScatterSeries(x, y) { Label = label, Color = color ?? NextColor(), Radius = radius });
        return this;
    }

    /// <summary>Adds a dashed vertical line at data <paramref name="x"/>, its label written beside its top end.</summary>
    /// <param name="x">Data x (finite).</param>
    /// <param name="label">Text beside the line, or null.</param>
    /// <param name="color">Line colour, or null for red.</param>
    /// <returns>This chart.</returns>
    public Chart AddVerticalLine(double x, string? label = null, Color? color = null)
    {
        if (!double.IsFinite(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, $"x must be finite, but received {x}.");
        series.Add(new VerticalLineSeries(x) { Label = label, Color = color ?? Color.Red });
        return this;
    }

    /// <summary>
    /// Adds a heat map of <paramref name="f"/>(x, y) over [xMin, xMax] x [yMin, yMax] with <paramref name="levels"/>
    /// contour lines and a colour bar; the axes then span exactly that rectangle. Lines and points added after it
    /// (e.g. a gradient-descent path) are drawn on top.
    /// </summary>
    /// <param name="f">The function of (x, y).</param>
    /// <param name="xMin">Left edge.</param>
    /// <param name="xMax">Right edge (&gt; <paramref name="xMin"/>).</param>
    /// <param name="yMin">Bottom edge.</param>
    /// <param name="yMax">Top edge (&gt; <paramref name="yMin"/>).</param>
    /// <param name="levels">Number of contour lines (0 for none).</param>
    /// <returns>This chart.</returns>
    public Chart AddFunctionMap(Func<double, double, double> f, double xMin, double xMax, double yMin, double yMax, int levels = 12)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xMin, xMax, nameof(xMin), nameof(xMax));
        CheckRange(yMin, yMax, nameof(yMin), nameof(yMax));
        if (levels < 0)
            throw new ArgumentOutOfRangeException(nameof(levels), levels, $"levels must be >= 0, but received {levels}.");
        series.Add(new FunctionMapSeries(f, xMin, xMax, yMin, yMax, levels));
        return this;
    }

    /// <summary>This chart alone as PNG bytes.</summary>
    /// <param name="width">Image width in pixels (&gt;= <see cref="Figure.MinWidth"/>).</param>
    /// <param name="height">Image height in pixels (&gt;= <see cref="Figure.MinHeight"/>).</param>
    /// <returns>The PNG file's bytes.</returns>
    public byte[] ToPng(int width = 800, int height = 500) => new Figure(width, height).Add(this).ToPng();

    /// <summary>Writes this chart alone as a PNG file (atomically: temporary file, then move).</summary>
    /// <param name="path">Destination file; its folder is created if missing.</param>
    /// <param name="width">Image width in pixels (&gt;= <see cref="Figure.MinWidth"/>).</param>
    /// <param name="height">Image height in pixels (&gt;= <see cref="Figure.MinHeight"/>).</param>
    public void SavePng(string path, int width = 800, int height = 500) => new Figure(width, height).Add(this).SavePng(path);

    private Color NextColor() => Color.Palette[nextColor++ % Color.Palette.Count];

    private static (double[], double[]) CheckPoints(IReadOnlyList<double> xs, IReadOnlyList<double> ys, string xName, string yName)
    {
        ArgumentNullException.ThrowIfNull(xs, xName);
        ArgumentNullException.ThrowIfNull(ys, yName);
        if (xs.Count != ys.Count)
            throw new ArgumentException($"{xName} and {yName} must have the same length, but received {xs.Count} and {ys.Count}.", yName);
        if (xs.Count == 0)
            throw new ArgumentException($"{xName} must contain at least one point, but received an empty list.", xName);
        var x = xs.ToArray();
        var y = ys.ToArray();
        bool anyFinite = false;
        for (int i = 0; i < x.Length && !anyFinite; i++)
            anyFinite = double.IsFinite(x[i]) && double.IsFinite(y[i]);
        if (!anyFinite)
            throw new ArgumentException($"{yName} must contain at least one finite point, but all {x.Length} values are NaN or infinite.", yName);
        return (x, y);
    }

    private static void CheckRange(double min, double max, string minName, string maxName)
    {
        if (!double.IsFinite(min))
            throw new ArgumentOutOfRangeException(minName, min, $"{minName} must be finite, but received {min}.");
        if (!double.IsFinite(max) || !(max > min))
            throw new ArgumentOutOfRangeException(maxName, max, $"{maxName} must be finite and > {minName} ({min}), but received {max}.");
    }

    /// <summary>Draws the chart into <paramref name="area"/> of <paramref name="canvas"/> with font scale <paramref name="scale"/>.</summary>
    internal void Render(Canvas canvas, PixelRect area, int scale)
    {
        int pad = 3 * scale, textH = BitmapFont.Height(scale), tickLen = 2 + 2 * scale;
        var map = series.OfType<FunctionMapSeries>().FirstOrDefault();
        var (xMin, xMax, yMin, yMax) = DataLimits();

        int xTarget = Math.Clamp(area.Width / (38 * scale), 2, 10), yTarget = Math.Clamp(area.Height / (28 * scale), 2, 8);
        bool xLog = XScale == AxisScale.Log, yLog = YScale == AxisScale.Log;
        var (xTicks, xText) = xLog ? AxisTicks.ComputeLog(xMin, xMax, xTarget) : Linear(AxisTicks.Compute(xMin, xMax, xTarget, IntegerXTicks));
        var (yTicks, yText) = yLog ? AxisTicks.ComputeLog(yMin, yMax, yTarget) : Linear(AxisTicks.Compute(yMin, yMax, yTarget, integer: false));
        int yTickW = yText.Length == 0 ? 0 : yText.Max(s => BitmapFont.Width(s, scale));

        string[] barText = [];
        double[] barTicks = [];
        (double Min, double Max) valueRange = (0, 1);
        int barW = 0, barBlock = 0;
        if (map is not null)
        {
            valueRange = map.ValueRange();
            var (bt, bs) = AxisTicks.Compute(valueRange.Min, valueRange.Max, yTarget, integer: false);
            barTicks = bt;
            barText = AxisTicks.Format(bt, bs);
            barW = 6 * scale;
            barBlock = 3 * pad + barW + 1 + tickLen + pad + (barText.Length == 0 ? 0 : barText.Max(s => BitmapFont.Width(s, scale)));
        }

        int left = pad + (YLabel is null ? 0 : textH + 2 * pad) + yTickW + pad + tickLen;
        int lastXW = xText.Length == 0 ? 0 : BitmapFont.Width(xText[^1], scale);
        int right = Math.Max(2 * pad, lastXW / 2 + pad) + barBlock;
        int top = Title is null ? pad + BitmapFont.Ascent(scale) / 2 + 1 : textH + 3 * pad;
        int bottom = tickLen + pad + textH + (XLabel is null ? 0 : 2 * pad + textH) + pad;
        var plot = new PixelRect(area.X + left, area.Y + top, Math.Max(10, area.Width - left - right), Math.Max(10, area.Height - top - bottom));
        var t = new DataTransform(plot, xMin, xMax, yMin, yMax, xLog, yLog);
        LastTransform = t;

        var axisColor = Color.DarkGray;
        // Grid lines (under the data; not over a heat map).
        if (map is null)
        {
            foreach (var v in xTicks)
                canvas.FillRect((int)Math.Floor(t.PixelX(v)), plot.Y, 1, plot.Height, Color.LightGray);
            foreach (var v in yTicks)
                canvas.FillRect(plot.X, (int)Math.Floor(t.PixelY(v)), plot.Width, 1, Color.LightGray);
        }

        canvas.Clip = plot;
        foreach (var s in series)
        {
            if (s is VerticalLineSeries vertical)
                vertical.TextScale = scale;
            s.Draw(canvas, t);
        }
        canvas.ResetClip();
        canvas.StrokeRect(plot.X - 1, plot.Y - 1, plot.Width + 2, plot.Height + 2, axisColor);

        // Ticks and tick labels.
        for (int i = 0; i < xTicks.Length; i++)
        {
            int px = (int)Math.Floor(t.PixelX(xTicks[i]));
            canvas.FillRect(px, plot.Bottom + 1, 1, tickLen, axisColor);
            int w = BitmapFont.Width(xText[i], scale);
            canvas.Text(xText[i], px - w / 2, plot.Bottom + 1 + tickLen + pad, scale, axisColor);
        }
        for (int i = 0; i < yTicks.Length; i++)
        {
            int py = (int)Math.Floor(t.PixelY(yTicks[i]));
            canvas.FillRect(plot.X - 1 - tickLen, py, tickLen, 1, axisColor);
            int w = BitmapFont.Width(yText[i], scale);
            canvas.Text(yText[i], plot.X - 1 - tickLen - pad - w, py - BitmapFont.Ascent(scale) / 2, scale, axisColor);
        }

        if (Title is not null)
        {
            int w = BitmapFont.Width(Title, scale);
            int tx = plot.X + (plot.Width - w) / 2;
            canvas.Text(Title, tx, area.Y + pad, scale, Color.Black);
            canvas.Text(Title, tx + 1, area.Y + pad, scale, Color.Black); // bold
        }
        if (XLabel is not null)
        {
            int w = BitmapFont.Width(XLabel, scale);
            canvas.Text(XLabel, plot.X + (plot.Width - w) / 2, plot.Bottom + 1 + tickLen + pad + textH + 2 * pad, scale, axisColor);
        }
        if (YLabel is not null)
        {
            int h = BitmapFont.Width(YLabel, scale);
            canvas.TextVertical(YLabel, area.X + pad, plot.Y + (plot.Height - h) / 2, scale, axisColor);
        }

        if (map is not null)
            DrawColorBar(canvas, plot, scale, barW, tickLen, valueRange, barTicks, barText);
        DrawLegend(canvas, t, scale);
    }

    private static (double[], string[]) Linear((double[] Values, double Step) ticks) => (ticks.Values, AxisTicks.Format(ticks.Values, ticks.Step));

    private (double XMin, double XMax, double YMin, double YMax) DataLimits()
    {
        if (XScale == AxisScale.Log && XLimits is { } xLim && !(xLim.Min > 0))
            throw new InvalidOperationException($"XLimits must be > 0 on a logarithmic x axis (XScale = Log), but received ({xLim.Min}, {xLim.Max}).");
        if (YScale == AxisScale.Log && YLimits is { } yLim && !(yLim.Min > 0))
            throw new InvalidOperationException($"YLimits must be > 0 on a logarithmic y axis (YScale = Log), but received ({yLim.Min}, {yLim.Max}).");
        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        bool exact = false;
        foreach (var s in series)
        {
            var (a, b, c, d) = s.Bounds();
            if (s is FunctionMapSeries)
                exact = true;
            if (XScale == AxisScale.Log) (a, b) = PositiveRange(s, a, b, p => p.X);
            if (YScale == AxisScale.Log) (c, d) = PositiveRange(s, c, d, p => p.Y);
            if (double.IsFinite(a)) { x0 = Math.Min(x0, a); x1 = Math.Max(x1, b); }
            if (double.IsFinite(c)) { y0 = Math.Min(y0, c); y1 = Math.Max(y1, d); }
        }
        bool xLog = XScale == AxisScale.Log, yLog = YScale == AxisScale.Log;
        if (!(x0 <= x1)) (x0, x1) = xLog ? (1, 10) : (0, 1);
        if (!(y0 <= y1)) (y0, y1) = yLog ? (1, 10) : (0, 1);
        if (!exact)
        {
            (x0, x1) = Widen(x0, x1, 0.03, xLog);
            (y0, y1) = Widen(y0, y1, 0.07, yLog);
        }
        if (XLimits is { } xl) (x0, x1) = xl;
        if (YLimits is { } yl) (y0, y1) = yl;
        if (!(x1 > x0)) (x0, x1) = Widen(x0, x0, 0, xLog);
        if (!(y1 > y0)) (y0, y1) = Widen(y0, y0, 0, yLog);
        return (x0, x1, y0, y1);
    }

    // On a logarithmic axis only positive values can be placed: the series' range over its positive points.
    private static (double, double) PositiveRange(Series s, double lo, double hi, Func<(double X, double Y), double> axis)
    {
        if (lo > 0 || !double.IsFinite(lo))
            return (lo, hi);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var p in s.Points())
        {
            double v = axis(p);
            if (v > 0 && double.IsFinite(v) && double.IsFinite(p.X) && double.IsFinite(p.Y))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        return min <= max ? (min, max) : (double.NaN, double.NaN);
    }

    private static (double, double) Widen(double lo, double hi, double fraction, bool log)
    {
        if (!log)
            return Widen(lo, hi, fraction);
        var (a, b) = Widen(Math.Log10(lo), Math.Log10(hi), fraction);
        return hi > lo ? (Math.Pow(10, a), Math.Pow(10, b)) : (lo / 2, hi * 2);
    }

    private static (double, double) Widen(double lo, double hi, double fraction)
    {
        if (hi > lo)
        {
            double m = (hi - lo) * fraction;
            return (lo - m, hi + m);
        }
        double half = lo == 0 ? 0.5 : Math.Abs(lo) * 0.1;
        return (lo - half, hi + half);
    }

    private static void DrawColorBar(Canvas canvas, PixelRect plot, int scale, int barW, int tickLen,
                                     (double Min, double Max) range, double[] ticks, string[] text)
    {
        int pad = 3 * scale, textH = BitmapFont.Height(scale);
        int x = plot.Right + 3 * pad;
        for (int py = plot.Y; py < plot.Bottom; py++)
        {
            double fraction = (plot.Bottom - 1 - py) / (double)Math.Max(1, plot.Height - 1);
            canvas.FillRect(x, py, barW, 1, ColorMap.At(fraction));
        }
        canvas.StrokeRect(x - 1, plot.Y - 1, barW + 2, plot.Height + 2, Color.DarkGray);
        for (int i = 0; i < ticks.Length; i++)
        {
            int py = (int)Math.Floor(plot.Bottom - (ticks[i] - range.Min) / (range.Max - range.Min) * plot.Height);
            canvas.FillRect(x + barW + 1, py, tickLen, 1, Color.DarkGray);
            canvas.Text(text[i], x + barW + 1 + tickLen + pad, py - BitmapFont.Ascent(scale) / 2, scale, Color.DarkGray);
        }
    }

    private void DrawLegend(Canvas canvas, DataTransform t, int scale)
    {
        var entries = series.Where(s => s.InLegend).ToList();
        if (entries.Count == 0)
            return;
        int pad = 3 * scale, textH = BitmapFont.Height(scale), sampleW = 12 * scale + 4;
        int boxW = pad + sampleW + pad + entries.Max(s => BitmapFont.Width(s.Label!, scale)) + pad;
        int boxH = pad + entries.Count * (textH + pad) - 2 * scale;
        var plot = t.Area;
        int inset = 2 * pad;
        PixelRect[] candidates =
        [
            new(plot.Right - inset - boxW, plot.Y + inset, boxW, boxH),   // upper right (matplotlib's order of preference)
            new(plot.X + inset, plot.Y + inset, boxW, boxH),              // upper left
            new(plot.X + inset, plot.Bottom - inset - boxH, boxW, boxH),  // lower left
            new(plot.Right - inset - boxW, plot.Bottom - inset - boxH, boxW, boxH), // lower right
            new(plot.Right - inset - boxW, plot.Y + (plot.Height - boxH) / 2, boxW, boxH), // center right
            new(plot.X + (plot.Width - boxW) / 2, plot.Y + inset, boxW, boxH),           // upper center
            new(plot.X + (plot.Width - boxW) / 2, plot.Bottom - inset - boxH, boxW, boxH), // lower center
        ];
        var footprint = series.SelectMany(s => s.Footprint(t)).ToList();
        var best = candidates
            .Select((r, i) => (Rect: r, Index: i, Hits: footprint.Count(p => r.Contains((int)Math.Floor(p.X), (int)Math.Floor(p.Y)))))
            .OrderBy(c => c.Hits).ThenBy(c => c.Index).First().Rect;

        canvas.FillRect(best.X, best.Y, best.Width, best.Height, Color.White.WithAlpha(225));
        canvas.StrokeRect(best.X, best.Y, best.Width, best.Height, new Color(190, 190, 190));
        for (int i = 0; i < entries.Count; i++)
        {
            int rowY = best.Y + pad + i * (textH + pad);
            entries[i].DrawLegendSample(canvas, best.X + pad, rowY + BitmapFont.Ascent(scale) / 2, sampleW);
            canvas.Text(entries[i].Label!, best.X + pad + sampleW + pad, rowY, scale, Color.DarkGray);
        }
    }
}
