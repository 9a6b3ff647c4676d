using System.Text.Json.Nodes;

namespace KerasSharp.Tests.TestSupport;

/// <summary>
/// The conformance corpus written by real Keras 3.5.0 and 3.15.1 (<c>../shared/fixtures/keras-reference</c>, see its
/// README): locating it, listing its models from <c>manifest.json</c>, and xunit data for theories over it.
/// </summary>
public static class KerasReference
{
    private static readonly Lazy<string?> RootPath = new(FindRoot);
    private static readonly Lazy<JsonObject?> ManifestJson = new(() =>
        RootPath.Value is { } root ? ParsePythonJson(File.ReadAllText(Path.Combine(root, "manifest.json"))) : null);

    /// <summary>The corpus folder, or null when no <c>shared/fixtures/keras-reference</c> is beside the repository.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>Why corpus tests are skipped, or null when the corpus is present.</summary>
    public static string? SkipReason => Root is null
        ? "The Keras reference corpus ../shared/fixtures/keras-reference is absent (a clone outside the workspace has no ../shared)."
        : null;

    /// <summary>The parsed <c>manifest.json</c>.</summary>
    public static JsonObject Manifest => ManifestJson.Value ?? throw new InvalidOperationException(SkipReason);

    /// <summary>A corpus-relative path made absolute.</summary>
    public static string PathOf(string relative) => Path.Combine(Root!, relative);

    /// <summary>The manifest entry of model <paramref name="name"/> written by Keras <paramref name="version"/>.</summary>
    public static JsonObject Model(string version, string name) =>
        Manifest["models"]!.AsArray().Select(m => m!.AsObject())
            .Single(m => (string)m["name"]! == name && (string)m["keras_version"]! == version);

    /// <summary>The <c>summary.json</c> of model <paramref name="name"/> written by Keras <paramref name="version"/>.</summary>
    public static JsonObject LoadSummary(string version, string name) =>
        ParsePythonJson(File.ReadAllText(PathOf((string)Model(version, name)["files"]!["summary"]!)));

    /// <summary>The <c>history.json</c> of fit trace <paramref name="name"/>.</summary>
    public static JsonObject LoadFitHistory(string name) =>
        ParsePythonJson(File.ReadAllText(PathOf((string)FitTrace(name)["files"]!["history"]!)));

    /// <summary>The manifest entry of fit trace <paramref name="name"/>.</summary>
    public static JsonObject FitTrace(string name) =>
        Manifest["fit_traces"]!.AsArray().Select(m => m!.AsObject()).Single(m => (string)m["name"]! == name);

    /// <summary>(version, name) of every model; one placeholder row when the corpus is absent (the test is skipped).</summary>
    public static IEnumerable<object[]> Models() => Rows(m => true);

    /// <summary>
    /// Summary rows where Keras itself is wrong and KerasSharp deliberately differs: Keras 3.5.0 and 3.15.1 report
    /// MultiHeadAttention's attention-score shape with the query length on both axes ((None, 3, 6, 6) for a query of 6
    /// and a key of 4 steps, in mha_self_cross); KerasSharp reports the true (None, 3, 6, 4), which the layers after it
    /// are built from. Listed here, not silenced: the theory runs them as skipped rows with this reason.
    /// </summary>
    public static readonly IReadOnlySet<string> SummaryKnownDifferences = new HashSet<string> { "mha_self_cross" };

    /// <summary>(version, name) of every model whose summary KerasSharp must print exactly as Keras.</summary>
    public static IEnumerable<object[]> ModelsWithKerasSummary() => Rows(m => !SummaryKnownDifferences.Contains((string)m["name"]!));

    /// <summary>(version, name) of the models in <see cref="SummaryKnownDifferences"/>.</summary>
    public static IEnumerable<object[]> ModelsWithKnownSummaryDifference() =>
        ManifestJson.Value is null ? [] : Rows(m => SummaryKnownDifferences.Contains((string)m["name"]!));

    /// <summary>(version, name) of every model that has a legacy <c>.h5</c> file.</summary>
    public static IEnumerable<object[]> ModelsWithH5() => Rows(m => m["files"]!["h5"] is not null);

    /// <summary>Names of every fit trace.</summary>
    public static IEnumerable<object[]> FitTraces() => ManifestJson.Value is null
        ? [["(corpus absent)"]]
        : Manifest["fit_traces"]!.AsArray().Select(m => new object[] { (string)m!["name"]! });

    private static IEnumerable<object[]> Rows(Func<JsonObject, bool> filter) => ManifestJson.Value is null
        ? [["(corpus absent)", "(corpus absent)"]]
        : Manifest["models"]!.AsArray().Select(m => m!.AsObject()).Where(filter)
            .Select(m => new object[] { (string)m["keras_version"]!, (string)m["name"]! });

    /// <summary>Parses JSON as Python's <c>json</c> writes it: bare <c>Infinity</c>, <c>-Infinity</c> and <c>NaN</c> become strings.</summary>
    private static JsonObject ParsePythonJson(string text) =>
        JsonNode.Parse(System.Text.RegularExpressions.Regex.Replace(text, @"(?<=[:\[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])", "\"$1\""))!.AsObject();

    private static string? FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "KerasSharp", "KerasSharp.csproj")))
            dir = dir.Parent;
        for (var up = dir?.Parent; up is not null; up = up.Parent)
        {
            var candidate = Path.Combine(up.FullName, "shared", "fixtures", "keras-reference");
            if (File.Exists(Path.Combine(candidate, "manifest.json"))) return candidate;
        }
        return null;
    }
}

/// <summary>A theory over the Keras reference corpus; skipped, saying why, when the corpus is absent.</summary>
public sealed class KerasReferenceTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets Skip when the corpus cannot be found.</summary>
    public KerasReferenceTheoryAttribute()
    {
        if (KerasReference.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A fact over the Keras reference corpus; skipped, saying why, when the corpus is absent.</summary>
public sealed class KerasReferenceFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when the corpus cannot be found.</summary>
    public KerasReferenceFactAttribute()
    {
        if (KerasReference.SkipReason is { } reason) Skip = reason;
    }
}
