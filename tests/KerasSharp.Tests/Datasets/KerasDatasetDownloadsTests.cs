using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using KerasSharp.Datasets;

namespace KerasSharp.Tests.Datasets;

public sealed class KerasDatasetDownloadsTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("ks-datasets-test-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private EnvScope Offline() => new EnvScope().Set("KERASSHARP_DATASETS", temp).Set("KERASSHARP_OFFLINE", "1");

    [Fact]
    public void OfflineErrorsNameFileHashUrlAndFolder()
    {
        using var env = Offline();
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Datasets.Imdb.LoadData());
        Assert.Contains($"put this file in the folder '{temp}'", e.Message);
        Assert.Contains("imdb.npz (sha256 69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f)", e.Message);
        Assert.Contains("https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz", e.Message);
        Assert.Contains("KERASSHARP_OFFLINE=1", e.Message);

        var f = Assert.Throws<FileNotFoundException>(() => Keras.Datasets.FashionMnist.LoadData());
        Assert.Contains($"in the folder '{Path.Combine(temp, "fashion-mnist")}'", f.Message);
        Assert.Contains("train-images-idx3-ubyte.gz (sha256 3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84)", f.Message);

        var c = Assert.Throws<FileNotFoundException>(() => Keras.Datasets.Cifar10.LoadData());
        Assert.Contains("cifar-10-python.tar.gz (sha256 6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce)", c.Message);
        Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz", c.Message);

        var w = Assert.Throws<FileNotFoundException>(() => Keras.Datasets.Reuters.GetWordIndex());
        Assert.Contains("reuters_word_index.json (md5 4d44cc38712099c9e383dc6e5f11a921)", w.Message);
        Assert.Empty(Directory.GetFiles(temp)); // nothing written
    }

    [Fact]
    public void CustomPathIsRelativeToTheRootOrAbsolute()
    {
        using var env = Offline();
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Datasets.BostonHousing.LoadData(path: "sub/boston.npz"));
        Assert.Contains($"folder '{Path.Combine(temp, "sub")}'", e.Message);
        Assert.Contains("boston.npz (sha256 f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5)", e.Message);
        var abs = Path.Combine(temp, "abs", "cal.npz");
        Assert.Contains($"folder '{Path.Combine(temp, "abs")}'", Assert.Throws<FileNotFoundException>(() => Keras.Datasets.CaliforniaHousing.LoadData(path: abs)).Message);
    }

    [Fact]
    public void CachedFilesAreVerifiedBySha256OrMd5()
    {
        using var env = Offline();
        var json = Encoding.UTF8.GetBytes("{\"the\": 1, \"and\": 2}");
        var md5 = Convert.ToHexStringLower(MD5.HashData(json));
        File.WriteAllBytes(Path.Combine(temp, "words.json"), json);
        var bytes = KerasDatasetDownloads.Fetch("test", temp, [new("words.json", "https://example.invalid/words.json", md5)], TimeSpan.FromSeconds(1));
        Assert.Equal(new Dictionary<string, int> { ["the"] = 1, ["and"] = 2 }, KerasDatasetDownloads.ParseWordIndex(bytes["words.json"], "words.json"));

        var sha = DatasetCache.Sha256Hex(json);
        Assert.Equal(json, KerasDatasetDownloads.Fetch("test", temp, [new("words.json", "https://example.invalid/w", sha)], TimeSpan.FromSeconds(1))["words.json"]);

        var log = new StringWriter();
        var e = Assert.Throws<InvalidDataException>(() => new DatasetCache("test", temp, [new DatasetFile("words.json", new string('0', 32))], [], "") { Log = log }.Load());
        Assert.Contains($"has md5 {md5}, expected 00000000000000000000000000000000", e.Message);
        Assert.Contains("is corrupt (md5", log.ToString());
        Assert.Contains("not a JSON object", Assert.Throws<InvalidDataException>(() => KerasDatasetDownloads.ParseWordIndex("[1]"u8.ToArray(), "w.json")).Message);
    }

    [Fact]
    public void FashionMnistParsesKerasGzippedIdxFiles()
    {
        static byte[] Gz(byte[] data)
        {
            using var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
            return ms.ToArray();
        }
        var images = Enumerable.Range(0, 2 * 28 * 28).Select(i => (byte)(i % 251)).ToArray();
        var files = new Dictionary<string, byte[]>
        {
            ["train-labels-idx1-ubyte.gz"] = Gz(IdxReader.Write(new byte[] { 9, 0 }, [2])),
            ["train-images-idx3-ubyte.gz"] = Gz(IdxReader.Write(images, [2, 28, 28])),
            ["t10k-labels-idx1-ubyte.gz"] = Gz(IdxReader.Write(new byte[] { 5 }, [1])),
            ["t10k-images-idx3-ubyte.gz"] = Gz(IdxReader.Write(images[..784], [1, 28, 28])),
        };
        var ((xTrain, yTrain), (xTest, yTest)) = FashionMnistData.FromFiles(files);
        Assert.Equal(new long[] { 2, 28, 28 }, xTrain.shape);
        Assert.Equal(new byte[] { 9, 0 }, yTrain.data<byte>().ToArray());
        Assert.Equal(new long[] { 1, 28, 28 }, xTest.shape);
        Assert.Equal(new byte[] { 5 }, yTest.data<byte>().ToArray());
        Assert.Equal((byte)((28 * 28 + 3) % 251), xTrain[1, 0, 3].item<byte>());
        files["t10k-labels-idx1-ubyte.gz"] = [1, 2, 3];
        Assert.Contains("not a valid gzip file", Assert.Throws<InvalidDataException>(() => FashionMnistData.FromFiles(files)).Message);
    }
}
