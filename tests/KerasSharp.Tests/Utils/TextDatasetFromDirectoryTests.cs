namespace KerasSharp.Tests.Utils;

public sealed class TextDatasetFromDirectoryTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("ks-txtds-test-").FullName;

    public TextDatasetFromDirectoryTests()
    {
        foreach (var cls in new[] { "pos", "neg" })
        {
            Directory.CreateDirectory(Path.Combine(root, cls, "more"));
            File.WriteAllText(Path.Combine(root, cls, "b.txt"), $"{cls} b");
            File.WriteAllText(Path.Combine(root, cls, "a.TXT"), $"{cls} a"); // extensions match case-insensitively, as Keras' lower()
            File.WriteAllText(Path.Combine(root, cls, "more", "c.txt"), $"{cls} c, longer text");
            File.WriteAllText(Path.Combine(root, cls, "skip.md"), "not a sample");
        }
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void ReadsTextsWithInferredLabelsInKerasOrder()
    {
        var ds = Keras.Utils.TextDatasetFromDirectory(root, batchSize: 4, shuffle: false, maxLength: 8, verbose: false);
        Assert.Equal(new[] { "neg", "pos" }, ds.ClassNames);
        Assert.Equal(2, ds.Count);
        var batches = ds.ToList();
        // sorted(os.walk) then sorted(files): neg/a.TXT, neg/b.txt, neg/more/c.txt, pos/...
        Assert.Equal(new[] { "neg a", "neg b", "neg c, l", "pos a" }, batches[0].X);
        Assert.Equal(new[] { 0, 0, 0, 1 }, batches[0].Y.data<int>().ToArray());
        Assert.Equal(new[] { "pos b", "pos c, l" }, batches[1].X);
    }

    [Fact]
    public void SplitAndErrorsFollowKeras()
    {
        // NumPy: RandomState(7).shuffle(arange(6)) = [3, 5, 0, 2, 1, 4]; validation = the last int(0.5 * 6) = 3.
        var val = Keras.Utils.TextDatasetFromDirectory(root, validationSplit: 0.5, subset: "validation", seed: 7, verbose: false);
        // files [neg a, neg b, neg c, pos a, pos b, pos c] permuted: [pos a, pos c, neg a, neg c, neg b, pos b]
        Assert.Equal(new[] { "neg c, longer text", "neg b", "pos b" }.Order(), val.Texts.SelectMany(t => t).Order());
        Assert.Contains("must provide a seed", Assert.Throws<ArgumentException>(() => Keras.Utils.TextDatasetFromDirectory(root, validationSplit: 0.5, subset: "training")).Message);
        var noLabels = Keras.Utils.TextDatasetFromDirectory(root, labels: null, shuffle: false, verbose: false);
        Assert.Throws<InvalidOperationException>(() => noLabels.GetEnumerator());
        Assert.Equal(6, noLabels.Texts.Single().Length);
    }
}
