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
    public void UncoveredCharactersDrawAsQuestionMark()
    {
        Assert.False(BitmapFont.Covers('漢'));
        for (int row = -BitmapFont.AccentCells; row < BitmapFont.GlyphHeight; row++)
            for (int col = 0; col < 5; col++)
            {
                Assert.Equal(BitmapFont.Ink('?', col, row), BitmapFont.Ink('漢', col, row));
                Assert.Equal(BitmapFont.Ink('?', col, row), BitmapFont.Ink(BitmapFont.Layout("😀")[0], col, row));
            }
    }

    [Theory]
    // Swedish, Norwegian/Danish, German, French, Polish, Czech, Hungarian, Romanian, Vietnamese, Icelandic, Turkish.
    [InlineData("åäöÅÄÖ")]
    [InlineData("æøåÆØÅ")]
    [InlineData("üßÜ")]
    [InlineData("éèêëçàùôœÉÈÇ")]
    [InlineData("ąćęłńóśźżŁŻ")]
    [InlineData("čďěňřšťůžČŘŠŽ")]
    [InlineData("őűŐŰ")]
    [InlineData("șțăâîȘȚ")]
    [InlineData("ạếộ")]
    [InlineData("ðþÐÞ")]
    [InlineData("ğışİĞŞ")]
    [InlineData("–—‘’“”…•°±×÷≤≥≠≈∞€£µ")]
    [InlineData("αβγδεηθλμπστφωΔΣΩ")]
    public void CoveredCharactersHaveTheirOwnGlyphs(string text)
    {
        foreach (char c in text)
        {
            Assert.True(BitmapFont.Covers(c), $"'{c}' (U+{(int)c:X4}) is not covered");
            Assert.NotEqual(Key(BitmapFont.Glyph('?')), Key(BitmapFont.Glyph(c)));
        }
    }

    [Fact]
    public void AccentedLettersAreTheBaseLetterPlusAMarkAboveOrBelow()
    {
        // ö is o with ink added only above o's top (row 2); Å is A with a ring in the accent rows above row 0.
        Assert.All(Enumerable.Range(2, 7), row => Assert.All(Enumerable.Range(0, 5), col =>
            Assert.Equal(BitmapFont.Ink('o', col, row), BitmapFont.Ink('ö', col, row))));
        Assert.Contains(Enumerable.Range(0, 5), col => BitmapFont.Ink('ö', col, 0));
        Assert.Equal(".#.#.", RowText('ö', 0));
        Assert.Equal(["..#..", ".#.#.", "..#.."], [RowText('Å', -3), RowText('Å', -2), RowText('Å', -1)]);
        Assert.All(Enumerable.Range(0, 7), row => Assert.Equal(RowText('A', row), RowText('Å', row)));
        // ç: c with a cedilla in the descender rows.
        Assert.Equal("..#..", RowText('ç', 7));
        // The dot of i gives way to the accent: í has no dot at row 0 but an acute above.
        Assert.Equal("...#.", RowText('í', -1));
        Assert.Equal("..#..", RowText('í', 0));
    }

    [Fact]
    public void CombiningMarksComposeWithThePreviousLetter()
    {
        var decomposed = BitmapFont.Layout("o\u0308k");
        Assert.Equal(2, decomposed.Count);
        Assert.Equal(Key(BitmapFont.Glyph('ö')), Key(decomposed[0]));
        Assert.Equal(BitmapFont.Width("ök", 2), BitmapFont.Width("o\u0308k", 2));
    }

    private static string Key(byte[] glyph) => string.Concat(
        Enumerable.Range(-BitmapFont.AccentCells, BitmapFont.AccentCells + BitmapFont.GlyphHeight)
            .SelectMany(r => Enumerable.Range(0, 5).Select(c => BitmapFont.Ink(glyph, c, r) ? '#' : '.')));

    private static string RowText(char c, int row) => string.Concat(Enumerable.Range(0, 5).Select(col => BitmapFont.Ink(c, col, row) ? '#' : '.'));

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
