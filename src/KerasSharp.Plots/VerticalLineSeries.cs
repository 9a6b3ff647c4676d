namespace KerasSharp.Plots;

/// <summary>A dashed vertical line across the plot area at data x, with its label written beside the top end.</summary>
internal sealed class VerticalLineSeries(double x) : Series
{
    /// <summary>The data x of the line.</summary>
    public double X => x;

    /// <summary>Text scale for the label (set by the chart before drawing).</summary>
    public int TextScale { get; set; } = 1;

    /// <inheritdoc />
    public override bool InLegend => false;

    /// <inheritdoc />
    public override (double XMin, double XMax, double YMin, double YMax) Bounds() => (x, x, double.NaN, double.NaN);

    /// <inheritdoc />
    public override void Draw(Canvas canvas, DataTransform t)
    {
        double px = Math.Floor(t.PixelX(x)) + 0.5;
        canvas.DashedLine(px, t.Area.Y, px, t.Area.Bottom, Color, 2);
        if (Label is null)
            return;
        int pad = 3 * TextScale;
        int w = BitmapFont.Width(Label, TextScale), h = BitmapFont.Height(TextScale);
        int lx = (int)px + pad + 1;
        if (lx + w + pad > t.Area.Right)
            lx = (int)px - pad - w - 1;
        int ly = t.Area.Y + pad;
        canvas.FillRect(lx - 2, ly - 2, w + 4, h + 4, Color.White.WithAlpha(210));
        canvas.Text(Label, lx, ly, TextScale, Color);
    }

    /// <inheritdoc />
    public override IEnumerable<(double X, double Y)> Footprint(DataTransform t)
    {
        double px = t.PixelX(x);
        for (int y = t.Area.Y; y < t.Area.Bottom; y += 3)
            yield return (px, y);
        if (Label is not null)
        {
            int w = BitmapFont.Width(Label, TextScale), h = BitmapFont.Height(TextScale);
            for (int dx = -w; dx < w; dx += 3) // the label sits right of the line, or left where it does not fit
                for (int dy = 0; dy < h + 6; dy += 3)
                    yield return (px + dx, t.Area.Y + dy);
        }
    }
}
