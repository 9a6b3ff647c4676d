using System.IO.Compression;
using System.Text;
using KerasSharp.Datasets;

namespace KerasSharp.Tests.Datasets;

public class NpyReaderTests
{
    /// <summary>A version-1 .npy file as NumPy writes it: magic, version, LE header length, dict padded with spaces.</summary>
    internal static byte[] Npy(string descr, string shape, byte[] data, string fortran = "False")
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}";
        int total = 10 + dict.Length + 1;
        dict = dict.PadRight(dict.Length + (64 - total % 64) % 64) + "\n";
        var header = Encoding.ASCII.GetBytes(dict);
        byte[] prefix = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8)];
        return [.. prefix, .. header, .. data];
    }

    [Fact]
    public void ReadsUInt8ArrayShapeAndData()
    {
        var (shape, data) = NpyReader.ReadUInt8(Npy("|u1", "(2, 3)", [1, 2, 3, 4, 5, 6]), "a.npy");
        Assert.Equal(new long[] { 2, 3 }, shape);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, data);
        var (shape1, _) = NpyReader.ReadUInt8(Npy("|u1", "(4,)", [1, 2, 3, 4]), "b.npy");
        Assert.Equal(new long[] { 4 }, shape1);
    }

    [Fact]
    public void RejectsOtherDtypesFortranOrderAndWrongSizes()
    {
        Assert.Contains("uint8", Assert.Throws<InvalidDataException>(() => NpyReader.ReadUInt8(Npy("<f4", "(1,)", [0, 0, 0, 0]), "f.npy")).Message);
        Assert.Contains("C order", Assert.Throws<InvalidDataException>(() => NpyReader.ReadUInt8(Npy("|u1", "(1,)", [0], "True"), "o.npy")).Message);
        Assert.Contains("holds 2", Assert.Throws<InvalidDataException>(() => NpyReader.ReadUInt8(Npy("|u1", "(3,)", [0, 1]), "s.npy")).Message);
        Assert.Contains("not a NumPy .npy", Assert.Throws<InvalidDataException>(() => NpyReader.ReadUInt8(new byte[20], "z.npy")).Message);
    }

    [Fact]
    public void ReadsArraysFromNpzAndNamesMissingOnes()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var s = zip.CreateEntry("x_train.npy").Open()) s.Write(Npy("|u1", "(1, 2, 2)", [1, 2, 3, 4]));
            using (var s = zip.CreateEntry("y_train.npy").Open()) s.Write(Npy("|u1", "(1,)", [7]));
        }
        ms.Position = 0;
        var arrays = NpyReader.ReadNpz(ms, ["x_train", "y_train"]);
        Assert.Equal(new long[] { 1, 2, 2 }, arrays["x_train"].Shape);
        Assert.Equal(new byte[] { 7 }, arrays["y_train"].Data);
        ms.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.ReadNpz(ms, ["x_test"]));
        Assert.Contains("no array 'x_test'", e.Message);
    }
}
