using System.Globalization;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>
/// A CSV file read into typed columns (<see cref="Keras.Utils.ReadCsv"/>): a column whose every value is an integer is
/// int64, a column of numbers (empty cells become NaN) is float32, anything else stays text. Columns convert to
/// tensors for Fit: <c>var x = table.ToTensor("a", "b"); var y = table.Column("label");</c>.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> byName;
    private readonly string[][] cells; // [column][row]

    internal CsvTable(IReadOnlyList<string> columnNames, string[][] cells, long rows)
    {
        ColumnNames = columnNames;
        this.cells = cells;
        RowCount = rows;
        byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columnNames.Count; i++)
            if (!byName.TryAdd(columnNames[i], i))
                throw new InvalidDataException($"The CSV header names column '{columnNames[i]}' twice.");
        ColumnTypes = cells.Select(InferType).ToArray();
    }

    /// <summary>The column names (the header, or "column0", "column1", ... without one).</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Each column's type: "int64", "float32" or "string".</summary>
    public IReadOnlyList<string> ColumnTypes { get; }

    /// <summary>Number of data rows.</summary>
    public long RowCount { get; }

    /// <summary>A numeric column as a tensor of shape (rows): int64 or float32 by its type.</summary>
    /// <exception cref="ArgumentException">No such column, or a text column.</exception>
    public Tensor Column(string name)
    {
        int i = IndexOf(name);
        Runtime.LibTorchLoader.EnsureLoaded();
        return ColumnTypes[i] switch
        {
            "int64" => tensor(cells[i].Select(v => long.Parse(v.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray()),
            "float32" => tensor(cells[i].Select(ParseFloat).ToArray()),
            _ => throw new ArgumentException($"Column '{name}' holds text (for example '{cells[i].FirstOrDefault(v => !IsNumber(v))}'); use Strings(\"{name}\").", nameof(name)),
        };
    }

    /// <summary>A column's raw text values.</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    public IReadOnlyList<string> Strings(string name) => cells[IndexOf(name)];

    /// <summary>
    /// Numeric columns stacked as a float32 tensor (rows, columns.Length), in the given order (all numeric columns
    /// when none are given).
    /// </summary>
    /// <exception cref="ArgumentException">No such column, or a text column.</exception>
    public Tensor ToTensor(params string[] columns)
    {
        var names = columns.Length > 0 ? columns : ColumnNames.Where((_, i) => ColumnTypes[i] != "string").ToArray();
        if (names.Length == 0) throw new ArgumentException("The table has no numeric column.", nameof(columns));
        using var scope = NewDisposeScope();
        var stacked = stack(names.Select(n => Column(n).to_type(ScalarType.Float32)).ToArray(), 1);
        return stacked.MoveToOuterDisposeScope();
    }

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return byName.TryGetValue(name, out int i) ? i
            : throw new ArgumentException($"No column '{name}'; the columns are: {string.Join(", ", ColumnNames)}.", nameof(name));
    }

    private static bool IsNumber(string v) => v.Trim().Length == 0 || double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static float ParseFloat(string v) =>
        v.Trim().Length == 0 ? float.NaN : (float)double.Parse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string InferType(string[] column)
    {
        if (column.Length > 0 && column.All(v => long.TryParse(v.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))) return "int64";
        if (column.Length > 0 && column.All(IsNumber) && column.Any(v => v.Trim().Length > 0)) return "float32";
        return "string";
    }
}
