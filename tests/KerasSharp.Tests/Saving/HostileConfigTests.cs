using KerasSharp.Tests.TestSupport;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using KerasSharp.Layers;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// Configs edited to ask for absurd weights fail with a named error before anything is allocated (no native crash,
/// no gigabytes of memory): while loading, weights are charged against what the file holds.
/// </summary>
[Collection(GlobalState.Name)]
public class HostileConfigTests
{
    /// <summary>A saved Input(4,3) -> Flatten -> Dense(8) -> ... model whose first Dense asks for <paramref name="units"/> units.</summary>
    private static string EditedUnits(string units)
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "small.keras");
        SavingTestSupport.SmallModel().Save(path);
        var edited = Path.Combine(dir, "edited.keras");
        using (var src = ZipFile.OpenRead(path))
        using (var fs = File.Create(edited))
        using (var dst = new ZipArchive(fs, ZipArchiveMode.Create))
            foreach (var entry in src.Entries)
            {
                using var s = entry.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                var bytes = ms.ToArray();
                if (entry.FullName == "config.json")
                {
                    var text = Encoding.UTF8.GetString(bytes);
                    var edit = text.Replace("\"units\":8,", $"\"units\":{units},").Replace("\"units\": 8,", $"\"units\": {units},");
                    Assert.NotEqual(text, edit);
                    bytes = Encoding.UTF8.GetBytes(edit);
                }
                using var d = dst.CreateEntry(entry.FullName).Open();
                d.Write(bytes);
            }
        return edited;
    }

    [Theory]
    [InlineData("1000000000")]
    [InlineData("1000000")]
    [InlineData("5000")]
    public void DenseUnitsEditedUpwardFailsNamedAndFast(string units)
    {
        var path = EditedUnits(units);
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"refusing took {watch.Elapsed}");
        Assert.Contains(path, ex.Message);
        Assert.Contains("kernel", ex.Message);
        Assert.Contains("more than its model.weights.h5", ex.Message);
    }

    [Fact]
    public void AWeightLargerThanMemoryIsAnArgumentErrorNotACrash()
    {
        var layer = new Dense(1_000_000_000);
        var ex = Assert.Throws<ArgumentException>(() => layer.EnsureBuilt([null, 784]));
        Assert.Contains("kernel", ex.Message);
        Assert.Contains("memory", ex.Message);
    }
}
