using System.IO.Compression;
using static TorchSharp.torch;

namespace KerasSharp.Datasets;

/// <summary>Loads Fashion-MNIST for <see cref="Keras.Datasets.FashionMnist"/>: Keras' four gzipped IDX files.</summary>
internal static class FashionMnistData
{
    /// <summary>Keras' files (keras/src/datasets/fashion_mnist.py) in its order: train labels, train images, test labels, test images.</summary>
    internal static readonly IReadOnlyList<KerasRemoteFile> Files =
    [
        new("train-labels-idx1-ubyte.gz", KerasDatasetDownloads.OriginFolder + "train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
        new("train-images-idx3-ubyte.gz", KerasDatasetDownloads.OriginFolder + "train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
        new("t10k-labels-idx1-ubyte.gz", KerasDatasetDownloads.OriginFolder + "t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
        new("t10k-images-idx3-ubyte.gz", KerasDatasetDownloads.OriginFolder + "t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
    ];

    /// <summary>Keras' cache subfolder (<c>~/.keras/datasets/fashion-mnist</c>).</summary>
    internal static string DefaultFolder() => Path.Combine(MnistData.DatasetsRoot(), "fashion-mnist");

    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) Load()
    {
        var bytes = KerasDatasetDownloads.Fetch("Fashion-MNIST", DefaultFolder(), Files, TimeSpan.FromMinutes(5));
        return FromFiles(bytes);
    }

    /// <summary>Decompresses and parses the four files (by name) into uint8 tensors (n, 28, 28) and (n).</summary>
    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) FromFiles(IReadOnlyDictionary<string, byte[]> files)
    {
        Runtime.LibTorchLoader.EnsureLoaded();
        Tensor Read(int i, int rank)
        {
            var name = Files[i].Name;
            if (!files.TryGetValue(name, out var gz)) throw new InvalidDataException($"The Fashion-MNIST file '{name}' is missing.");
            return IdxReader.Read(Gunzip(gz, name), rank, name);
        }
        var yTrain = Read(0, 1);
        var xTrain = Read(1, 3);
        var yTest = Read(2, 1);
        var xTest = Read(3, 3);
        if (xTrain.shape[0] != yTrain.shape[0] || xTest.shape[0] != yTest.shape[0])
            throw new InvalidDataException($"Fashion-MNIST holds {xTrain.shape[0]}/{xTest.shape[0]} train/test images but {yTrain.shape[0]}/{yTest.shape[0]} labels.");
        return ((xTrain, yTrain), (xTest, yTest));
    }

    /// <summary>Decompresses a gzip file (limited to 2 GiB).</summary>
    internal static byte[] Gunzip(byte[] gz, string name)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(gz, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{name}' is not a valid gzip file: {e.Message}", e);
        }
    }
}
