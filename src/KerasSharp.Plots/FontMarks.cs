namespace KerasSharp.Plots;

/// <summary>
/// The diacritical marks of the built-in font and the letters composed from them: each mark is a small drawing placed
/// above the letter (one blank row between, or touching when there is no room) or below the baseline. The
/// decomposition table lists each precomposed Latin letter as its ASCII base letter and marks (Unicode's canonical
/// decompositions, restricted to the marks drawn here).
/// </summary>
internal static class FontMarks
{
    private readonly record struct Mark(string[] Rows, bool Below, bool Right = false);

    private static readonly Dictionary<char, Mark> Marks = new()
    {
        ['\u0300'] = new([".#...", "..#.."], false),          // grave
        ['\u0301'] = new(["...#.", "..#.."], false),          // acute
        ['\u0302'] = new(["..#..", ".#.#."], false),          // circumflex
        ['\u0303'] = new([".##.#", "#..#."], false),          // tilde
        ['\u0304'] = new([".###."], false),                   // macron
        ['\u0306'] = new(["#...#", ".###."], false),          // breve
        ['\u0307'] = new(["..#.."], false),                   // dot above
        ['\u0308'] = new([".#.#."], false),                   // diaeresis
        ['\u030A'] = new(["..#..", ".#.#.", "..#.."], false), // ring above
        ['\u030B'] = new(["..#.#", ".#.#."], false),          // double acute
        ['\u030C'] = new([".#.#.", "..#.."], false),          // caron
        ['\u031B'] = new(["....#", "...#."], false, true),    // horn (at the top right)
        ['\u0323'] = new([".....", "..#.."], true),           // dot below
        ['\u0326'] = new(["..#..", ".#..."], true),           // comma below
        ['\u0327'] = new(["..#..", ".##.."], true),           // cedilla
        ['\u0328'] = new(["..#..", "...##"], true),           // ogonek
    };

    /// <summary>True for a combining diacritical mark (U+0300-U+036F): it takes no space of its own.</summary>
    public static bool IsCombining(char ch) => ch is >= '\u0300' and <= '\u036F';

    /// <summary>True when <paramref name="mark"/> is drawn above the letter.</summary>
    public static bool IsAbove(char mark) => Marks.TryGetValue(mark, out var m) && !m.Below;

    /// <summary>
    /// Draws <paramref name="mark"/> onto <paramref name="glyph"/> (row masks as in <see cref="BitmapFont"/>): above
    /// the topmost ink, or in the descender rows. Marks the font does not draw are ignored (the base letter shows).
    /// </summary>
    public static void Apply(byte[] glyph, char mark)
    {
        if (!Marks.TryGetValue(mark, out var m))
            return;
        int rows = glyph.Length;
        var drawing = m.Rows.Select(BitmapFont.ParseRow).ToArray();
        if (m.Right)
        {
            // The horn sits at the letter's top right, overlapping its first row.
            int top = Array.FindIndex(glyph, r => r != 0);
            for (int k = 0; k < drawing.Length; k++)
                if (top - 1 + k >= 0)
                    glyph[top - 1 + k] |= drawing[k];
            return;
        }
        if (m.Below)
        {
            int start = BitmapFont.AccentCells + BitmapFont.AscentCells; // first descender row
            for (int k = 0; k < drawing.Length && start + k < rows; k++)
                glyph[start + k] |= drawing[k];
            return;
        }
        int topInk = Array.FindIndex(glyph, r => r != 0);
        if (topInk < 0)
            topInk = BitmapFont.AccentCells + BitmapFont.AscentCells;
        // The mark's last row two rows above the ink (a blank row between), else directly above, else clipped at the top.
        int last = topInk - 2 - (drawing.Length - 1) >= 0 ? topInk - 2 : topInk - 1;
        for (int k = 0; k < drawing.Length; k++)
        {
            int row = last - (drawing.Length - 1) + k;
            if (row >= 0)
                glyph[row] |= drawing[k];
        }
    }

    /// <summary>Precomposed letters: base ASCII letter and marks, from Unicode's canonical decompositions.</summary>
    public static readonly IReadOnlyDictionary<char, (char Base, string Marks)> Decompositions = ParseTable(
        "ÀA\u0300 ÁA\u0301 ÂA\u0302 ÃA\u0303 ÄA\u0308 ÅA\u030A ÇC\u0327 ÈE\u0300 ÉE\u0301 ÊE\u0302 ËE\u0308 ÌI\u0300 " +
        "ÍI\u0301 ÎI\u0302 ÏI\u0308 ÑN\u0303 ÒO\u0300 ÓO\u0301 ÔO\u0302 ÕO\u0303 ÖO\u0308 ÙU\u0300 ÚU\u0301 ÛU\u0302 " +
        "ÜU\u0308 ÝY\u0301 àa\u0300 áa\u0301 âa\u0302 ãa\u0303 äa\u0308 åa\u030A çc\u0327 èe\u0300 ée\u0301 êe\u0302 " +
        "ëe\u0308 ìi\u0300 íi\u0301 îi\u0302 ïi\u0308 ñn\u0303 òo\u0300 óo\u0301 ôo\u0302 õo\u0303 öo\u0308 ùu\u0300 " +
        "úu\u0301 ûu\u0302 üu\u0308 ýy\u0301 ÿy\u0308 ĀA\u0304 āa\u0304 ĂA\u0306 ăa\u0306 ĄA\u0328 ąa\u0328 ĆC\u0301 " +
        "ćc\u0301 ĈC\u0302 ĉc\u0302 ĊC\u0307 ċc\u0307 ČC\u030C čc\u030C ĎD\u030C ďd\u030C ĒE\u0304 ēe\u0304 ĔE\u0306 " +
        "ĕe\u0306 ĖE\u0307 ėe\u0307 ĘE\u0328 ęe\u0328 ĚE\u030C ěe\u030C ĜG\u0302 ĝg\u0302 ĞG\u0306 ğg\u0306 ĠG\u0307 " +
        "ġg\u0307 ĢG\u0327 ģg\u0327 ĤH\u0302 ĥh\u0302 ĨI\u0303 ĩi\u0303 ĪI\u0304 īi\u0304 ĬI\u0306 ĭi\u0306 ĮI\u0328 " +
        "įi\u0328 İI\u0307 ĴJ\u0302 ĵj\u0302 ĶK\u0327 ķk\u0327 ĹL\u0301 ĺl\u0301 ĻL\u0327 ļl\u0327 ĽL\u030C ľl\u030C " +
        "ŃN\u0301 ńn\u0301 ŅN\u0327 ņn\u0327 ŇN\u030C ňn\u030C ŌO\u0304 ōo\u0304 ŎO\u0306 ŏo\u0306 ŐO\u030B őo\u030B " +
        "ŔR\u0301 ŕr\u0301 ŖR\u0327 ŗr\u0327 ŘR\u030C řr\u030C ŚS\u0301 śs\u0301 ŜS\u0302 ŝs\u0302 ŞS\u0327 şs\u0327 " +
        "ŠS\u030C šs\u030C ŢT\u0327 ţt\u0327 ŤT\u030C ťt\u030C ŨU\u0303 ũu\u0303 ŪU\u0304 ūu\u0304 ŬU\u0306 ŭu\u0306 " +
        "ŮU\u030A ůu\u030A ŰU\u030B űu\u030B ŲU\u0328 ųu\u0328 ŴW\u0302 ŵw\u0302 ŶY\u0302 ŷy\u0302 ŸY\u0308 ŹZ\u0301 " +
        "źz\u0301 ŻZ\u0307 żz\u0307 ŽZ\u030C žz\u030C ƠO\u031B ơo\u031B ƯU\u031B ưu\u031B ǍA\u030C ǎa\u030C ǏI\u030C " +
        "ǐi\u030C ǑO\u030C ǒo\u030C ǓU\u030C ǔu\u030C ǕU\u0308\u0304 ǖu\u0308\u0304 ǗU\u0308\u0301 ǘu\u0308\u0301 ǙU\u0308\u030C ǚu\u0308\u030C ǛU\u0308\u0300 " +
        "ǜu\u0308\u0300 ǞA\u0308\u0304 ǟa\u0308\u0304 ǠA\u0307\u0304 ǡa\u0307\u0304 ǦG\u030C ǧg\u030C ǨK\u030C ǩk\u030C ǪO\u0328 ǫo\u0328 ǬO\u0328\u0304 " +
        "ǭo\u0328\u0304 ǰj\u030C ǴG\u0301 ǵg\u0301 ǸN\u0300 ǹn\u0300 ǺA\u030A\u0301 ǻa\u030A\u0301 ȘS\u0326 șs\u0326 ȚT\u0326 țt\u0326 " +
        "ȞH\u030C ȟh\u030C ȦA\u0307 ȧa\u0307 ȨE\u0327 ȩe\u0327 ȪO\u0308\u0304 ȫo\u0308\u0304 ȬO\u0303\u0304 ȭo\u0303\u0304 ȮO\u0307 ȯo\u0307 " +
        "ȰO\u0307\u0304 ȱo\u0307\u0304 ȲY\u0304 ȳy\u0304 ḂB\u0307 ḃb\u0307 ḄB\u0323 ḅb\u0323 ḈC\u0327\u0301 ḉc\u0327\u0301 ḊD\u0307 ḋd\u0307 " +
        "ḌD\u0323 ḍd\u0323 ḐD\u0327 ḑd\u0327 ḔE\u0304\u0300 ḕe\u0304\u0300 ḖE\u0304\u0301 ḗe\u0304\u0301 ḜE\u0327\u0306 ḝe\u0327\u0306 ḞF\u0307 ḟf\u0307 " +
        "ḠG\u0304 ḡg\u0304 ḢH\u0307 ḣh\u0307 ḤH\u0323 ḥh\u0323 ḦH\u0308 ḧh\u0308 ḨH\u0327 ḩh\u0327 ḮI\u0308\u0301 ḯi\u0308\u0301 " +
        "ḰK\u0301 ḱk\u0301 ḲK\u0323 ḳk\u0323 ḶL\u0323 ḷl\u0323 ḸL\u0323\u0304 ḹl\u0323\u0304 ḾM\u0301 ḿm\u0301 ṀM\u0307 ṁm\u0307 " +
        "ṂM\u0323 ṃm\u0323 ṄN\u0307 ṅn\u0307 ṆN\u0323 ṇn\u0323 ṌO\u0303\u0301 ṍo\u0303\u0301 ṎO\u0303\u0308 ṏo\u0303\u0308 ṐO\u0304\u0300 ṑo\u0304\u0300 " +
        "ṒO\u0304\u0301 ṓo\u0304\u0301 ṔP\u0301 ṕp\u0301 ṖP\u0307 ṗp\u0307 ṘR\u0307 ṙr\u0307 ṚR\u0323 ṛr\u0323 ṜR\u0323\u0304 ṝr\u0323\u0304 " +
        "ṠS\u0307 ṡs\u0307 ṢS\u0323 ṣs\u0323 ṤS\u0301\u0307 ṥs\u0301\u0307 ṦS\u030C\u0307 ṧs\u030C\u0307 ṨS\u0323\u0307 ṩs\u0323\u0307 ṪT\u0307 ṫt\u0307 " +
        "ṬT\u0323 ṭt\u0323 ṸU\u0303\u0301 ṹu\u0303\u0301 ṺU\u0304\u0308 ṻu\u0304\u0308 ṼV\u0303 ṽv\u0303 ṾV\u0323 ṿv\u0323 ẀW\u0300 ẁw\u0300 " +
        "ẂW\u0301 ẃw\u0301 ẄW\u0308 ẅw\u0308 ẆW\u0307 ẇw\u0307 ẈW\u0323 ẉw\u0323 ẊX\u0307 ẋx\u0307 ẌX\u0308 ẍx\u0308 " +
        "ẎY\u0307 ẏy\u0307 ẐZ\u0302 ẑz\u0302 ẒZ\u0323 ẓz\u0323 ẗt\u0308 ẘw\u030A ẙy\u030A ẠA\u0323 ạa\u0323 ẤA\u0302\u0301 " +
        "ấa\u0302\u0301 ẦA\u0302\u0300 ầa\u0302\u0300 ẪA\u0302\u0303 ẫa\u0302\u0303 ẬA\u0323\u0302 ậa\u0323\u0302 ẮA\u0306\u0301 ắa\u0306\u0301 ẰA\u0306\u0300 ằa\u0306\u0300 ẴA\u0306\u0303 " +
        "ẵa\u0306\u0303 ẶA\u0323\u0306 ặa\u0323\u0306 ẸE\u0323 ẹe\u0323 ẼE\u0303 ẽe\u0303 ẾE\u0302\u0301 ếe\u0302\u0301 ỀE\u0302\u0300 ềe\u0302\u0300 ỄE\u0302\u0303 " +
        "ễe\u0302\u0303 ỆE\u0323\u0302 ệe\u0323\u0302 ỊI\u0323 ịi\u0323 ỌO\u0323 ọo\u0323 ỐO\u0302\u0301 ốo\u0302\u0301 ỒO\u0302\u0300 ồo\u0302\u0300 ỖO\u0302\u0303 " +
        "ỗo\u0302\u0303 ỘO\u0323\u0302 ộo\u0323\u0302 ỚO\u031B\u0301 ớo\u031B\u0301 ỜO\u031B\u0300 ờo\u031B\u0300 ỠO\u031B\u0303 ỡo\u031B\u0303 ỢO\u031B\u0323 ợo\u031B\u0323 ỤU\u0323 " +
        "ụu\u0323 ỨU\u031B\u0301 ứu\u031B\u0301 ỪU\u031B\u0300 ừu\u031B\u0300 ỮU\u031B\u0303 ữu\u031B\u0303 ỰU\u031B\u0323 ựu\u031B\u0323 ỲY\u0300 ỳy\u0300 ỴY\u0323 " +
        "ỵy\u0323 ỸY\u0303 ỹy\u0303 " +
        "");

    private static Dictionary<char, (char, string)> ParseTable(string table)
    {
        var result = new Dictionary<char, (char, string)>();
        foreach (var entry in table.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            result[entry[0]] = (entry[1], entry[2..]);
        return result;
    }
}
