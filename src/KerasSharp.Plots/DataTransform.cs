namespace KerasSharp.Plots;

/// <summary>
/// Maps data coordinates to pixel coordinates inside a chart's plot area (y grows upward in data, downward in pixels),
/// linearly or, for an axis with <see cref="AxisScale.Log"/>, linearly in log10 of the value (values &lt;= 0 map to NaN).
/// </summary>
internal readonly record struct DataTransform(PixelRect Area, double XMin, double XMax, double YMin, double YMax,
                                              bool XLog = false, bool YLog = false)
{
    /// <summary>Pixel x of data x.</summary>
    public double PixelX(double x) => Area.X + (Axis(x, XLog) - Axis(XMin, XLog)) / (Axis(XMax, XLog) - Axis(XMin, XLog)) * Area.Width;

    /// <summary>Pixel y of data y.</summary>
    public double PixelY(double y) => Area.Bottom - (Axis(y, YLog) - Axis(YMin, YLog)) / (Axis(YMax, YLog) - Axis(YMin, YLog)) * Area.Height;

    /// <summary>Data x at the centre of pixel column <paramref name="px"/>.</summary>
    public double DataX(int px) => Value(Axis(XMin, XLog) + (px + 0.5 - Area.X) / Area.Width * (Axis(XMax, XLog) - Axis(XMin, XLog)), XLog);

    /// <summary>Data y at the centre of pixel row <paramref name="py"/>.</summary>
    public double DataY(int py) => Value(Axis(YMin, YLog) + (Area.Bottom - (py + 0.5)) / Area.Height * (Axis(YMax, YLog) - Axis(YMin, YLog)), YLog);

    /// <summary>True when the data point can be drawn (finite pixel position).</summary>
    public bool Placeable(double x, double y) => double.IsFinite(PixelX(x)) && double.IsFinite(PixelY(y));

    private static double Axis(double v, bool log) => !log ? v : v > 0 ? Math.Log10(v) : double.NaN;

    private static double Value(double a, bool log) => log ? Math.Pow(10, a) : a;
}
