namespace KerasSharp.Plots;

/// <summary>
/// A heat map of f(x, y) over a rectangle (one evaluation per pixel, coloured by <see cref="ColorMap"/>) with
/// contour lines at evenly spaced levels (marching squares on a coarser grid).
/// </summary>
internal sealed class FunctionMapSeries(Func<double, double, double> f, double xMin, double xMax, double yMin, double yMax, int levels) : Series
{
    private (double Min, double Max)? range;

    /// <inheritdoc />
    public override bool InLegend => false;

    /// <inheritdoc />
    public override (double XMin, double XMax, double YMin, double YMax) Bounds() => (xMin, xMax, yMin, yMax);

    /// <summary>Smallest and largest finite value of f on a 201 x 201 grid over the rectangle (the colour scale).</summary>
    public (double Min, double Max) ValueRange()
    {
        if (range is { } known)
            return known;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        const int n = 200;
        for (int i = 0; i <= n; i++)
        {
            for (int j = 0; j <= n; j++)
            {
                double v = f(xMin + (xMax - xMin) * i / n, yMin + (yMax - yMin) * j / n);
                if (!double.IsFinite(v))
                    continue;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }
        if (!(lo <= hi))
            (lo, hi) = (0, 1);
        else if (lo == hi)
            (lo, hi) = (lo - 0.5, hi + 0.5);
        range = (lo, hi);
        return (lo, hi);
    }

    /// <inheritdoc />
    public override void Draw(Canvas canvas, DataTransform t)
    {
        var (lo, hi) = ValueRange();
        var area = t.Area;
        for (int py = area.Y; py < area.Bottom; py++)
        {
            double y = t.DataY(py);
            if (y < yMin || y > yMax)
                continue;
            for (int px = area.X; px < area.Right; px++)
            {
                double x = t.DataX(px);
                if (x < xMin || x > xMax)
                    continue;
                canvas.Set(px, py, ColorMap.At((f(x, y) - lo) / (hi - lo)));
            }
        }
        DrawContours(canvas, t, lo, hi);
    }

    private void DrawContours(Canvas canvas, DataTransform t, double lo, double hi)
    {
        if (levels <= 0)
            return;
        const int cell = 4;
        double px0 = Math.Max(t.PixelX(xMin), t.Area.X), px1 = Math.Min(t.PixelX(xMax), t.Area.Right);
        double py0 = Math.Max(t.PixelY(yMax), t.Area.Y), py1 = Math.Min(t.PixelY(yMin), t.Area.Bottom);
        int nx = Math.Max(2, (int)Math.Ceiling((px1 - px0) / cell) + 1), ny = Math.Max(2, (int)Math.Ceiling((py1 - py0) / cell) + 1);
        var gx = new double[nx];
        var gy = new double[ny];
        for (int i = 0; i < nx; i++)
            gx[i] = px0 + (px1 - px0) * i / (nx - 1);
        for (int j = 0; j < ny; j++)
            gy[j] = py0 + (py1 - py0) * j / (ny - 1);
        var v = new double[nx, ny];
        for (int i = 0; i < nx; i++)
        {
            double x = t.XMin + (gx[i] - t.Area.X) / t.Area.Width * (t.XMax - t.XMin);
            for (int j = 0; j < ny; j++)
                v[i, j] = f(x, t.YMin + (t.Area.Bottom - gy[j]) / t.Area.Height * (t.YMax - t.YMin));
        }

        var lineColor = new Color(20, 20, 20, 100);
        Span<(double X, double Y)> hits = stackalloc (double, double)[4];
        for (int k = 1; k <= levels; k++)
        {
            double level = lo + (hi - lo) * k / (levels + 1);
            for (int i = 0; i + 1 < nx; i++)
            {
                for (int j = 0; j + 1 < ny; j++)
                {
                    // Corners clockwise from top-left: a (i,j), b (i+1,j), c (i+1,j+1), d (i,j+1); edges ab, bc, dc, ad.
                    double a = v[i, j], b = v[i + 1, j], c = v[i + 1, j + 1], d = v[i, j + 1];
                    if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(d))
                        continue;
                    int count = 0;
                    if ((a >= level) != (b >= level)) hits[count++] = (gx[i] + (gx[i + 1] - gx[i]) * (level - a) / (b - a), gy[j]);
                    if ((b >= level) != (c >= level)) hits[count++] = (gx[i + 1], gy[j] + (gy[j + 1] - gy[j]) * (level - b) / (c - b));
                    if ((d >= level) != (c >= level)) hits[count++] = (gx[i] + (gx[i + 1] - gx[i]) * (level - d) / (c - d), gy[j + 1]);
                    if ((a >= level) != (d >= level)) hits[count++] = (gx[i], gy[j] + (gy[j + 1] - gy[j]) * (level - a) / (d - a));
                    if (count == 2)
                    {
                        canvas.Line(hits[0].X, hits[0].Y, hits[1].X, hits[1].Y, lineColor, 1);
                    }
                    else if (count == 4)
                    {
                        // Saddle: the centre value decides which pairs of edges connect.
                        bool centreAbove = (a + b + c + d) / 4 >= level;
                        bool aAbove = a >= level;
                        if (centreAbove == aAbove)
                        {
                            canvas.Line(hits[0].X, hits[0].Y, hits[1].X, hits[1].Y, lineColor, 1);
                            canvas.Line(hits[2].X, hits[2].Y, hits[3].X, hits[3].Y, lineColor, 1);
                        }
                        else
                        {
                            canvas.Line(hits[0].X, hits[0].Y, hits[3].X, hits[3].Y, lineColor, 1);
                            canvas.Line(hits[1].X, hits[1].Y, hits[2].X, hits[2].Y, lineColor, 1);
                        }
                    }
                }
            }
        }
    }
}
