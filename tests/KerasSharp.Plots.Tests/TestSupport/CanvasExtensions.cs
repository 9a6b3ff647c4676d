namespace KerasSharp.Plots.Tests.TestSupport;

internal static class CanvasExtensions
{
    /// <summary>The pixel at (x, y) as a tuple, clamped to the canvas.</summary>
    public static (byte R, byte G, byte B) GetRgb(this Canvas canvas, int x, int y)
    {
        var c = canvas.Get(Math.Clamp(x, 0, canvas.Width - 1), Math.Clamp(y, 0, canvas.Height - 1));
        return (c.R, c.G, c.B);
    }
}
