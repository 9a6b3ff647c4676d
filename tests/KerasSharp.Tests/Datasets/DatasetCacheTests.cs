using System.Security.Cryptography;
using System.Text;
using KerasSharp.Datasets;

namespace KerasSharp.Tests.Datasets;

public sealed class DatasetCacheTests : IDisposable
{
    // FIPS 180-2 test vector: SHA-256("abc").
    private const string AbcSha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static readonly byte[] Abc = Encoding.ASCII.GetBytes("abc");
    private static readonly byte[] Other = Encoding.ASCII.GetBytes("second file");
    private static readonly string OtherSha = Convert.ToHexStringLower(SHA256.HashData(Other));

    private readonly string folder = Directory.CreateTempSubdirectory("ks-cache-test-").FullName;
    private readonly StringWriter log = new();
    private readonly List<string> calls = [];

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static DatasetFile[] Spec => [new("a.bin", AbcSha), new("b.bin", OtherSha)];

    private DatasetSource Good(string name) => new(name, needed =>
    {
        calls.Add($"{name}:{string.Join(",", needed)}");
        return new Dictionary<string, byte[]> { ["a.bin"] = Abc, ["b.bin"] = Other };
    });

    private DatasetSource Failing(string name, string reason) => new(name, needed =>
    {
        calls.Add($"{name}:{string.Join(",", needed)}");
        throw new InvalidOperationException(reason);
    });

    private DatasetCache Cache(params DatasetSource[] sources) =>
        new("Fake", folder, Spec, sources, "Ask a colleague.") { Log = log };

    [Fact]
    public void Sha256HexMatchesKnownVector() => Assert.Equal(AbcSha, DatasetCache.Sha256Hex(Abc));

    [Fact]
    public void FetchesMissingFilesOnceThenReadsCacheWithoutSources()
    {
        var first = Cache(Good("src")).Load();
        Assert.Equal(Abc, first["a.bin"]);
        Assert.Equal(new[] { "src:a.bin,b.bin" }, calls);
        Assert.Equal(Abc, File.ReadAllBytes(Path.Combine(folder, "a.bin")));
        Assert.Equal(new[] { "a.bin", "b.bin" }, Directory.GetFiles(folder).Select(Path.GetFileName).Order()); // no temp files left

        var second = Cache(Failing("never", "must not be called")).Load();
        Assert.Equal(Other, second["b.bin"]);
        Assert.Single(calls);
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public void CorruptCachedFileIsReportedAndReplaced()
    {
        File.WriteAllBytes(Path.Combine(folder, "a.bin"), Encoding.ASCII.GetBytes("abd")); // one byte flipped
        File.WriteAllBytes(Path.Combine(folder, "b.bin"), Other);
        var files = Cache(Good("src")).Load();
        Assert.Equal(Abc, files["a.bin"]);
        Assert.Equal(new[] { "src:a.bin" }, calls); // only the corrupt file is fetched
        Assert.Equal(Abc, File.ReadAllBytes(Path.Combine(folder, "a.bin")));
        var message = log.ToString();
        Assert.Contains(Path.Combine(folder, "a.bin"), message);
        Assert.Contains("corrupt", message);
        Assert.Contains($"expected {AbcSha}", message);
    }

    [Fact]
    public void CorruptFileThatCannotBeReplacedThrowsWithBothHashes()
    {
        var bad = Encoding.ASCII.GetBytes("abd");
        File.WriteAllBytes(Path.Combine(folder, "a.bin"), bad);
        File.WriteAllBytes(Path.Combine(folder, "b.bin"), Other);
        var e = Assert.Throws<InvalidDataException>(() => Cache(Failing("offline", "no network")).Load());
        Assert.Contains(Path.Combine(folder, "a.bin"), e.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bad)), e.Message);
        Assert.Contains($"expected {AbcSha}", e.Message);
        Assert.Contains("offline: no network", e.Message);
        Assert.Equal(bad, File.ReadAllBytes(Path.Combine(folder, "a.bin"))); // not used, not deleted
    }

    [Fact]
    public void SourceWithWrongBytesIsSkippedForTheNext()
    {
        var liar = new DatasetSource("liar", _ => new Dictionary<string, byte[]> { ["a.bin"] = [1, 2, 3], ["b.bin"] = Other });
        var files = Cache(Failing("first", "unreachable"), liar, Good("third")).Load();
        Assert.Equal(Abc, files["a.bin"]);
        Assert.Equal(Other, files["b.bin"]);
        // "liar" supplied b.bin correctly, so "third" is asked only for a.bin.
        Assert.Equal(new[] { "first:a.bin,b.bin", "third:a.bin" }, calls);
    }

    [Fact]
    public void NoSourceErrorListsFilesHashesAndFolder()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Cache(Failing("npm", "npm is not on the PATH.")).Load());
        Assert.Contains($"a.bin (sha256 {AbcSha})", e.Message);
        Assert.Contains($"b.bin (sha256 {OtherSha})", e.Message);
        Assert.Contains($"in the folder '{folder}'", e.Message);
        Assert.Contains("npm: npm is not on the PATH.", e.Message);
        Assert.Contains("Ask a colleague.", e.Message);
        Assert.Equal(Path.Combine(folder, "a.bin"), e.FileName);
    }
}
