using KerasSharp.Tests.TestSupport;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Utils;

/// <summary>Windows from Keras' timeseries_dataset_from_array docstring examples and its unit tests (timeseries_dataset_utils_test.py).</summary>
[Collection(GlobalState.Name)]
public class TimeseriesDatasetFromArrayTests
{
    [Fact]
    public void DocstringExample1Windows()
    {
        // Indices 0..98, sequence_length=10, sampling_rate=2, sequence_stride=3: [0 2 .. 18], [3 5 .. 21], ..., [78 80 .. 96].
        var data = arange(99, ScalarType.Int64);
        var ds = Keras.Utils.TimeseriesDatasetFromArray(data, null, sequenceLength: 10, sequenceStride: 3, samplingRate: 2, batchSize: null);
        Assert.False(ds.HasTargets);
        var windows = ds.Inputs.Select(w => w.data<long>().ToArray()).ToList();
        Assert.Equal(27, windows.Count);
        Assert.Equal(27, ds.Count);
        Assert.Equal(new long[] { 0, 2, 4, 6, 8, 10, 12, 14, 16, 18 }, windows[0]);
        Assert.Equal(new long[] { 3, 5, 7, 9, 11, 13, 15, 17, 19, 21 }, windows[1]);
        Assert.Equal(new long[] { 78, 80, 82, 84, 86, 88, 90, 92, 94, 96 }, windows[^1]);
        Assert.Throws<InvalidOperationException>(() => ds.GetEnumerator());
    }

    [Fact]
    public void BasicsBatchesAndTargets()
    {
        // Keras' test_basics: data = arange(100), targets = data * 2, sequence_length=9, batch_size=5.
        var data = arange(100, ScalarType.Float32);
        var ds = Keras.Utils.TimeseriesDatasetFromArray(data, data * 2, sequenceLength: 9, batchSize: 5);
        Assert.Equal(19, ds.Count); // 92 windows
        Assert.Equal(92, ds.SampleCount);
        int i = 0;
        foreach (var (x, y) in ds)
        {
            if (i < 18) Assert.Equal(new long[] { 5, 9 }, x.shape);
            for (int j = 0; j < x.shape[0]; j++)
            {
                Assert.Equal(Enumerable.Range(i * 5 + j, 9).Select(v => (float)v).ToArray(), x[j].data<float>().ToArray());
                Assert.Equal(2f * (i * 5 + j), y[j].item<float>());
            }
            i++;
        }
        Assert.Equal(19, i);
    }

    [Fact]
    public void StartEndIndexAndMultivariateData()
    {
        // Keras' _timeseries_dataset_tf: windows gather from data[start_index:end_index], targets from targets[start_index:end_index][p].
        var data = arange(100, ScalarType.Float32).reshape(50, 2);
        var targets = arange(50, ScalarType.Int64);
        var ds = Keras.Utils.TimeseriesDatasetFromArray(data, targets, sequenceLength: 3, samplingRate: 2, startIndex: 10, endIndex: 20, batchSize: 100);
        var (x, y) = ds.Single();
        Assert.Equal(new long[] { 6, 3, 2 }, x.shape); // 20 - 10 - 2 * 2 = 6 windows
        Assert.Equal(new float[] { 20, 21, 24, 25, 28, 29 }, x[0].data<float>().ToArray());
        Assert.Equal(new long[] { 10, 11, 12, 13, 14, 15 }, y.data<long>().ToArray());
    }

    [Fact]
    public void ShuffleKeepsTheWindowsAndIsReproducible()
    {
        var data = arange(50, ScalarType.Int64);
        List<long> Starts(int? seed) => Keras.Utils.TimeseriesDatasetFromArray(data, data, sequenceLength: 4, batchSize: 3, shuffle: true, seed: seed)
            .SelectMany(b => b.Y.data<long>().ToArray()).ToList();
        var a = Starts(7);
        Assert.Equal(Enumerable.Range(0, 47).Select(v => (long)v), a.Order());
        Assert.NotEqual(Enumerable.Range(0, 47).Select(v => (long)v), a);
        Assert.Equal(a, Starts(7));
    }

    [Fact]
    public void FitsAModel()
    {
        Keras.Utils.SetRandomSeed(1);
        var data = arange(40, ScalarType.Float32) / 40;
        var ds = Keras.Utils.TimeseriesDatasetFromArray(data[..^4], data[4..], sequenceLength: 4, batchSize: 8);
        var model = new Sequential([new Input([4]), new Dense(1)]);
        model.Compile("sgd", "mse");
        var history = model.Fit(ds, epochs: 2, verbose: 0);
        Assert.Equal(2, history.Epochs.Count);
    }

    [Fact]
    public void ValidatesLikeKeras()
    {
        var data = arange(10);
        Assert.Contains("startIndex must be lower than the length of the data. Received: startIndex=10, for data of length 10",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 2, startIndex: 10)).Message);
        Assert.Contains("endIndex must be higher than startIndex",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 2, startIndex: 5, endIndex: 3)).Message);
        Assert.Equal("samplingRate", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 2, samplingRate: 0)).ParamName);
        Assert.Equal("sequenceStride", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 2, sequenceStride: 10)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 2, batchSize: 0)).ParamName);
        Assert.Equal("sequenceLength", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 0)).ParamName);
    }
}
