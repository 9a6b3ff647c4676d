using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Datasets;

/// <summary>
/// Keras' imdb/reuters load_data processing on small generated .npz files. The expected values were computed by
/// running the body of Keras' <c>imdb.load_data</c> / <c>reuters.load_data</c> (keras/src/datasets/*.py, NumPy's
/// RandomState shuffling and all) on the same arrays with NumPy 1.24.2.
/// </summary>
public class SequenceDatasetTests
{
    private static readonly int[][] XTrain = [[1, 2, 3], [4, 5], [6, 1, 7, 2], [8], [2, 9, 10, 11, 12]];
    private static readonly long[] YTrain = [0, 1, 1, 0, 1];
    private static readonly int[][] XTest = [[3, 3], [12, 1, 4], [5], [7, 8, 9, 10]];
    private static readonly long[] YTest = [1, 0, 0, 1];

    private static byte[] ImdbNpz(int protocol = 2) => PickleBuilder.Npz(
        ("x_train", PickleBuilder.ObjectNpy(XTrain, protocol)), ("y_train", PickleBuilder.Int64Npy(YTrain)),
        ("x_test", PickleBuilder.ObjectNpy(XTest, protocol)), ("y_test", PickleBuilder.Int64Npy(YTest)));

    private static long[] Labels(Tensor t)
    {
        Assert.Equal(ScalarType.Int64, t.dtype);
        Assert.Equal(1, t.dim());
        return t.data<long>().ToArray();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ImdbDefaultsMatchKeras(int protocol)
    {
        var ((xTrain, yTrain), (xTest, yTest)) = ImdbData.FromNpz(ImdbNpz(protocol), null, 0, null, 113, 1, 2, 3);
        // Keras: (([[1, 7, 8], [1, 4, 5, 6], [1, 11], [1, 9, 4, 10, 5], [1, 5, 12, 13, 14, 2]], [1, 0, 0, 1, 1]),
        //         ([[1, 6, 6], [1, 2, 4, 7], [1, 10, 11, 12, 13], [1, 8]], [1, 0, 1, 0]))
        // (the largest index, 15, is num_words by default and so becomes oov_char 2, as in Keras)
        Assert.Equal([[1, 7, 8], [1, 4, 5, 6], [1, 11], [1, 9, 4, 10, 5], [1, 5, 12, 13, 14, 2]], xTrain);
        Assert.Equal(new long[] { 1, 0, 0, 1, 1 }, Labels(yTrain));
        Assert.Equal([[1, 6, 6], [1, 2, 4, 7], [1, 10, 11, 12, 13], [1, 8]], xTest);
        Assert.Equal(new long[] { 1, 0, 1, 0 }, Labels(yTest));
    }

    [Fact]
    public void ImdbNumWordsSkipTopMaxlenMatchKeras()
    {
        var ((xTrain, yTrain), (xTest, yTest)) = ImdbData.FromNpz(ImdbNpz(), 10, 4, 5, 113, 1, 2, 3);
        // Keras (num_words=10, skip_top=4, maxlen=5): (([[2, 7, 8], [2, 4, 5, 6], [2, 2]], [1, 0, 0]), ([[2, 6, 6], [2, 2, 4, 7], [2, 8]], [1, 0, 0]))
        Assert.Equal([[2, 7, 8], [2, 4, 5, 6], [2, 2]], xTrain);
        Assert.Equal(new long[] { 1, 0, 0 }, Labels(yTrain));
        Assert.Equal([[2, 6, 6], [2, 2, 4, 7], [2, 8]], xTest);
        Assert.Equal(new long[] { 1, 0, 0 }, Labels(yTest));
    }

    [Fact]
    public void ImdbWithoutOovStartOrOffsetMatchesKeras()
    {
        var ((xTrain, yTrain), (xTest, yTest)) = ImdbData.FromNpz(ImdbNpz(), 9, 0, null, 7, null, null, 0);
        // Keras (num_words=9, oov_char=None, start_char=None, index_from=0, seed=7)
        Assert.Equal([[1, 2, 3], [8], [6, 1, 7, 2], [4, 5], [2]], xTrain);
        Assert.Equal(new long[] { 0, 0, 1, 1, 1 }, Labels(yTrain));
        Assert.Equal([[5], [1, 4], [3, 3], [7, 8]], xTest);
        Assert.Equal(new long[] { 0, 0, 1, 1 }, Labels(yTest));
    }

    [Fact]
    public void ImdbMaxlenKeepingNothingFailsLikeKeras()
    {
        var e = Assert.Throws<ArgumentException>(() => ImdbData.FromNpz(ImdbNpz(), null, 0, 2, 113, 1, 2, 3));
        Assert.Contains("no sequence was kept. Increase maxlen", e.Message);
        Assert.Equal("maxlen", e.ParamName);
        Assert.Equal("skipTop", Assert.Throws<ArgumentOutOfRangeException>(() => ImdbData.FromNpz(ImdbNpz(), null, -1, null, 113, 1, 2, 3)).ParamName);
        Assert.Equal("seed", Assert.Throws<ArgumentOutOfRangeException>(() => ImdbData.FromNpz(ImdbNpz(), null, 0, null, -5, 1, 2, 3)).ParamName);
    }

    private static readonly int[][] ReutersX = [[1, 2], [3, 4, 5], [6], [7, 8, 9, 1], [2, 2], [10, 3, 1]];
    private static readonly long[] ReutersY = [3, 4, 3, 19, 1, 45];

    private static byte[] ReutersNpz() => PickleBuilder.Npz(("x", PickleBuilder.ObjectNpy(ReutersX)), ("y", PickleBuilder.Int64Npy(ReutersY)));

    [Fact]
    public void ReutersDefaultsMatchKeras()
    {
        var ((xTrain, yTrain), (xTest, yTest)) = ReutersData.FromNpz(ReutersNpz(), null, 0, null, 0.2, 113, 1, 2, 3);
        // Keras: (([[1, 6, 7, 8], [1, 4, 5], [1, 10, 11, 12, 4], [1, 9]], [4, 3, 19, 3]), ([[1, 5, 5], [1, 2, 6, 4]], [1, 45]))
        Assert.Equal([[1, 6, 7, 8], [1, 4, 5], [1, 10, 11, 12, 4], [1, 9]], xTrain);
        Assert.Equal(new long[] { 4, 3, 19, 3 }, Labels(yTrain));
        Assert.Equal([[1, 5, 5], [1, 2, 6, 4]], xTest);
        Assert.Equal(new long[] { 1, 45 }, Labels(yTest));
    }

    [Fact]
    public void ReutersOptionsMatchKeras()
    {
        var ((xTrain, yTrain), (xTest, yTest)) = ReutersData.FromNpz(ReutersNpz(), 8, 0, 4, 0.25, 5, 1, 2, 3);
        // Keras (num_words=8, maxlen=4, test_split=0.25, seed=5): (([[1, 2], [1, 5, 5]], [3, 1]), ([[1, 4, 5]], [3]))
        Assert.Equal([[1, 2], [1, 5, 5]], xTrain);
        Assert.Equal(new long[] { 3, 1 }, Labels(yTrain));
        Assert.Equal([[1, 4, 5]], xTest);
        Assert.Equal(new long[] { 3 }, Labels(yTest));
        Assert.Equal("testSplit", Assert.Throws<ArgumentOutOfRangeException>(() => ReutersData.FromNpz(ReutersNpz(), null, 0, null, 1.0, 113, 1, 2, 3)).ParamName);
    }

    [Fact]
    public void ReutersLabelNamesAreKeras46Topics()
    {
        var names = Keras.Datasets.Reuters.GetLabelNames();
        Assert.Equal(46, names.Count);
        Assert.Equal("cocoa", names[0]);
        Assert.Equal("earn", names[3]);
        Assert.Equal("lead", names[45]);
    }

    [Fact]
    public void MissingObjectArrayAndBadContentsAreNamed()
    {
        var noY = PickleBuilder.Npz(("x", PickleBuilder.ObjectNpy(ReutersX)));
        Assert.Contains("no array 'y'", Assert.Throws<InvalidDataException>(() => ReutersData.FromNpz(noY, null, 0, null, 0.2, 113, 1, 2, 3)).Message);
        var numericX = PickleBuilder.Npz(("x", PickleBuilder.Int64Npy([1, 2])), ("y", PickleBuilder.Int64Npy([1, 2])));
        Assert.Contains("1-D object array", Assert.Throws<InvalidDataException>(() => ReutersData.FromNpz(numericX, null, 0, null, 0.2, 113, 1, 2, 3)).Message);
    }
}
