using KerasSharp.Tests.TestSupport;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// <c>.keras</c> archives treated as hostile: corrupted bytes, duplicate entries and zip bombs each give a named
/// error, quickly and without inflating the bomb.
/// </summary>
[Collection(GlobalState.Name)]
public class HostileArchiveTests
{
    private static string SavedModel(out string dir)
    {
        dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "small.keras");
        SavingTestSupport.SmallModel().Save(path);
        return path;
    }

    private static byte[] Entry(string archive, string name)
    {
        using var zip = ZipFile.OpenRead(archive);
        using var s = zip.GetEntry(name)!.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>Writes a zip with the given (name, bytes, compression) entries in order.</summary>
    private static string WriteZip(string dir, string name, params (string Entry, byte[] Data, CompressionLevel Level)[] entries)
    {
        var path = Path.Combine(dir, name);
        using var fs = File.Create(path);
        using var zip = new ZipArchive(fs, ZipArchiveMode.Create);
        foreach (var (entry, data, level) in entries)
        {
            using var s = zip.CreateEntry(entry, level).Open();
            s.Write(data);
        }
        return path;
    }

    [Fact]
    public void FlippedByteInStoredWeightsFailsTheCrc32Check()
    {
        var path = SavedModel(out _);
        var raw = File.ReadAllBytes(path);
        var weights = Entry(path, "model.weights.h5");
        int start = raw.AsSpan().IndexOf(weights.AsSpan(0, 64));
        Assert.True(start > 0, "the weights entry is stored uncompressed, so its bytes are in the file");
        raw[start + weights.Length - 40] ^= 0x5A;   // inside the last dataset's data
        File.WriteAllBytes(path, raw);
        var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains("model.weights.h5", ex.Message);
        Assert.Contains("CRC-32", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void DuplicateConfigEntriesAreRefused()
    {
        var path = SavedModel(out var dir);
        var config = Entry(path, "config.json");
        var other = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(config).Replace("\"units\": 8", "\"units\": 9"));
        var twice = WriteZip(dir, "twice.keras",
            ("metadata.json", Entry(path, "metadata.json"), CompressionLevel.Optimal),
            ("config.json", config, CompressionLevel.Optimal),
            ("config.json", other, CompressionLevel.Optimal),
            ("model.weights.h5", Entry(path, "model.weights.h5"), CompressionLevel.NoCompression));
        var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(twice));
        Assert.Contains("2 entries named 'config.json'", ex.Message);
    }

    [Fact]
    public void DuplicateJsonKeyIsANamedLoadError()
    {
        var path = SavedModel(out var dir);
        var text = Encoding.UTF8.GetString(Entry(path, "config.json"));
        var edited = text.Replace("\"units\":8,", "\"units\":8,\"units\":9,").Replace("\"units\": 8,", "\"units\": 8, \"units\": 9,");
        Assert.NotEqual(text, edited);
        var twice = WriteZip(dir, "dupkey.keras",
            ("metadata.json", Entry(path, "metadata.json"), CompressionLevel.Optimal),
            ("config.json", Encoding.UTF8.GetBytes(edited), CompressionLevel.Optimal),
            ("model.weights.h5", Entry(path, "model.weights.h5"), CompressionLevel.NoCompression));
        var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(twice));
        Assert.Contains(twice, ex.Message);
    }

    [Fact]
    public void WeightsBombIsRefusedBeforeInflating()
    {
        // 64 MB of zeros deflate to about 64 KB; the model's weights and optimizer state need a few KB.
        var path = SavedModel(out var dir);
        var bomb = WriteZip(dir, "bomb.keras",
            ("metadata.json", Entry(path, "metadata.json"), CompressionLevel.Optimal),
            ("config.json", Entry(path, "config.json"), CompressionLevel.Optimal),
            ("model.weights.h5", new byte[64 << 20], CompressionLevel.SmallestSize));
        Assert.True(new FileInfo(bomb).Length < 1 << 20);
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(bomb));
        Assert.Contains("model.weights.h5 declares 67,108,864 bytes", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"refusing the bomb took {watch.Elapsed}");
    }

    [Fact]
    public void ConfigOverTheLimitNamesTheEntryAndTheSettingAndTheLimitIsChecked()
    {
        var path = SavedModel(out _);
        var before = Keras.Saving.MaxConfigBytes;
        try
        {
            Keras.Saving.MaxConfigBytes = 100;
            var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
            Assert.Contains("config.json declares", ex.Message);
            Assert.Contains("Keras.Saving.MaxConfigBytes", ex.Message);
        }
        finally { Keras.Saving.MaxConfigBytes = before; }
        Assert.NotNull(Keras.Models.LoadModel(path));
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Saving.MaxConfigBytes = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Saving.MaxWeightsBytes = (long)int.MaxValue + 1);
    }
}
