namespace KerasSharp.Plots;

/// <summary>Maps data coordinates to pixel coordinates inside a chart's plot area (y grows upward in data, downward in pixels).</summary>
internal readonly record struct DataTransform(PixelRect Area, double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>Pixel x of data x.</summary>
    public double PixelX(double x) => Area.X + (x - XMin) / (XMax - XMin) * Area.Width;

    /// <summary>Pixel y of data y.</summary>
    public double PixelY(double y) => Area.Bottom - (y - YMin) / (YMax - YMin) * Area.Height;

    /// <summary>Data x at the centre of pixel column <paramref name="px"/>.</summary>
    public double DataX(int px) => XMin + (px + 0.5 - Area.X) / Area.Width * (XMax - XMin);

    /// <summary>Data y at the centre of pixel row <paramref name="py"/>.</summary>
    public double DataY(int py) => YMin + (Area.Bottom - (py + 0.5)) / Area.Height * (YMax - YMin);
}
