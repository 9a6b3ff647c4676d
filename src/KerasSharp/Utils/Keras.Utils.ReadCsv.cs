using System.Text;
using KerasSharp.Utils;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Reads a CSV file into typed columns (Keras tutorials read CSV with pandas or
        /// <c>tf.data.experimental.make_csv_dataset</c>; this is the .NET counterpart): RFC 4180 quoting (quoted fields
        /// may hold delimiters, doubled quotes and line breaks), LF or CRLF, UTF-8 with or without BOM, blank lines
        /// skipped; each column is int64, float32 (empty cells NaN) or text, numbers read with the invariant culture.
        /// </summary>
        /// <param name="path">The CSV file.</param>
        /// <param name="header">Whether the first record names the columns (default true); otherwise they are "column0", "column1", ...</param>
        /// <param name="delimiter">The field separator (default ',').</param>
        /// <exception cref="FileNotFoundException">No such file.</exception>
        /// <exception cref="InvalidDataException">Malformed quoting, a record with a different number of fields (with its row), or duplicate column names.</exception>
        public static CsvTable ReadCsv(string path, bool header = true, char delimiter = ',')
        {
            ArgumentNullException.ThrowIfNull(path);
            if (delimiter is '"' or '\r' or '\n')
                throw new ArgumentException($"delimiter cannot be a quote or a line break, but received '{delimiter}'.", nameof(delimiter));
            if (!File.Exists(path)) throw new FileNotFoundException($"No CSV file at '{path}'.", path);
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            var records = CsvParser.Parse(reader, delimiter, path);
            if (records.Count == 0) throw new InvalidDataException($"'{path}' holds no records.");
            int width = records[0].Length;
            string[] names = header ? records[0] : Enumerable.Range(0, width).Select(i => $"column{i}").ToArray();
            int first = header ? 1 : 0;
            for (int r = first; r < records.Count; r++)
                if (records[r].Length != width)
                    throw new InvalidDataException($"'{path}' record {r + 1} has {records[r].Length} fields, but the {(header ? "header" : "first record")} has {width}.");
            var cells = new string[width][];
            for (int c = 0; c < width; c++)
            {
                cells[c] = new string[records.Count - first];
                for (int r = first; r < records.Count; r++) cells[c][r - first] = records[r][c];
            }
            return new CsvTable(names, cells, records.Count - first);
        }
    }
}
