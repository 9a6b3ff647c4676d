namespace KerasSharp.Plots;

/// <summary>Filled dots at (xs[i], ys[i]); non-finite points are skipped.</summary>
internal sealed class ScatterSeries(double[] xs, double[] ys) : Series
{
    /// <summary>Dot radius in pixels.</summary>
    public double Radius { get; init; } = 3.5;

    /// <inheritdoc />
    public override (double XMin, double XMax, double YMin, double YMax) Bounds() => FiniteBounds(xs, ys);

    /// <inheritdoc />
    public override IEnumerable<(double X, double Y)> Points() => xs.Zip(ys);

    /// <inheritdoc />
    public override void Draw(Canvas canvas, DataTransform t)
    {
        for (int i = 0; i < xs.Length; i++)
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]) && t.Placeable(xs[i], ys[i]))
                canvas.FillCircle(t.PixelX(xs[i]), t.PixelY(ys[i]), Radius, Color);
    }

    /// <inheritdoc />
    public override IEnumerable<(double X, double Y)> Footprint(DataTransform t)
    {
        for (int i = 0; i < xs.Length; i++)
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]) && t.Placeable(xs[i], ys[i]))
                yield return (t.PixelX(xs[i]), t.PixelY(ys[i]));
    }

    /// <inheritdoc />
    public override void DrawLegendSample(Canvas canvas, int x, int y, int w) => canvas.FillCircle(x + w / 2.0, y + 0.5, Radius, Color);
}
