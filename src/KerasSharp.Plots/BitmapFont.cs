using System.Collections.Concurrent;

namespace KerasSharp.Plots;

/// <summary>
/// The built-in 5x7 pixel font (drawn for this package). Each glyph is 7 rows of 5 cells above the baseline,
/// '#' = ink, plus 2 descender rows (g, j, p, q, y, comma, semicolon) and <see cref="AccentCells"/> rows above the
/// capitals for accents. It covers printable ASCII, the Latin letters with diacritics of Latin-1, Latin Extended-A/B
/// and Latin Extended Additional that decompose into an ASCII letter and the marks in <see cref="FontMarks"/> (å, ä,
/// ö, ø, æ, é, ñ, ł, č, ő, ș, ạ ...: the base letter's glyph with the marks placed above or below), the letters
/// without a decomposition (æ, ø, ß, ð, þ, đ, ł, ı, ŋ, œ ...), common typographic symbols (– — ‘ ’ “ ” … • ° ± × ÷
/// ≤ ≥ ≠ ≈ ∞ € £ ...), and the Greek letters used in formulas (α β γ δ ε η θ λ μ π σ τ φ ω Δ Σ Ω); see
/// <see cref="FontExtras"/>. Text may also be written decomposed (a letter followed by combining marks U+0300-U+036F).
/// Any other character is drawn as '?'. Glyphs advance 6 cells (one blank column).
/// </summary>
internal static class BitmapFont
{
    /// <summary>Glyph width in cells.</summary>
    public const int GlyphWidth = 5;

    /// <summary>Glyph height in cells, descender rows included.</summary>
    public const int GlyphHeight = 9;

    /// <summary>Cells above the baseline (capital and digit height).</summary>
    public const int AscentCells = 7;

    /// <summary>Rows above the capitals where accents of capital letters go (row indices -3 to -1).</summary>
    public const int AccentCells = 3;

    /// <summary>Horizontal advance per character in cells.</summary>
    public const int Advance = 6;

    internal static readonly string[] AsciiGlyphs =
    [
        "..... ..... ..... ..... ..... ..... .....", // ' '
        "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..", // !
        ".#.#. .#.#. ..... ..... ..... ..... .....", // "
        ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.", // #
        "..#.. .#### #.#.. .###. ..#.# ####. ..#..", // $
        "##... ##..# ...#. ..#.. .#... #..## ...##", // %
        ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#", // &
        "..#.. ..#.. ..... ..... ..... ..... .....", // '
        "...#. ..#.. .#... .#... .#... ..#.. ...#.", // (
        ".#... ..#.. ...#. ...#. ...#. ..#.. .#...", // )
        "..... ..#.. #.#.# .###. #.#.# ..#.. .....", // *
        "..... ..#.. ..#.. ##### ..#.. ..#.. .....", // +
        "..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...", // ,
        "..... ..... ..... ##### ..... ..... .....", // -
        "..... ..... ..... ..... ..... .##.. .##..", // .
        "..... ....# ...#. ..#.. .#... #.... .....", // /
        ".###. #...# #..## #.#.# ##..# #...# .###.", // 0
        "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.", // 1
        ".###. #...# ....# ...#. ..#.. .#... #####", // 2
        "##### ...#. ..#.. ...#. ....# #...# .###.", // 3
        "...#. ..##. .#.#. #..#. ##### ...#. ...#.", // 4
        "##### #.... ####. ....# ....# #...# .###.", // 5
        "..##. .#... #.... ####. #...# #...# .###.", // 6
        "##### ....# ...#. ..#.. .#... .#... .#...", // 7
        ".###. #...# #...# .###. #...# #...# .###.", // 8
        ".###. #...# #...# .#### ....# ...#. .##..", // 9
        "..... .##.. .##.. ..... .##.. .##.. .....", // :
        "..... .##.. .##.. ..... ..... .##.. .##.. ..#.. .#...", // ;
        "...#. ..#.. .#... #.... .#... ..#.. ...#.", // <
        "..... ..... ##### ..... ##### ..... .....", // =
        ".#... ..#.. ...#. ....# ...#. ..#.. .#...", // >
        ".###. #...# ....# ...#. ..#.. ..... ..#..", // ?
        ".###. #...# ....# .##.# #.#.# #.#.# .###.", // @
        ".###. #...# #...# ##### #...# #...# #...#", // A
        "####. #...# #...# ####. #...# #...# ####.", // B
        ".###. #...# #.... #.... #.... #...# .###.", // C
        "###.. #..#. #...# #...# #...# #..#. ###..", // D
        "##### #.... #.... ####. #.... #.... #####", // E
        "##### #.... #.... ####. #.... #.... #....", // F
        ".###. #...# #.... #.### #...# #...# .####", // G
        "#...# #...# #...# ##### #...# #...# #...#", // H
        ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.", // I
        "..### ...#. ...#. ...#. ...#. #..#. .##..", // J
        "#...# #..#. #.#.. ##... #.#.. #..#. #...#", // K
        "#.... #.... #.... #.... #.... #.... #####", // L
        "#...# ##.## #.#.# #.#.# #...# #...# #...#", // M
        "#...# #...# ##..# #.#.# #..## #...# #...#", // N
        ".###. #...# #...# #...# #...# #...# .###.", // O
        "####. #...# #...# ####. #.... #.... #....", // P
        ".###. #...# #...# #...# #.#.# #..#. .##.#", // Q
        "####. #...# #...# ####. #.#.. #..#. #...#", // R
        ".#### #.... #.... .###. ....# ....# ####.", // S
        "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..", // T
        "#...# #...# #...# #...# #...# #...# .###.", // U
        "#...# #...# #...# #...# #...# .#.#. ..#..", // V
        "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.", // W
        "#...# #...# .#.#. ..#.. .#.#. #...# #...#", // X
        "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..", // Y
        "##### ....# ...#. ..#.. .#... #.... #####", // Z
        ".###. .#... .#... .#... .#... .#... .###.", // [
        "..... #.... .#... ..#.. ...#. ....# .....", // \
        ".###. ...#. ...#. ...#. ...#. ...#. .###.", // ]
        "..#.. .#.#. #...# ..... ..... ..... .....", // ^
        "..... ..... ..... ..... ..... ..... #####", // _
        ".#... ..#.. ..... ..... ..... ..... .....", // `
        "..... ..... .###. ....# .#### #...# .####", // a
        "#.... #.... #.##. ##..# #...# #...# ####.", // b
        "..... ..... .###. #.... #.... #...# .###.", // c
        "....# ....# .##.# #..## #...# #...# .####", // d
        "..... ..... .###. #...# ##### #.... .###.", // e
        "..##. .#..# .#... ###.. .#... .#... .#...", // f
        "..... ..... .#### #...# #...# #...# .#### ....# .###.", // g
        "#.... #.... #.##. ##..# #...# #...# #...#", // h
        "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.", // i
        "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..", // j
        "#.... #.... #..#. #.#.. ##... #.#.. #..#.", // k
        ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.", // l
        "..... ..... ##.#. #.#.# #.#.# #...# #...#", // m
        "..... ..... #.##. ##..# #...# #...# #...#", // n
        "..... ..... .###. #...# #...# #...# .###.", // o
        "..... ..... ####. #...# #...# #...# ####. #.... #....", // p
        "..... ..... .#### #...# #...# #...# .#### ....# ....#", // q
        "..... ..... #.##. ##..# #.... #.... #....", // r
        "..... ..... .###. #.... .###. ....# ####.", // s
        ".#... .#... ###.. .#... .#... .#..# ..##.", // t
        "..... ..... #...# #...# #...# #..## .##.#", // u
        "..... ..... #...# #...# #...# .#.#. ..#..", // v
        "..... ..... #...# #...# #.#.# #.#.# .#.#.", // w
        "..... ..... #...# .#.#. ..#.. .#.#. #...#", // x
        "..... ..... #...# #...# #...# #...# .#### ....# .###.", // y
        "..... ..... ##### ...#. ..#.. .#... #####", // z
        "...#. ..#.. ..#.. .#... ..#.. ..#.. ...#.", // {
        "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..", // |
        ".#... ..#.. ..#.. ...#. ..#.. ..#.. .#...", // }
        "..... ..... .#... #.#.# ...#. ..... .....", // ~
    ];

    // Rows of a glyph bitmap: AccentCells rows above row 0, then GlyphHeight rows; bit (4 - col) set = ink.
    private const int TotalRows = AccentCells + GlyphHeight;

    private static readonly byte[][] Ascii = AsciiGlyphs.Select(Parse).ToArray();
    private static readonly ConcurrentDictionary<char, byte[]> Composed = new();

    /// <summary>Parses a glyph drawing (7 or 9 space-separated rows of 5 cells) into <see cref="TotalRows"/> row masks.</summary>
    internal static byte[] Parse(string glyph)
    {
        var rows = glyph.Split(' ');
        if (rows.Length == AscentCells)
            rows = [.. rows, ".....", "....."];
        if (rows.Length != GlyphHeight || rows.Any(r => r.Length != GlyphWidth))
            throw new InvalidOperationException($"Malformed glyph drawing '{glyph}'.");
        var bits = new byte[TotalRows];
        for (int r = 0; r < GlyphHeight; r++)
            bits[AccentCells + r] = ParseRow(rows[r]);
        return bits;
    }

    internal static byte ParseRow(string row)
    {
        byte bits = 0;
        for (int c = 0; c < GlyphWidth; c++)
            if (row[c] == '#')
                bits |= (byte)(1 << (GlyphWidth - 1 - c));
        return bits;
    }

    /// <summary>
    /// True when the cell (<paramref name="col"/>, <paramref name="row"/>) of <paramref name="ch"/>'s glyph is inked;
    /// rows run from -<see cref="AccentCells"/> (accents above capitals) to <see cref="GlyphHeight"/> - 1.
    /// </summary>
    public static bool Ink(char ch, int col, int row) => Ink(Glyph(ch), col, row);

    /// <summary>True when cell (<paramref name="col"/>, <paramref name="row"/>) of a glyph bitmap is inked (false outside it).</summary>
    public static bool Ink(byte[] glyph, int col, int row)
    {
        int r = row + AccentCells;
        if (col < 0 || col >= GlyphWidth || r < 0 || r >= TotalRows)
            return false;
        return (glyph[r] & (1 << (GlyphWidth - 1 - col))) != 0;
    }

    /// <summary>The bitmap of <paramref name="ch"/> (the '?' glyph for characters the font does not cover).</summary>
    public static byte[] Glyph(char ch)
    {
        if (ch is >= ' ' and <= '~')
            return Ascii[ch - ' '];
        return Composed.GetOrAdd(ch, static c => Build(c, []) ?? Ascii['?' - ' ']);
    }

    /// <summary>True when <paramref name="ch"/> has its own glyph (not drawn as '?').</summary>
    public static bool Covers(char ch) => ch is >= ' ' and <= '~' || FontExtras.Drawings.ContainsKey(ch) || FontMarks.Decompositions.ContainsKey(ch);

    /// <summary>
    /// The glyphs of <paramref name="text"/>, one per character: combining marks (U+0300-U+036F) are drawn onto the
    /// glyph before them, a surrogate pair (a character beyond U+FFFF) is one '?' glyph.
    /// </summary>
    public static List<byte[]> Layout(string text)
    {
        var glyphs = new List<byte[]>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                glyphs.Add(Ascii['?' - ' ']);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.Length && FontMarks.IsCombining(text[end]))
                end++;
            if (end == i + 1 || FontMarks.IsCombining(ch))
            {
                glyphs.Add(FontMarks.IsCombining(ch) ? Ascii[0] : Glyph(ch));
                continue;
            }
            glyphs.Add(Build(ch, text.AsSpan(i + 1, end - i - 1).ToArray()) ?? Glyph(ch));
            i = end - 1;
        }
        return glyphs;
    }

    // A glyph for ch followed by extra combining marks; null when ch is not covered.
    private static byte[]? Build(char ch, char[] extraMarks)
    {
        byte[]? baseGlyph;
        IEnumerable<char> marks = extraMarks;
        if (ch is >= ' ' and <= '~')
            baseGlyph = Ascii[ch - ' '];
        else if (FontExtras.Drawings.TryGetValue(ch, out var drawing))
            baseGlyph = Parse(drawing);
        else if (FontMarks.Decompositions.TryGetValue(ch, out var d))
        {
            baseGlyph = Ascii[d.Base - ' '];
            ch = d.Base;
            marks = d.Marks.Concat(extraMarks);
        }
        else
            return null;
        var glyph = (byte[])baseGlyph.Clone();
        bool first = true;
        foreach (var mark in marks)
        {
            if (first && ch is 'i' or 'j' && FontMarks.IsAbove(mark))
                glyph[AccentCells] = 0; // the dot of i and j gives way to the accent (dotless base)
            first = false;
            FontMarks.Apply(glyph, mark);
        }
        return glyph;
    }

    /// <summary>Width in pixels of <paramref name="text"/> at integer <paramref name="scale"/>.</summary>
    public static int Width(string text, int scale)
    {
        int count = Layout(text).Count;
        return count == 0 ? 0 : (count * Advance - 1) * scale;
    }

    /// <summary>Height in pixels of one line (descenders included) at integer <paramref name="scale"/>.</summary>
    public static int Height(int scale) => GlyphHeight * scale;

    /// <summary>Height in pixels of capitals and digits at integer <paramref name="scale"/> (for centring labels on ticks).</summary>
    public static int Ascent(int scale) => AscentCells * scale;
}
