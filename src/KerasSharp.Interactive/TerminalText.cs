using System.Net;
using System.Text;

namespace KerasSharp.Interactive;

/// <summary>
/// What a terminal shows after receiving some text: the text of Keras' dynamic progress bar (<c>\b</c> and <c>\r</c>
/// move the cursor back so the next bar overwrites the line, <c>\n</c> ends it, <c>ESC[...m</c> sets bold and colour)
/// turned into lines of styled characters, readable as plain text or as HTML.
/// </summary>
internal sealed class TerminalText
{
    // JupyterLab's ANSI palette (the colours a Keras progress bar has in a Python notebook): 30-37, then bright 90-97.
    private static readonly string[] Palette =
    [
        "#3E424D", "#E75C58", "#00A250", "#DDB62B", "#208FFB", "#D160C4", "#60C6C8", "#C5C1B4",
        "#282C36", "#B22B31", "#007427", "#B27D12", "#0065CA", "#A03196", "#258F8F", "#A1A6B2",
    ];

    private readonly List<List<(char Ch, Style Style)>> lines = [[]];
    private readonly StringBuilder escape = new();
    private int column;
    private bool inEscape;
    private Style style;

    /// <summary>Bold and foreground colour (index into <see cref="Palette"/>, or -1 for the default).</summary>
    private readonly record struct Style(bool Bold, int Color)
    {
        public static readonly Style Default = new(false, -1);
    }

    public TerminalText() => style = Style.Default;

    /// <summary>Applies <paramref name="text"/> as a terminal would.</summary>
    public void Write(ReadOnlySpan<char> text)
    {
        foreach (var ch in text) Write(ch);
    }

    /// <summary>Applies one character as a terminal would.</summary>
    public void Write(char ch)
    {
        if (inEscape)
        {
            escape.Append(ch);
            if (escape.Length == 1 && ch != '[') { inEscape = false; escape.Clear(); }
            else if (escape.Length > 1 && ch is >= '@' and <= '~')
            {
                if (ch == 'm') ApplySgr(escape.ToString(1, escape.Length - 2));
                inEscape = false;
                escape.Clear();
            }
            return;
        }
        var line = lines[^1];
        switch (ch)
        {
            case '\x1b': inEscape = true; break;
            case '\b': column = Math.Max(0, column - 1); break;
            case '\r': column = 0; break;
            case '\n': lines.Add([]); column = 0; break;
            default:
                if (column < line.Count) line[column] = (ch, style);
                else line.Add((ch, style));
                column++;
                break;
        }
    }

    private void ApplySgr(string parameters)
    {
        foreach (var part in parameters.Length == 0 ? ["0"] : parameters.Split(';'))
        {
            if (!int.TryParse(part, out var code)) continue;
            style = code switch
            {
                0 => Style.Default,
                1 => style with { Bold = true },
                22 => style with { Bold = false },
                >= 30 and <= 37 => style with { Color = code - 30 },
                >= 90 and <= 97 => style with { Color = code - 90 + 8 },
                39 => style with { Color = -1 },
                _ => style,
            };
        }
    }

    /// <summary>The lines as shown, without trailing spaces and without the empty line after a final <c>\n</c>.</summary>
    private IEnumerable<List<(char Ch, Style Style)>> VisibleLines()
    {
        int count = lines.Count;
        if (count > 1 && lines[^1].Count == 0) count--;
        for (int i = 0; i < count; i++)
        {
            var line = lines[i];
            int end = line.Count;
            while (end > 0 && line[end - 1].Ch == ' ') end--;
            yield return line.GetRange(0, end);
        }
    }

    /// <summary>The text without styles, lines separated by <c>\n</c>.</summary>
    public string ToPlainText() =>
        string.Join("\n", VisibleLines().Select(l => new string(l.Select(c => c.Ch).ToArray())));

    /// <summary>The text as HTML for the inside of a <c>&lt;pre&gt;</c>: runs of one style in a span (bold, colour).</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        bool firstLine = true;
        foreach (var line in VisibleLines())
        {
            if (!firstLine) sb.Append('\n');
            firstLine = false;
            int i = 0;
            while (i < line.Count)
            {
                var runStyle = line[i].Style;
                int j = i;
                while (j < line.Count && line[j].Style == runStyle) j++;
                var text = WebUtility.HtmlEncode(new string(line.GetRange(i, j - i).Select(c => c.Ch).ToArray()));
                if (runStyle == Style.Default)
                {
                    sb.Append(text);
                }
                else
                {
                    sb.Append("<span style=\"");
                    if (runStyle.Bold) sb.Append("font-weight:bold;");
                    if (runStyle.Color >= 0) sb.Append("color:").Append(Palette[runStyle.Color]).Append(';');
                    sb.Append("\">").Append(text).Append("</span>");
                }
                i = j;
            }
        }
        return sb.ToString();
    }
}
