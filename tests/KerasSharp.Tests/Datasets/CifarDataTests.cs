using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Datasets;

/// <summary>CIFAR archives built in the test with the layout and pickles of the real Python-version archives.</summary>
public class CifarDataTests
{
    /// <summary>Pixel (image i, channel c, row r, column k) of batch b: a pattern that reveals any axis mix-up.</summary>
    private static byte Pixel(int b, int i, int c, int r, int k) => (byte)((b * 31 + i * 7 + c * 3 + r * 5 + k) % 256);

    /// <summary>A batch as cPickle (protocol 2, Python 2 byte strings) wrote it: {'batch_label', 'labels'..., 'data'}.</summary>
    private static byte[] Batch(int b, int n, params (string Key, int[] Labels)[] labelLists)
    {
        var data = new byte[n * 3072];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < 3; c++)
                for (int r = 0; r < 32; r++)
                    for (int k = 0; k < 32; k++)
                        data[i * 3072 + c * 1024 + r * 32 + k] = Pixel(b, i, c, r, k);
        var p = new PickleBuilder(2).Op((byte)'}').Memo().Op((byte)'(');
        p.Bytes(Encoding.ASCII.GetBytes("batch_label"), true).Bytes(Encoding.ASCII.GetBytes($"batch {b}"), true);
        foreach (var (key, labels) in labelLists) p.Bytes(Encoding.ASCII.GetBytes(key), true).IntList(labels);
        p.Bytes(Encoding.ASCII.GetBytes("data"), true);
        p.Array([n, 3072], d => d.Dtype("u1", "|", 0, true), d => d.Bytes(data, true), true);
        return p.Op((byte)'u').Stop();
    }

    private static byte[] TarGz(params (string Name, byte[] Data)[] entries)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
        }
        return ms.ToArray();
    }

    [Fact]
    public void Cifar10ReadsFiveTrainingBatchesAndTestBatchChannelsLast()
    {
        var entries = Enumerable.Range(0, 6).Select(b => (CifarData.Cifar10Batches[b], Batch(b, 2, ("labels", [b, (b + 5) % 10])))).ToArray();
        var ((xTrain, yTrain), (xTest, yTest)) = CifarData.Cifar10FromArchive(TarGz(entries));
        Assert.Equal(new long[] { 10, 32, 32, 3 }, xTrain.shape);
        Assert.Equal(ScalarType.Byte, xTrain.dtype);
        Assert.Equal(new long[] { 10, 1 }, yTrain.shape);
        Assert.Equal(ScalarType.Byte, yTrain.dtype);
        Assert.Equal(new long[] { 2, 32, 32, 3 }, xTest.shape);
        Assert.Equal(new byte[] { 0, 5, 1, 6, 2, 7, 3, 8, 4, 9 }, yTrain.flatten().data<byte>().ToArray());
        Assert.Equal(new byte[] { 5, 0 }, yTest.flatten().data<byte>().ToArray());
        // x[batch 3 image 1 = sample 7, row 4, column 9, channel 2] = data[1, 2 * 1024 + 4 * 32 + 9] of batch 3.
        Assert.Equal(Pixel(3, 1, 2, 4, 9), xTrain[7, 4, 9, 2].item<byte>());
        Assert.Equal(Pixel(5, 0, 1, 31, 0), xTest[0, 31, 0, 1].item<byte>());
    }

    [Fact]
    public void Cifar100FineAndCoarseLabelsAreInt64Columns()
    {
        var archive = TarGz(
            ("cifar-100-python/train", Batch(0, 3, ("fine_labels", [99, 0, 42]), ("coarse_labels", [19, 4, 0]))),
            ("cifar-100-python/test", Batch(1, 1, ("fine_labels", [7]), ("coarse_labels", [3]))));
        var ((xTrain, yFine), (_, yFineTest)) = CifarData.Cifar100FromArchive(archive, "fine");
        Assert.Equal(new long[] { 3, 32, 32, 3 }, xTrain.shape);
        Assert.Equal(ScalarType.Int64, yFine.dtype);
        Assert.Equal(new long[] { 3, 1 }, yFine.shape);
        Assert.Equal(new long[] { 99, 0, 42 }, yFine.flatten().data<long>().ToArray());
        Assert.Equal(new long[] { 7 }, yFineTest.flatten().data<long>().ToArray());
        var ((_, yCoarse), _) = CifarData.Cifar100FromArchive(archive, "coarse");
        Assert.Equal(new long[] { 19, 4, 0 }, yCoarse.flatten().data<long>().ToArray());
        var e = Assert.Throws<ArgumentException>(() => CifarData.Cifar100FromArchive(archive, "medium"));
        Assert.Contains("\"fine\", \"coarse\". Received: labelMode=medium", e.Message);
        Assert.Equal("labelMode", Assert.Throws<ArgumentException>(() => Keras.Datasets.Cifar100.LoadData("x")).ParamName);
    }

    [Fact]
    public void MissingBatchOrBadDataIsNamed()
    {
        var archive = TarGz(("cifar-100-python/train", Batch(0, 1, ("fine_labels", [1]))));
        Assert.Contains("'cifar-100-python/test'", Assert.Throws<InvalidDataException>(() => CifarData.Cifar100FromArchive(archive, "fine")).Message);
        var wrongCount = TarGz(("cifar-100-python/train", Batch(0, 2, ("fine_labels", [1]))), ("cifar-100-python/test", Batch(0, 1, ("fine_labels", [1]))));
        Assert.Contains("2 images but 1 labels", Assert.Throws<InvalidDataException>(() => CifarData.Cifar100FromArchive(wrongCount, "fine")).Message);
        Assert.Contains("not a valid .tar.gz", Assert.Throws<InvalidDataException>(() => CifarData.Cifar10FromArchive([1, 2, 3])).Message);
    }
}
