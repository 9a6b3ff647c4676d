namespace KerasSharp.Plots;

/// <summary>One thing drawn in a chart's plot area: a line, scattered points, a vertical marker or a function map.</summary>
internal abstract class Series
{
    /// <summary>Legend text, or null for no legend entry.</summary>
    public string? Label { get; init; }

    /// <summary>Drawing colour.</summary>
    public Color Color { get; init; }

    /// <summary>The data extent this series needs visible; NaN where it has no opinion (a vertical line has no y extent).</summary>
    public abstract (double XMin, double XMax, double YMin, double YMax) Bounds();

    /// <summary>The data points of a line or scatter series (for the limits of a logarithmic axis); empty for others.</summary>
    public virtual IEnumerable<(double X, double Y)> Points() => [];

    /// <summary>Draws the series (the canvas is clipped to the plot area).</summary>
    public abstract void Draw(Canvas canvas, DataTransform transform);

    /// <summary>Pixel positions the series covers, used to place the legend where it hides the least.</summary>
    public virtual IEnumerable<(double X, double Y)> Footprint(DataTransform transform) => [];

    /// <summary>Draws this series' legend sample in the box [x, x+w) around the vertical centre y.</summary>
    public virtual void DrawLegendSample(Canvas canvas, int x, int y, int w) => canvas.Line(x, y + 0.5, x + w, y + 0.5, Color, 2);

    /// <summary>True when the series is listed in the legend.</summary>
    public virtual bool InLegend => Label is not null;

    /// <summary>Bounds of the finite points of (xs, ys); NaN when none is finite.</summary>
    protected static (double, double, double, double) FiniteBounds(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        for (int i = 0; i < xs.Count; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
                continue;
            x0 = Math.Min(x0, xs[i]);
            x1 = Math.Max(x1, xs[i]);
            y0 = Math.Min(y0, ys[i]);
            y1 = Math.Max(y1, ys[i]);
        }
        return x0 <= x1 ? (x0, x1, y0, y1) : (double.NaN, double.NaN, double.NaN, double.NaN);
    }
}
