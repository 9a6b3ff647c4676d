using KerasSharp.Data;
using KerasSharp.Models;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Conformance;

/// <summary>
/// Every model file of the Keras reference corpus loads and reproduces the outputs Keras computed from it, within the
/// corpus tolerance (|got - y| &lt;= 1e-5 + 1e-5 |y|).
/// </summary>
public class LoadAndPredictTests
{
    [KerasReferenceTheory]
    [MemberData(nameof(KerasReference.Models), MemberType = typeof(KerasReference))]
    public void KerasFileLoadsAndReproducesKerasOutputs(string version, string name) =>
        AssertReproduces(version, name, "keras");

    [KerasReferenceTheory]
    [MemberData(nameof(KerasReference.ModelsWithH5), MemberType = typeof(KerasReference))]
    public void LegacyH5FileLoadsAndReproducesKerasOutputs(string version, string name) =>
        AssertReproduces(version, name, "h5");

    [KerasReferenceTheory]
    [MemberData(nameof(KerasReference.Models), MemberType = typeof(KerasReference))]
    public void KerasFileSavedByKerasSharpReloadsAndReproducesKerasOutputs(string version, string name)
    {
        var entry = KerasReference.Model(version, name);
        var model = Keras.Models.LoadModel(KerasReference.PathOf((string)entry["files"]!["keras"]!), compile: false);
        var dir = Path.Combine(Path.GetTempPath(), "kerassharp-conformance-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var ours = Path.Combine(dir, name + ".keras");
            model.Save(ours);
            AssertReproduces(version, name, ours);

            // The weights alone, through Keras' .weights.h5 file, into a second copy of Keras' model.
            var weights = Path.Combine(dir, name + ".weights.h5");
            model.SaveWeights(weights);
            var second = Keras.Models.LoadModel(KerasReference.PathOf((string)entry["files"]!["keras"]!), compile: false);
            foreach (var w in second.Weights) { using var _ = TorchSharp.torch.no_grad(); w.zero_(); }
            second.LoadWeights(weights);
            AssertOutputs(version, name, second, $"{version}/{name}.weights.h5 saved by KerasSharp");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    internal static void AssertReproduces(string version, string name, string kind)
    {
        var entry = KerasReference.Model(version, name);
        var file = kind.Contains('/') ? kind : KerasReference.PathOf((string)entry["files"]![kind]!);
        AssertOutputs(version, name, Keras.Models.LoadModel(file, compile: false), $"{version}/{name}.{Path.GetExtension(file).TrimStart('.')}");
    }

    /// <summary>The model predicts the corpus outputs of (version, name) from the corpus inputs.</summary>
    internal static void AssertOutputs(string version, string name, KerasSharp.Model model, string what)
    {
        var entry = KerasReference.Model(version, name);
        var io = Npz.Load(KerasReference.PathOf((string)entry["files"]!["io"]!));
        var inputs = entry["inputs"]!.AsArray().Select(i => io[(string)i!["key"]!]).ToArray();
        var outputKeys = entry["outputs"]!.AsArray().Select(o => (string)o!["key"]!).ToArray();
        ModelData x = inputs.Length == 1 ? inputs[0] : inputs;
        var got = model.PredictAll(x, batchSize: 32, verbose: 0);
        Assert.Equal(outputKeys.Length, got.Count);
        for (int i = 0; i < outputKeys.Length; i++)
            AssertClose(io[outputKeys[i]], got[i], $"{what} output {outputKeys[i]}");
    }

    /// <summary>The corpus tolerance: |got - y| &lt;= atol + rtol |y|, shapes equal.</summary>
    internal static void AssertClose(Tensor expected, Tensor actual, string what, double atol = 1e-5, double rtol = 1e-5)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{what}: expected shape [{string.Join(", ", expected.shape)}], got [{string.Join(", ", actual.shape)}]");
        var e = expected.to_type(ScalarType.Float64).cpu();
        var a = actual.to_type(ScalarType.Float64).cpu();
        var excess = (a - e).abs() - (atol + rtol * e.abs());
        double worst = excess.max().item<double>();
        double maxDiff = (a - e).abs().max().item<double>();
        Assert.True(worst <= 0 && !double.IsNaN(worst), $"{what}: max |got - y| = {maxDiff:G4} exceeds {atol} + {rtol}|y|");
    }
}
