using System.Globalization;
using System.Text;

namespace KerasSharp.Callbacks;

/// <summary>
/// Streams epoch results to a CSV file (Keras' <c>keras.callbacks.CSVLogger</c>): a header <c>epoch</c> followed by
/// the log keys sorted by name (with <c>val_</c> columns added when the first epoch has none, as Keras does for
/// <c>validation_freq</c> &gt; 1), then one row per epoch with the 0-based epoch and Python's text for each value
/// (<c>NA</c> when missing; a vector-valued metric as Keras writes an array: <c>"[a, b]"</c>, quotes included). Lines end in <c>\r\n</c> as Python's csv module writes them. The file is flushed after
/// every row and closed when training ends (also when it ends with an error).
/// With <c>append</c>, rows go after the existing content; an existing header whose columns differ from this run's is
/// an error (nothing is written) instead of a file with mixed columns.
/// </summary>
public sealed class CSVLogger : Callback, ITrainFailureAware
{
    private readonly string filename;
    private readonly string separator;
    private readonly bool append;
    private StreamWriter? writer;
    private List<string>? keys;
    private string? existingHeader;
    private bool writeHeader;

    /// <summary>Creates the callback with Keras' arguments and defaults.</summary>
    /// <param name="filename">The CSV file (its folder is created if missing).</param>
    /// <param name="separator">Column separator.</param>
    /// <param name="append">Append to an existing file instead of overwriting it.</param>
    public CSVLogger(string filename, string separator = ",", bool append = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(filename);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        this.filename = filename;
        this.separator = separator;
        this.append = append;
    }

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs)
    {
        Close();
        keys = null;
        existingHeader = null;
        writeHeader = true;
        var dir = Path.GetDirectoryName(Path.GetFullPath(filename));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        if (append && File.Exists(filename))
        {
            using (var reader = new StreamReader(filename, Encoding.UTF8))
                existingHeader = reader.ReadLine();
            writeHeader = string.IsNullOrEmpty(existingHeader);
        }
        writer = new StreamWriter(new FileStream(filename, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read),
            new UTF8Encoding(false)) { NewLine = "\r\n" };
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (writer is null) return;
        if (keys is null)
        {
            var k = logs.Keys.Order(StringComparer.Ordinal).ToList();
            if (k.Count > 0 && !k.Any(x => x.StartsWith("val_", StringComparison.Ordinal)))
                k.AddRange(k.Select(x => "val_" + x).ToList());
            var header = string.Join(separator, new[] { "epoch" }.Concat(k).Select(Quote));
            if (!writeHeader && existingHeader != header)
                throw new InvalidOperationException(
                    $"CSVLogger cannot append to '{filename}': its header has different columns.\n  file: {existingHeader}\n  this run: {header}\n" +
                    "Write to a new file or use append: false.");
            keys = k;
            if (writeHeader) writer.WriteLine(header);
        }
        var row = new List<string> { epoch.ToString(CultureInfo.InvariantCulture) };
        foreach (var key in keys)
            row.Add(logs.TryGetValues(key, out var vector)
                // Keras' handle_value writes an array as "[a, b, ...]" with the quotes in the field
                ? "\"[" + string.Join(", ", vector.Select(PythonFormat.Repr)) + "]\""
                : logs.TryGetValue(key, out var v) ? PythonFormat.Repr(v) : "NA");
        writer.WriteLine(string.Join(separator, row.Select(Quote)));
        writer.Flush();
    }

    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs) => Close();

    void ITrainFailureAware.OnTrainFailure(Exception error) => Close();

    private void Close()
    {
        writer?.Dispose();
        writer = null;
    }

    // Python csv's QUOTE_MINIMAL: quote fields holding the separator, a quote or a line break.
    private string Quote(string field) =>
        field.Contains(separator, StringComparison.Ordinal) || field.Contains('"') || field.Contains('\n') || field.Contains('\r')
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
