namespace KerasSharp.Plots.Tests;

public class CanvasTests
{
    private static readonly Color Blue = new(0, 0, 255);

    [Fact]
    public void StartsWhite()
    {
        var canvas = new Canvas(4, 3);
        Assert.Equal(Color.White, canvas.Get(3, 2));
        Assert.Equal(4 * 3 * 3, canvas.Pixels.Length);
    }

    [Fact]
    public void HorizontalLineCoversItsRowOnly()
    {
        var canvas = new Canvas(20, 10);
        // A 1-pixel line along y = 5.5 (the centre of row 5) covers row 5 fully and leaves rows 3 and 7 white.
        canvas.Line(2, 5.5, 17, 5.5, Blue, width: 1);
        Assert.Equal(Blue, canvas.Get(10, 5));
        Assert.Equal(Color.White, canvas.Get(10, 3));
        Assert.Equal(Color.White, canvas.Get(10, 7));
    }

    [Fact]
    public void DiagonalLineIsAntiAliased()
    {
        var canvas = new Canvas(20, 20);
        canvas.Line(0, 0, 20, 20, Blue, width: 1.5);
        Assert.Equal(Blue, canvas.Get(10, 10)); // pixel centre (10.5, 10.5) lies on the line
        var edge = canvas.Get(11, 10);          // centre 0.71 px from the line: partly covered
        Assert.True(edge.R is > 0 and < 255, $"edge pixel {edge}");
    }

    [Fact]
    public void ClipStopsDrawing()
    {
        var canvas = new Canvas(10, 10) { Clip = new PixelRect(0, 0, 5, 10) };
        canvas.FillRect(0, 0, 10, 10, Blue);
        Assert.Equal(Blue, canvas.Get(4, 4));
        Assert.Equal(Color.White, canvas.Get(5, 4));
    }

    [Fact]
    public void AlphaBlendsHalfway()
    {
        var canvas = new Canvas(2, 2);
        canvas.FillRect(0, 0, 1, 1, new Color(0, 0, 0, 128));
        // 255 + (0 - 255) * 128/255 = 127
        Assert.Equal(new Color(127, 127, 127), canvas.Get(0, 0));
    }

    [Fact]
    public void DashedLineHasGaps()
    {
        var canvas = new Canvas(40, 5);
        canvas.DashedLine(0, 2.5, 40, 2.5, Blue, width: 1, dash: 7, gap: 5);
        Assert.Equal(Blue, canvas.Get(3, 2));          // inside the first dash [0, 7)
        Assert.Equal(Color.White, canvas.Get(9, 2));   // inside the first gap [7, 12)
        Assert.Equal(Blue, canvas.Get(15, 2));         // second dash [12, 19)
    }

    [Fact]
    public void CircleIsFilledInsideOnly()
    {
        var canvas = new Canvas(20, 20);
        canvas.FillCircle(10, 10, 4, Blue);
        Assert.Equal(Blue, canvas.Get(10, 10));
        Assert.Equal(Color.White, canvas.Get(16, 10));
    }

    [Fact]
    public void TextInksTheGlyphCells()
    {
        var canvas = new Canvas(20, 20);
        canvas.Text("-", 2, 3, 2, Blue);
        // '-' inks row 3 of the glyph: at scale 2 that is pixel rows 3 + 6 and 3 + 7, columns 2..11.
        Assert.Equal(Blue, canvas.Get(2, 9));
        Assert.Equal(Blue, canvas.Get(11, 10));
        Assert.Equal(Color.White, canvas.Get(6, 5));
    }

    [Fact]
    public void VerticalTextIsRotatedCounterClockwise()
    {
        var canvas = new Canvas(20, 20);
        canvas.TextVertical("-", 2, 3, 1, Blue);
        // Rotated, the dash becomes a vertical bar at x = 2 + row 3 = 5, covering y = 3 .. 7 (5 cells).
        for (int y = 3; y < 8; y++)
            Assert.Equal(Blue, canvas.Get(5, y));
        Assert.Equal(Color.White, canvas.Get(4, 5));
    }

    [Fact]
    public void DiagonalStrokesAreAntiAliased()
    {
        var canvas = new Canvas(40, 40);
        canvas.Text("/", 0, 12, 4, Blue);
        // '/' inks cells (4, 1) and (3, 2); the blank cell (3, 1) between them gets a partly covered triangle.
        var partial = Enumerable.Range(0, 40).SelectMany(x => Enumerable.Range(0, 40).Select(y => canvas.Get(x, y)))
            .Where(c => c != Blue && c != Color.White).ToList();
        Assert.NotEmpty(partial);
        Assert.All(partial, c => Assert.True(c.B == 255 && c.R > 0 && c.R < 255, $"{c} is not a blend of blue and white"));
        // Cell (3, 1) spans x 12..15, y 12 + 4..7: its bottom-right pixel is covered, its top-left one is not.
        Assert.NotEqual(Color.White, canvas.Get(15, 19));
        Assert.Equal(Color.White, canvas.Get(12, 16));
    }

    [Fact]
    public void AccentsOfCapitalsAreDrawnAboveTheTextTop()
    {
        var canvas = new Canvas(20, 30);
        canvas.Text("Å", 2, 10, 2, Blue);
        // The ring's top cell is row -3: pixels y = 10 - 6 .. 10 - 5, x = 2 + 2*2 .. 2 + 2*2 + 1.
        Assert.Equal(Blue, canvas.Get(6, 4));
        Assert.Equal(Color.White, canvas.Get(6, 2));
    }
}
