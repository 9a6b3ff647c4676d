namespace KerasSharp.Plots;

/// <summary>
/// An opaque RGB raster with anti-aliased drawing: lines of any width (coverage from the distance to the segment),
/// dashed lines, filled rectangles and circles, and the built-in bitmap font (horizontal and rotated text).
/// Drawing is clipped to <see cref="Clip"/>.
/// </summary>
internal sealed class Canvas
{
    private readonly byte[] rgb;

    /// <summary>A white canvas of the given size.</summary>
    public Canvas(int width, int height)
    {
        Width = width;
        Height = height;
        rgb = new byte[width * height * 3];
        Array.Fill(rgb, (byte)255);
        Clip = new PixelRect(0, 0, width, height);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Only pixels inside this rectangle are drawn.</summary>
    public PixelRect Clip { get; set; }

    /// <summary>Resets <see cref="Clip"/> to the whole canvas.</summary>
    public void ResetClip() => Clip = new PixelRect(0, 0, Width, Height);

    /// <summary>The RGB bytes, row-major.</summary>
    public ReadOnlySpan<byte> Pixels => rgb;

    /// <summary>The colour at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Color Get(int x, int y)
    {
        int i = (y * Width + x) * 3;
        return new Color(rgb[i], rgb[i + 1], rgb[i + 2]);
    }

    /// <summary>Blends <paramref name="color"/> over pixel (x, y) with coverage 0-1 (times the colour's alpha).</summary>
    public void Blend(int x, int y, Color color, double coverage)
    {
        if (x < Clip.X || y < Clip.Y || x >= Clip.Right || y >= Clip.Bottom || x >= Width || y >= Height || x < 0 || y < 0)
            return;
        double a = coverage * color.A / 255.0;
        if (a <= 0)
            return;
        if (a > 1)
            a = 1;
        int i = (y * Width + x) * 3;
        rgb[i] = (byte)Math.Round(rgb[i] + (color.R - rgb[i]) * a);
        rgb[i + 1] = (byte)Math.Round(rgb[i + 1] + (color.G - rgb[i + 1]) * a);
        rgb[i + 2] = (byte)Math.Round(rgb[i + 2] + (color.B - rgb[i + 2]) * a);
    }

    /// <summary>Sets pixel (x, y) to <paramref name="color"/> (clipped; alpha ignored).</summary>
    public void Set(int x, int y, Color color)
    {
        if (x < Clip.X || y < Clip.Y || x >= Clip.Right || y >= Clip.Bottom || x >= Width || y >= Height || x < 0 || y < 0)
            return;
        int i = (y * Width + x) * 3;
        rgb[i] = color.R;
        rgb[i + 1] = color.G;
        rgb[i + 2] = color.B;
    }

    /// <summary>Fills the pixel rectangle [x, x+w) x [y, y+h).</summary>
    public void FillRect(int x, int y, int w, int h, Color color)
    {
        for (int yy = y; yy < y + h; yy++)
            for (int xx = x; xx < x + w; xx++)
                Blend(xx, yy, color, 1);
    }

    /// <summary>A one-pixel outline of the rectangle [x, x+w) x [y, y+h).</summary>
    public void StrokeRect(int x, int y, int w, int h, Color color)
    {
        FillRect(x, y, w, 1, color);
        FillRect(x, y + h - 1, w, 1, color);
        FillRect(x, y, 1, h, color);
        FillRect(x + w - 1, y, 1, h, color);
    }

    /// <summary>An anti-aliased line of <paramref name="width"/> pixels between two points in pixel coordinates (pixel centres at +0.5).</summary>
    public void Line(double x0, double y0, double x1, double y1, Color color, double width = 1.5)
    {
        if (!double.IsFinite(x0) || !double.IsFinite(y0) || !double.IsFinite(x1) || !double.IsFinite(y1))
            return;
        double half = width / 2;
        int minX = Math.Max(Math.Max(Clip.X, 0), (int)Math.Floor(Math.Min(x0, x1) - half - 1));
        int maxX = Math.Min(Math.Min(Clip.Right, Width) - 1, (int)Math.Ceiling(Math.Max(x0, x1) + half + 1));
        int minY = Math.Max(Math.Max(Clip.Y, 0), (int)Math.Floor(Math.Min(y0, y1) - half - 1));
        int maxY = Math.Min(Math.Min(Clip.Bottom, Height) - 1, (int)Math.Ceiling(Math.Max(y0, y1) + half + 1));
        double dx = x1 - x0, dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        for (int y = minY; y <= maxY; y++)
        {
            for (int x = minX; x <= maxX; x++)
            {
                double px = x + 0.5, py = y + 0.5;
                double t = len2 > 0 ? Math.Clamp(((px - x0) * dx + (py - y0) * dy) / len2, 0, 1) : 0;
                double ex = px - (x0 + t * dx), ey = py - (y0 + t * dy);
                double d = Math.Sqrt(ex * ex + ey * ey);
                double coverage = Math.Clamp(half + 0.5 - d, 0, 1);
                if (coverage > 0)
                    Blend(x, y, color, coverage);
            }
        }
    }

    /// <summary>A dashed anti-aliased line: <paramref name="dash"/> pixels drawn, <paramref name="gap"/> pixels skipped.</summary>
    public void DashedLine(double x0, double y0, double x1, double y1, Color color, double width = 1.5, double dash = 7, double gap = 5)
    {
        double length = Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
        if (!(length > 0))
            return;
        double ux = (x1 - x0) / length, uy = (y1 - y0) / length;
        for (double s = 0; s < length; s += dash + gap)
        {
            double e = Math.Min(length, s + dash);
            Line(x0 + ux * s, y0 + uy * s, x0 + ux * e, y0 + uy * e, color, width);
        }
    }

    /// <summary>An anti-aliased filled circle centred at (cx, cy) in pixel coordinates.</summary>
    public void FillCircle(double cx, double cy, double radius, Color color)
    {
        if (!double.IsFinite(cx) || !double.IsFinite(cy))
            return;
        int minX = (int)Math.Floor(cx - radius - 1), maxX = (int)Math.Ceiling(cx + radius + 1);
        int minY = (int)Math.Floor(cy - radius - 1), maxY = (int)Math.Ceiling(cy + radius + 1);
        for (int y = minY; y <= maxY; y++)
        {
            for (int x = minX; x <= maxX; x++)
            {
                double ex = x + 0.5 - cx, ey = y + 0.5 - cy;
                double coverage = Math.Clamp(radius + 0.5 - Math.Sqrt(ex * ex + ey * ey), 0, 1);
                if (coverage > 0)
                    Blend(x, y, color, coverage);
            }
        }
    }

    /// <summary>
    /// Draws <paramref name="text"/> with its top-left corner at (x, y) (accents of capitals go up to
    /// <see cref="BitmapFont.AccentCells"/> cells above), each font cell <paramref name="scale"/> pixels, with
    /// anti-aliased diagonals (see <see cref="GlyphRaster"/>).
    /// </summary>
    public void Text(string text, int x, int y, int scale, Color color)
    {
        var glyphs = BitmapFont.Layout(text);
        for (int i = 0; i < glyphs.Count; i++)
            GlyphRaster.Draw(this, glyphs[i], scale, color, (u, v) => (x + i * BitmapFont.Advance * scale + u, y + v));
    }

    /// <summary>
    /// Draws <paramref name="text"/> rotated 90 degrees counter-clockwise (reading bottom to top), with the top-left
    /// corner of its bounding box at (x, y). The box is <see cref="BitmapFont.Height"/> wide and <see cref="BitmapFont.Width"/> tall.
    /// </summary>
    public void TextVertical(string text, int x, int y, int scale, Color color)
    {
        int length = BitmapFont.Width(text, scale);
        var glyphs = BitmapFont.Layout(text);
        for (int i = 0; i < glyphs.Count; i++)
        {
            int along = i * BitmapFont.Advance * scale;
            // Glyph pixel (u along the text, v down the glyph) lands at (x + v, y + length - 1 - (along + u)).
            GlyphRaster.Draw(this, glyphs[i], scale, color, (u, v) => (x + v, y + length - 1 - along - u));
        }
    }
}
