namespace KerasSharp.Plots.Tests.TestSupport;

/// <summary>Colour comparisons for rendered images.</summary>
internal static class Pixels
{
    /// <summary>True when some pixel within <paramref name="radius"/> of (x, y) is within <paramref name="tolerance"/> of <paramref name="color"/> per channel.</summary>
    public static bool Near(Func<int, int, (byte R, byte G, byte B)> get, double x, double y, Color color, int radius = 2, int tolerance = 40)
    {
        for (int dy = -radius; dy <= radius; dy++)
            for (int dx = -radius; dx <= radius; dx++)
            {
                var (r, g, b) = get((int)Math.Floor(x) + dx, (int)Math.Floor(y) + dy);
                if (Math.Abs(r - color.R) <= tolerance && Math.Abs(g - color.G) <= tolerance && Math.Abs(b - color.B) <= tolerance)
                    return true;
            }
        return false;
    }
}
