using KerasSharp.Tests.TestSupport;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// The guide's LayerWithCustomAssets (keras.io/guides/serialization_and_saving, appendix): a Dense whose
/// save_assets writes its vocabulary to vocabulary.txt and whose load_assets reads it back, replacing "&lt;unk&gt;".
/// This one also writes a file in a sub-folder and records the folders it was given.
/// </summary>
[RegisterSerializable("hooks_tests")]
[Collection(GlobalState.Name)]
public sealed class VocabDense : Dense
{
    /// <summary>Creates the layer.</summary>
    public VocabDense(int units, string? vocab = null, Shape? inputShape = null, string? name = null)
        : base(units, inputShape: inputShape, name: name) => Vocab = vocab;

    /// <summary>The vocabulary (a sentence in the guide).</summary>
    public string? Vocab { get; private set; }

    /// <summary>The folder the last LoadAssets call was given.</summary>
    public string? LoadedFrom { get; private set; }

    /// <summary>How many times LoadAssets ran, over all instances.</summary>
    public static int LoadCalls;

    /// <summary>Rebuilds the layer from its units and name (the vocabulary comes from the assets).</summary>
    public static VocabDense FromConfig(JsonObject config) => new((int)config["units"]!, name: (string?)config["name"]);

    /// <inheritdoc />
    public override void SaveAssets(string innerPath)
    {
        File.WriteAllText(Path.Combine(innerPath, "vocabulary.txt"), Vocab);
        Directory.CreateDirectory(Path.Combine(innerPath, "extra"));
        File.WriteAllBytes(Path.Combine(innerPath, "extra", "bytes.bin"), [0, 1, 2, 255]);
    }

    /// <inheritdoc />
    public override void LoadAssets(string innerPath)
    {
        Interlocked.Increment(ref LoadCalls);
        LoadedFrom = innerPath;
        Vocab = File.ReadAllText(Path.Combine(innerPath, "vocabulary.txt")).Replace("<unk>", "xyz");
        if (!File.ReadAllBytes(Path.Combine(innerPath, "extra", "bytes.bin")).SequenceEqual(new byte[] { 0, 1, 2, 255 }))
            throw new InvalidOperationException("extra/bytes.bin differs");
    }
}

/// <summary>A layer whose SaveAssets writes a symbolic link (to /etc/hostname) instead of a file.</summary>
[Collection(GlobalState.Name)]
public sealed class LinkAssetsLayer : Layer
{
    /// <summary>Creates the layer.</summary>
    public LinkAssetsLayer(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x;

    /// <inheritdoc />
    public override void SaveAssets(string innerPath) => File.CreateSymbolicLink(Path.Combine(innerPath, "link.txt"), "/etc/hostname");
}

/// <summary>
/// save_assets / load_assets: files a layer writes go to <c>assets/&lt;layer path&gt;/</c> and come back in a fresh
/// temporary folder that is deleted afterwards; hostile entries are refused before anything is extracted.
/// </summary>
[Collection(GlobalState.Name)]
public class SavingAssetsHooksTests
{
    private const string Sentence = "Lorem ipsum dolor sit amet, consectetur <unk> adipiscing elit.";

    private static string SaveVocabModel(string dir)
    {
        var model = new Sequential([new VocabDense(2, vocab: Sentence, inputShape: new Shape(10))]);
        model.Compile("adam", "mean_squared_error");
        var path = Path.Combine(dir, "custom_assets.keras");
        model.Save(path);
        return path;
    }

    private static void AddEntry(string archive, string name, byte[] data, int? unixMode = null)
    {
        using var zip = ZipFile.Open(archive, ZipArchiveMode.Update);
        var entry = zip.CreateEntry(name);
        if (unixMode is int mode) entry.ExternalAttributes = mode << 16;
        using var s = entry.Open();
        s.Write(data);
    }

    [Fact]
    public void OverriddenAssetsAreStoredUnderTheLayerPathAndReloadedFromADeletedTemporaryFolder()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = SaveVocabModel(dir);
        using (var zip = ZipFile.OpenRead(path))
        {
            var names = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("assets/", StringComparison.Ordinal)).Order().ToArray();
            Assert.Equal(["assets/layers/vocab_dense/extra/bytes.bin", "assets/layers/vocab_dense/vocabulary.txt"], names);
            using var r = new StreamReader(zip.GetEntry("assets/layers/vocab_dense/vocabulary.txt")!.Open());
            Assert.Equal(Sentence, r.ReadToEnd());
        }
        var loaded = Keras.Models.LoadModel(path);
        var layer = Assert.IsType<VocabDense>(loaded.Layers[0]);
        Assert.Equal(Sentence.Replace("<unk>", "xyz"), layer.Vocab);
        Assert.NotNull(layer.LoadedFrom);
        Assert.False(Directory.Exists(layer.LoadedFrom));   // the extraction folder is gone
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("assets/../{0}", "has a '..' or '.' component")]
    [InlineData("assets/layers/vocab_dense/../../../{0}", "has a '..' or '.' component")]
    [InlineData("assets//tmp/{0}", "is an absolute path")]
    [InlineData("assets/layers/vocab_dense/..\\..\\{0}", "contains a backslash")]
    [InlineData("assets/layers/vocab_dense/C:/{0}", "contains a drive or stream separator")]
    public void HostileAssetEntryIsRefusedAndNothingIsWrittenOutsideTheFolder(string entryPattern, string why)
    {
        var dir = SavingTestSupport.NewFolder();
        var path = SaveVocabModel(dir);
        var evil = $"evil-{Guid.NewGuid():N}.txt";
        var entry = string.Format(System.Globalization.CultureInfo.InvariantCulture, entryPattern, evil);
        AddEntry(path, entry, Encoding.UTF8.GetBytes("pwned"));
        int calls = VocabDense.LoadCalls;

        var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains($"the asset entry '{entry}' {why}", ex.Message);
        Assert.Equal(calls, VocabDense.LoadCalls);
        var temp = Path.GetTempPath();
        foreach (var where in new[] { temp, Path.GetDirectoryName(temp.TrimEnd(Path.DirectorySeparatorChar))!, "/tmp", dir, Environment.CurrentDirectory })
            Assert.False(File.Exists(Path.Combine(where, evil)), $"{evil} was written in {where}");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SaveAssetsWritingALinkIsRefusedBeforeTheFileIsWritten()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "link.keras");
        var model = new Sequential([new Input(3), new LinkAssetsLayer()]);
        var ex = Assert.Throws<InvalidOperationException>(() => model.Save(path));
        Assert.Contains("SaveAssets wrote the link 'link.txt'; a .keras archive holds only plain files", ex.Message);
        Assert.False(File.Exists(path));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SymbolicLinkAssetEntryIsRefused()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = SaveVocabModel(dir);
        AddEntry(path, "assets/layers/vocab_dense/link", Encoding.UTF8.GetBytes("/etc/passwd"), unixMode: 0xA1FF);
        var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains("the asset entry 'assets/layers/vocab_dense/link' is a symbolic link", ex.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void OversizeAssetEntryIsRefusedBeforeExtractionNamingTheLimit()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = SaveVocabModel(dir);
        long configBytes;
        using (var zip = ZipFile.OpenRead(path)) configBytes = zip.GetEntry("config.json")!.Length;
        AddEntry(path, "assets/layers/vocab_dense/big.bin", new byte[configBytes + 1000]);
        var before = Keras.Saving.MaxConfigBytes;
        try
        {
            Keras.Saving.MaxConfigBytes = configBytes + 10;   // config.json still fits, the asset does not
            var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
            Assert.Contains($"the asset entry 'assets/layers/vocab_dense/big.bin' declares {configBytes + 1000:N0} bytes", ex.Message);
            Assert.Contains("Keras.Saving.MaxConfigBytes", ex.Message);
        }
        finally { Keras.Saving.MaxConfigBytes = before; }
        Assert.IsType<VocabDense>(Keras.Models.LoadModel(path).Layers[0]);   // within the default limit it loads
        Directory.Delete(dir, true);
    }
}
