using System.Text;

namespace KerasSharp.Utils;

/// <summary>
/// An RFC 4180 CSV reader: fields separated by a delimiter, optionally quoted with <c>"</c> (a doubled quote inside
/// a quoted field is one quote; quoted fields may hold delimiters and line breaks), records ended by LF or CRLF, a
/// leading UTF-8 BOM ignored, blank lines skipped.
/// </summary>
internal static class CsvParser
{
    /// <exception cref="InvalidDataException">An unterminated quoted field or text after a closing quote (with its line number).</exception>
    internal static List<string[]> Parse(TextReader reader, char delimiter, string name)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool inQuotes = false, wasQuoted = false, afterQuote = false, lineHasContent = false;
        int line = 1, quoteStartLine = 0;
        bool first = true;
        int c;
        while ((c = reader.Read()) != -1)
        {
            char ch = (char)c;
            if (first) { first = false; if (ch == '\uFEFF') continue; }
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else { inQuotes = false; afterQuote = true; }
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                wasQuoted = afterQuote = false;
                lineHasContent = true;
                continue;
            }
            if (ch == '\r' && reader.Peek() == '\n') continue;
            if (ch == '\n' || ch == '\r')
            {
                if (lineHasContent || field.Length > 0 || wasQuoted) { fields.Add(field.ToString()); records.Add([.. fields]); }
                fields.Clear(); field.Clear();
                wasQuoted = afterQuote = lineHasContent = false;
                line++;
                continue;
            }
            if (afterQuote)
                throw new InvalidDataException($"'{name}' line {line}: text after the closing quote of a quoted field.");
            if (ch == '"' && field.Length == 0 && !wasQuoted)
            {
                inQuotes = wasQuoted = true;
                quoteStartLine = line;
                lineHasContent = true;
                continue;
            }
            field.Append(ch);
            lineHasContent = true;
        }
        if (inQuotes) throw new InvalidDataException($"'{name}': the quoted field starting on line {quoteStartLine} is never closed.");
        if (lineHasContent || field.Length > 0 || wasQuoted) { fields.Add(field.ToString()); records.Add([.. fields]); }
        return records;
    }
}
