using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Datasets;

public class HousingDataTests
{
    private static byte[] Npz(int n)
    {
        var x = Enumerable.Range(0, n * 3).Select(i => i * 0.5).ToArray();
        var y = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        return PickleBuilder.Npz(("x", PickleBuilder.Float64Npy(x, $"({n}, 3)")), ("y", PickleBuilder.Float64Npy(y, $"({n},)")));
    }

    [Fact]
    public void ShufflesWithNumpySeedAndSplitsLikeKeras()
    {
        // NumPy: RandomState(113).shuffle(arange(14)) = [4, 3, 9, 8, 1, 0, 13, 7, 6, 11, 10, 2, 12, 5]; int(14 * 0.8) = 11.
        var ((xTrain, yTrain), (xTest, yTest)) = HousingData.FromNpz(Npz(14), 0.2, 113, null);
        Assert.Equal(ScalarType.Float64, xTrain.dtype);
        Assert.Equal(new long[] { 11, 3 }, xTrain.shape);
        Assert.Equal(new long[] { 3, 3 }, xTest.shape);
        Assert.Equal(new double[] { 4, 3, 9, 8, 1, 0, 13, 7, 6, 11, 10 }, yTrain.data<double>().ToArray());
        Assert.Equal(new double[] { 2, 12, 5 }, yTest.data<double>().ToArray());
        Assert.Equal(new[] { 6.0, 6.5, 7.0 }, xTrain[0].data<double>().ToArray()); // row 4 of x
    }

    [Fact]
    public void SmallVersionTakesTheFirst600SamplesBeforeShuffling()
    {
        var ((xTrain, _), (xTest, _)) = HousingData.FromNpz(Npz(700), 0.2, 113, 600);
        Assert.Equal(480, xTrain.shape[0]);
        Assert.Equal(120, xTest.shape[0]);
        Assert.True(cat([xTrain, xTest], 0).max().item<double>() < 600 * 3 * 0.5);
    }

    [Fact]
    public void ValidatesLikeKeras()
    {
        Assert.Contains("It must be between 0 and 1", Assert.Throws<ArgumentOutOfRangeException>(() => HousingData.FromNpz(Npz(5), 1.0, 113, null)).Message);
        var e = Assert.Throws<ArgumentException>(() => Keras.Datasets.CaliforniaHousing.LoadData(version: "medium"));
        Assert.Contains("'small', 'large'. Received: version=medium", e.Message);
        Assert.Equal("version", e.ParamName);
    }
}
