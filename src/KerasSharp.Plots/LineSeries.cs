namespace KerasSharp.Plots;

/// <summary>A polyline through (xs[i], ys[i]); non-finite points break the line. Optional dots at the points.</summary>
internal sealed class LineSeries(double[] xs, double[] ys) : Series
{
    /// <summary>Line width in pixels.</summary>
    public double Width { get; init; } = 2;

    /// <summary>Dashed instead of solid.</summary>
    public bool Dashed { get; init; }

    /// <summary>Draws a dot at each point.</summary>
    public bool Markers { get; init; }

    /// <inheritdoc />
    public override (double XMin, double XMax, double YMin, double YMax) Bounds() => FiniteBounds(xs, ys);

    /// <inheritdoc />
    public override IEnumerable<(double X, double Y)> Points() => xs.Zip(ys);

    private bool Finite(int i) => double.IsFinite(xs[i]) && double.IsFinite(ys[i]);

    /// <inheritdoc />
    public override void Draw(Canvas canvas, DataTransform t)
    {
        for (int i = 0; i + 1 < xs.Length; i++)
        {
            if (!Finite(i) || !Finite(i + 1) || !t.Placeable(xs[i], ys[i]) || !t.Placeable(xs[i + 1], ys[i + 1]))
                continue;
            double x0 = t.PixelX(xs[i]), y0 = t.PixelY(ys[i]), x1 = t.PixelX(xs[i + 1]), y1 = t.PixelY(ys[i + 1]);
            if (Dashed)
                canvas.DashedLine(x0, y0, x1, y1, Color, Width);
            else
                canvas.Line(x0, y0, x1, y1, Color, Width);
        }
        for (int i = 0; i < xs.Length; i++)
        {
            bool Drawn(int k) => Finite(k) && t.Placeable(xs[k], ys[k]);
            bool isolated = Drawn(i) && (i == 0 || !Drawn(i - 1)) && (i == xs.Length - 1 || !Drawn(i + 1));
            if (Drawn(i) && (Markers || isolated))
                canvas.FillCircle(t.PixelX(xs[i]), t.PixelY(ys[i]), Width + 1.5, Color);
        }
    }

    /// <inheritdoc />
    public override IEnumerable<(double X, double Y)> Footprint(DataTransform t)
    {
        for (int i = 0; i < xs.Length; i++)
        {
            if (!Finite(i) || !t.Placeable(xs[i], ys[i]))
                continue;
            double x0 = t.PixelX(xs[i]), y0 = t.PixelY(ys[i]);
            yield return (x0, y0);
            if (i + 1 >= xs.Length || !Finite(i + 1) || !t.Placeable(xs[i + 1], ys[i + 1]))
                continue;
            double x1 = t.PixelX(xs[i + 1]), y1 = t.PixelY(ys[i + 1]);
            int steps = (int)Math.Min(2000, Math.Ceiling(Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)) / 3));
            for (int s = 1; s < steps; s++)
                yield return (x0 + (x1 - x0) * s / steps, y0 + (y1 - y0) * s / steps);
        }
    }

    /// <inheritdoc />
    public override void DrawLegendSample(Canvas canvas, int x, int y, int w)
    {
        if (Dashed)
            canvas.DashedLine(x, y + 0.5, x + w, y + 0.5, Color, Width, dash: 5, gap: 3);
        else
            canvas.Line(x, y + 0.5, x + w, y + 0.5, Color, Width);
        if (Markers)
            canvas.FillCircle(x + w / 2.0, y + 0.5, Width + 1.5, Color);
    }
}
