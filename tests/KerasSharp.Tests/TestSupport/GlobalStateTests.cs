using System.Text.RegularExpressions;

namespace KerasSharp.Tests.TestSupport;

/// <summary>
/// The test assembly runs its classes in parallel, except those in the <see cref="GlobalState"/> collection. This
/// check reads the test sources and fails for a test class whose file touches process-wide state without being in that
/// collection, so that a new test that seeds the global generator or sets a switch cannot race with the others.
/// </summary>
public class GlobalStateTests
{
    /// <summary>What a test file calls that reads or writes state shared by the whole process, directly or through a
    /// test helper that seeds the global generator.</summary>
    internal static readonly Regex TouchesGlobalState = new(
        @"manual_seed|SetRandomSeed|ClearSession|FastPaths|SetEnvironmentVariable|Environment\.|Keras\.Config|" +
        @"ProgbarLogger\.Default|DeviceManager|SetDevice|TemporariesInScratch|MaxConfigBytes|MaxWeightsBytes|set_num_threads|" +
        @"Thread|\.Statistics|GC\.|CurrentDirectory|UniqueNames|CallContext|Stopwatch|Process\.|" +
        @"LibTorchLoader|AllocatorTuning|OneDnnGuard|StartupHook|NativePackageCheck|Console\.|" +
        // Test helpers that seed the global generator for their data or model.
        @"LayerTest\.|MultiInputLayerTest|CallbackTestSupport|SavingTestSupport|AugmentationTestSupport");

    private static readonly Regex TestAttribute = new(@"\[(Fact|Theory|KerasReferenceTheory|KerasReferenceFact)\b");
    private static readonly Regex ClassDeclaration = new(@"^\s*public\s+(?:sealed\s+|static\s+|partial\s+)*class\s+(\w+)", RegexOptions.Multiline);

    [Fact]
    public void EveryTestClassThatTouchesProcessWideStateRunsAlone()
    {
        var root = FindTestProject();
        var offenders = new List<string>();
        int checkedFiles = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("obj/") || relative.StartsWith("bin/") || relative.StartsWith("TestSupport/")) continue;
            var text = File.ReadAllText(file);
            if (!TestAttribute.IsMatch(text) || !TouchesGlobalState.IsMatch(text)) continue;
            checkedFiles++;
            foreach (Match m in ClassDeclaration.Matches(text))
            {
                var before = text[..m.Index].TrimEnd().Split('\n')[^1];
                if (!before.Contains("[Collection(GlobalState.Name)]"))
                    offenders.Add($"{relative}: class {m.Groups[1].Value}");
            }
        }
        Assert.True(checkedFiles > 10, $"Only {checkedFiles} test files touch process-wide state: is {root} the test project?");
        Assert.True(offenders.Count == 0,
            "These test classes touch process-wide state (" + TouchesGlobalState + ") but run in parallel with the others; " +
            "add [Collection(GlobalState.Name)] above each:\n" + string.Join("\n", offenders));
    }

    private static string FindTestProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KerasSharp.Tests.csproj"))) return dir.FullName;
        throw new InvalidOperationException($"KerasSharp.Tests.csproj not found above {AppContext.BaseDirectory}.");
    }
}
