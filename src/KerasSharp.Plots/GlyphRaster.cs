namespace KerasSharp.Plots;

/// <summary>
/// Rasterises one glyph of the built-in font: every ink cell is a solid square of scale x scale pixels, and where two
/// ink cells touch only at a corner (a diagonal stroke) the two blank cells beside that corner get a triangle, so
/// diagonals are continuous strokes with anti-aliased edges (coverage from 4 x 4 samples per pixel).
/// </summary>
internal static class GlyphRaster
{
    // Length of the triangle legs, in cells, filled beside a diagonal step.
    private const double Leg = 0.7;
    private const int Samples = 4;

    /// <summary>
    /// Draws <paramref name="glyph"/> with cells of <paramref name="scale"/> pixels; <paramref name="place"/> maps a
    /// pixel (u right, v down; v = 0 at the top of row 0) of the glyph to the canvas.
    /// </summary>
    public static void Draw(Canvas canvas, byte[] glyph, int scale, Color color, Func<int, int, (int X, int Y)> place)
    {
        int top = -BitmapFont.AccentCells;
        for (int row = top; row < BitmapFont.GlyphHeight; row++)
        {
            for (int col = 0; col < BitmapFont.GlyphWidth; col++)
            {
                bool ink = BitmapFont.Ink(glyph, col, row);
                if (!ink && !HasCorner(glyph, col, row))
                    continue;
                for (int py = 0; py < scale; py++)
                {
                    for (int px = 0; px < scale; px++)
                    {
                        var (cx, cy) = place(col * scale + px, row * scale + py);
                        if (ink)
                        {
                            canvas.Blend(cx, cy, color, 1);
                            continue;
                        }
                        int hits = 0;
                        for (int sy = 0; sy < Samples; sy++)
                            for (int sx = 0; sx < Samples; sx++)
                                if (InCorner(glyph, col, row, (px + (sx + 0.5) / Samples) / scale, (py + (sy + 0.5) / Samples) / scale))
                                    hits++;
                        if (hits > 0)
                            canvas.Blend(cx, cy, color, hits / (double)(Samples * Samples));
                    }
                }
            }
        }
    }

    private static bool HasCorner(byte[] g, int c, int r) =>
        Step(g, c, r, -1, -1) || Step(g, c, r, 1, -1) || Step(g, c, r, -1, 1) || Step(g, c, r, 1, 1);

    // The blank cell (c, r) has ink beside it horizontally (c + dx) and vertically (r + dy), and none diagonally.
    private static bool Step(byte[] g, int c, int r, int dx, int dy) =>
        BitmapFont.Ink(g, c + dx, r) && BitmapFont.Ink(g, c, r + dy) && !BitmapFont.Ink(g, c + dx, r + dy);

    // Whether the point (fu, fv) in [0,1)^2 of blank cell (c, r) lies in one of its corner triangles.
    private static bool InCorner(byte[] g, int c, int r, double fu, double fv) =>
        (Step(g, c, r, -1, -1) && fu + fv < Leg) ||
        (Step(g, c, r, 1, -1) && (1 - fu) + fv < Leg) ||
        (Step(g, c, r, -1, 1) && fu + (1 - fv) < Leg) ||
        (Step(g, c, r, 1, 1) && (1 - fu) + (1 - fv) < Leg);
}
