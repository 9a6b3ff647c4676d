namespace KerasSharp.Plots.Tests;

public class BitmapFontTests
{
    [Fact]
    public void EveryPrintableAsciiCharacterButSpaceHasInk()
    {
        for (char c = '!'; c <= '~'; c++)
        {
            int ink = 0;
            for (int row = 0; row < BitmapFont.GlyphHeight; row++)
                for (int col = 0; col < BitmapFont.GlyphWidth; col++)
                    ink += BitmapFont.Ink(c, col, row) ? 1 : 0;
            Assert.True(ink > 0, $"glyph '{c}' is empty");
        }
    }

    [Fact]
    public void GlyphsAreDistinct()
    {
        var seen = new Dictionary<string, char>();
        for (char c = ' '; c <= '~'; c++)
        {
            var key = string.Concat(Enumerable.Range(0, 5 * BitmapFont.GlyphHeight).Select(i => BitmapFont.Ink(c, i % 5, i / 5) ? '#' : '.'));
            Assert.False(seen.TryGetValue(key, out var other), $"'{c}' looks like '{other}'");
            seen[key] = c;
        }
    }

    [Fact]
    public void MinusIsTheMiddleRow()
    {
        for (int col = 0; col < 5; col++)
        {
            Assert.True(BitmapFont.Ink('-', col, 3));
            Assert.False(BitmapFont.Ink('-', col, 2));
        }
    }

    [Fact]
    public void NonAsciiDrawsAsQuestionMark()
    {
        for (int row = 0; row < BitmapFont.GlyphHeight; row++)
            for (int col = 0; col < 5; col++)
                Assert.Equal(BitmapFont.Ink('?', col, row), BitmapFont.Ink('é', col, row));
    }

    [Fact]
    public void WidthAndHeight()
    {
        // 3 characters advance 6 cells each minus the trailing blank column: (3*6 - 1) * 2 = 34 pixels at scale 2.
        Assert.Equal(34, BitmapFont.Width("abc", 2));
        Assert.Equal(0, BitmapFont.Width("", 2));
        Assert.Equal(18, BitmapFont.Height(2)); // 7 cells above the baseline + 2 descender cells
        Assert.Equal(14, BitmapFont.Ascent(2));
    }

    [Fact]
    public void OnlyDescendingLettersUseTheDescenderRows()
    {
        static bool Descends(char c) => Enumerable.Range(0, 5).Any(col => BitmapFont.Ink(c, col, 7) || BitmapFont.Ink(c, col, 8));
        Assert.Equal(",;gjpqy", string.Concat(Enumerable.Range(' ', 95).Select(i => (char)i).Where(Descends).Order()));
    }
}
