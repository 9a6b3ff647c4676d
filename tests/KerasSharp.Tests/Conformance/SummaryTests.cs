using KerasSharp.Tests.TestSupport;

namespace KerasSharp.Tests.Conformance;

/// <summary>
/// Every corpus model, loaded, prints Keras' own <c>model.summary()</c> table: the same rows (name, class, output
/// shape, parameter count, in Keras' layer order) and the same totals.
/// </summary>
public class SummaryTests
{
    [KerasReferenceTheory]
    [MemberData(nameof(KerasReference.ModelsWithKerasSummary), MemberType = typeof(KerasReference))]
    [MemberData(nameof(KerasReference.ModelsWithKnownSummaryDifference), MemberType = typeof(KerasReference),
        Skip = "Keras reports MultiHeadAttention's score shape with the query length twice; KerasSharp keeps the true shape (KerasReference.SummaryKnownDifferences).")]
    public void LoadedModelSummaryRowsAndTotalsEqualKeras(string version, string name)
    {
        var entry = KerasReference.Model(version, name);
        var summaryJson = KerasReference.LoadSummary(version, name);
        var kerasTable = summaryJson["keras_summary_table"]!.AsArray().Select(l => (string)l!).ToArray();
        // A model whose optimizer was built counts its variables in the totals ("Optimizer params"), as Keras' summary
        // does; the corpus printed the 3.15.1 trained models that way and the 3.5.0 ones without an optimizer.
        bool trained = kerasTable.Any(l => l.Trim().StartsWith("Optimizer params", StringComparison.Ordinal));
        var model = Keras.Models.LoadModel(KerasReference.PathOf((string)entry["files"]!["keras"]!), compile: trained);
        var ours = model.SummaryText().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

        Assert.Equal(Rows(kerasTable), Rows(ours));
        Assert.Equal(Totals(kerasTable), Totals(ours));
    }

    /// <summary>(name (class), output shape, params) of each table row, from the box-drawn table.</summary>
    internal static List<string> Rows(IEnumerable<string> table)
    {
        var rows = new List<string>();
        string[]? current = null;
        foreach (var line in table)
        {
            if (!line.StartsWith('│')) { Flush(); continue; }
            var cells = line.Trim('│').Split('│').Select(c => c.Trim()).ToArray();
            if (cells.Length < 3) continue;
            if (current is null) current = [cells[0], cells[1], cells[2]];
            else
            {
                // A continuation line: a long "name (Class)" wraps, and a layer called several times lists one shape per call.
                if (cells[0].Length > 0) current[0] += " " + cells[0];
                if (cells[1].Length > 0) current[1] += " " + cells[1];
            }
        }
        Flush();
        return rows;

        void Flush()
        {
            if (current is not null) rows.Add(string.Join(" | ", current));
            current = null;
        }
    }

    private static string[] Totals(IEnumerable<string> table) =>
        table.Select(l => l.Trim()).Where(l => l.StartsWith("Total params", StringComparison.Ordinal) ||
            l.StartsWith("Trainable params", StringComparison.Ordinal) || l.StartsWith("Non-trainable params", StringComparison.Ordinal) ||
            l.StartsWith("Optimizer params", StringComparison.Ordinal)).ToArray();
}
