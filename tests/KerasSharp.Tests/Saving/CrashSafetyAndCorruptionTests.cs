using System.IO.Compression;
using System.Text;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;

namespace KerasSharp.Tests.Saving;

[Collection(GlobalState.Name)]

public class CrashSafetyAndCorruptionTests
{
    [Theory]
    [InlineData("metadata.json")]
    [InlineData("config.json")]
    [InlineData("model.weights.h5")]
    public void FailureMidSaveLeavesThePreviousFileIntactAndNoTemporaryFile(string stage)
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "m.keras");
        var model = SavingTestSupport.SmallModel();
        var (x, y) = SavingTestSupport.Batch();
        model.Save(path);
        var bytesBefore = File.ReadAllBytes(path);
        var predictionsBefore = model.Predict(x, verbose: 0);

        model.TrainOnBatch(x, y); // the model changes; the next save fails part-way
        AtomicFile.StageHook = s => { if (s == stage) throw new IOException($"simulated failure after {s}"); };
        try
        {
            var e = Assert.Throws<IOException>(() => model.Save(path));
            Assert.Contains(stage, e.Message);
        }
        finally
        {
            AtomicFile.StageHook = null;
        }
        Assert.Equal(bytesBefore, File.ReadAllBytes(path));
        Assert.Equal(["m.keras"], Directory.GetFiles(dir).Select(Path.GetFileName));
        TensorAssert.Close(predictionsBefore, Keras.Models.LoadModel(path).Predict(x, verbose: 0), 0);
    }

    [Fact]
    public void FailureMidSaveWeightsLeavesThePreviousFileIntact()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "m.weights.h5");
        var model = SavingTestSupport.SmallModel();
        model.SaveWeights(path);
        var before = File.ReadAllBytes(path);
        model.SetWeights(model.GetWeights().Select(w => w + 1).ToArray());
        AtomicFile.StageHook = _ => throw new IOException("simulated failure");
        try { Assert.Throws<IOException>(() => model.SaveWeights(path)); }
        finally { AtomicFile.StageHook = null; }
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir));
    }

    private static string SavedModel(out string dir)
    {
        dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "good.keras");
        SavingTestSupport.SmallModel().Save(path);
        return path;
    }

    [Fact]
    public void NotAZipIsRefusedNamingTheFile()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "text.keras");
        File.WriteAllText(path, "this is not a model");
        var e = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a zip archive", e.Message);
    }

    [Fact]
    public void TruncatedFileIsRefusedNamingTheFile()
    {
        var good = SavedModel(out var dir);
        var bytes = File.ReadAllBytes(good);
        var path = Path.Combine(dir, "truncated.keras");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains(path, e.Message);
    }

    private static string Rewrite(string good, string dir, string name, Action<ZipArchive> edit)
    {
        var path = Path.Combine(dir, name);
        File.Copy(good, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update)) edit(zip);
        return path;
    }

    private static void Replace(ZipArchive zip, string entry, byte[] content)
    {
        zip.GetEntry(entry)?.Delete();
        using var s = zip.CreateEntry(entry).Open();
        s.Write(content);
    }

    [Fact]
    public void MissingOrInvalidConfigIsRefused()
    {
        var good = SavedModel(out var dir);
        var noConfig = Rewrite(good, dir, "noconfig.keras", z => z.GetEntry("config.json")!.Delete());
        var e1 = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(noConfig));
        Assert.Contains(noConfig, e1.Message);
        Assert.Contains("no config.json", e1.Message);

        var badJson = Rewrite(good, dir, "badjson.keras", z => Replace(z, "config.json", Encoding.UTF8.GetBytes("{\"class_name\": ")));
        var e2 = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(badJson));
        Assert.Contains("config.json is not valid JSON", e2.Message);

        var wrongSchema = Rewrite(good, dir, "schema.keras", z => Replace(z, "config.json", Encoding.UTF8.GetBytes("{\"layers\": [1, 2]}")));
        var e3 = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(wrongSchema));
        Assert.Contains("not a Keras model config", e3.Message);

        var noWeights = Rewrite(good, dir, "noweights.keras", z => z.GetEntry("model.weights.h5")!.Delete());
        var e4 = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(noWeights));
        Assert.Contains("no model.weights.h5", e4.Message);

        var garbageWeights = Rewrite(good, dir, "garbage.keras", z => Replace(z, "model.weights.h5", Encoding.UTF8.GetBytes("not hdf5 at all")));
        var e5 = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(garbageWeights));
        Assert.Contains(garbageWeights, e5.Message);
        Assert.Contains("model.weights.h5", e5.Message);
    }

    [Fact]
    public void UnknownClassIsNamed()
    {
        var good = SavedModel(out var dir);
        string config;
        using (var zip = ZipFile.OpenRead(good))
            config = new StreamReader(zip.GetEntry("config.json")!.Open()).ReadToEnd();
        var tampered = config.Replace("\"class_name\":\"Flatten\"", "\"class_name\":\"HyperFlatten\"");
        Assert.NotEqual(config, tampered);
        var path = Rewrite(good, dir, "unknown.keras", z => Replace(z, "config.json", Encoding.UTF8.GetBytes(tampered)));
        var e = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains("'HyperFlatten'", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void TamperedWeightsShapeMismatchNamesLayerAndShapes()
    {
        var dir = SavingTestSupport.NewFolder();
        var good = Path.Combine(dir, "a.keras");
        var other = Path.Combine(dir, "b.keras");
        new Sequential([new KerasSharp.Layers.Input(3), new KerasSharp.Layers.Dense(4, name: "hidden")]).Save(good);
        new Sequential([new KerasSharp.Layers.Input(3), new KerasSharp.Layers.Dense(6)]).Save(other);
        byte[] foreignWeights;
        using (var zip = ZipFile.OpenRead(other))
        {
            var ms = new MemoryStream();
            zip.GetEntry("model.weights.h5")!.Open().CopyTo(ms);
            foreignWeights = ms.ToArray();
        }
        var path = Rewrite(good, dir, "tampered.keras", z => Replace(z, "model.weights.h5", foreignWeights));
        var e = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("'hidden'", e.Message);
        Assert.Contains("(3, 6)", e.Message);
        Assert.Contains("(3, 4)", e.Message);
    }

    [Fact]
    public void LambdaLayerIsRefusedNoCodeRuns()
    {
        var good = SavedModel(out var dir);
        string config;
        using (var zip = ZipFile.OpenRead(good))
            config = new StreamReader(zip.GetEntry("config.json")!.Open()).ReadToEnd();
        var lambda = """{"module":"keras.layers","class_name":"Lambda","config":{"name":"evil","function":{"class_name":"__lambda__","config":{"code":"4wEAAAAA","defaults":null,"closure":null}}},"registered_name":null},""";
        var tampered = config.Replace("{\"module\":\"keras.layers\",\"class_name\":\"Flatten\"", lambda + "{\"module\":\"keras.layers\",\"class_name\":\"Flatten\"");
        var path = Rewrite(good, dir, "lambda.keras", z => Replace(z, "config.json", Encoding.UTF8.GetBytes(tampered)));
        var e = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains("Lambda layer 'evil'", e.Message);
        Assert.Contains("execute code", e.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Models.LoadModel("/nonexistent/model.keras"));
        Assert.Contains("/nonexistent/model.keras", e.Message);
    }
}
