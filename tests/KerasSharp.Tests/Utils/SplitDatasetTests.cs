using static TorchSharp.torch;

namespace KerasSharp.Tests.Utils;

/// <summary>Keras' split_dataset (keras/src/utils/dataset_utils.py): its docstring example, size rules and messages.</summary>
public class SplitDatasetTests
{
    [Fact]
    public void DocstringExampleSizes()
    {
        using var data = rand(1000, 4);
        var (left, right) = Keras.Utils.SplitDataset(data, leftSize: 0.8);
        Assert.Equal(new long[] { 800, 4 }, left.shape);
        Assert.Equal(new long[] { 200, 4 }, right.shape);
        Assert.True(left.allclose(data[..800], 0, 0));
        Assert.True(right.allclose(data[800..], 0, 0));
    }

    [Fact]
    public void IntegerSizesAndTakingRightFromTheEnd()
    {
        using var data = arange(10);
        var (left, right) = Keras.Utils.SplitDataset(data, leftSize: 3, rightSize: 2);
        Assert.Equal(new long[] { 0, 1, 2 }, left.data<long>().ToArray());
        Assert.Equal(new long[] { 8, 9 }, right.data<long>().ToArray()); // dataset_as_list[-right_size:]
        var (l2, r2) = Keras.Utils.SplitDataset(arange(5), leftSize: 0.5);
        Assert.Equal(2, l2.shape[0]); // round(2.5) = 2, Python rounds half to even
        Assert.Equal(3, r2.shape[0]);
    }

    [Fact]
    public void ShuffleUsesPythonRandomWithTheSeed()
    {
        // random.seed(1337); random.shuffle(list(range(10))) = [0, 3, 7, 2, 1, 6, 4, 5, 8, 9]
        var x = arange(10);
        var y = arange(10) * 10;
        var ((lx, ly), (rx, ry)) = Keras.Utils.SplitDataset((x, y), leftSize: 0.8, shuffle: true, seed: 1337);
        Assert.Equal(new long[] { 0, 3, 7, 2, 1, 6, 4, 5 }, lx.data<long>().ToArray());
        Assert.Equal(new long[] { 0, 30, 70, 20, 10, 60, 40, 50 }, ly.data<long>().ToArray());
        Assert.Equal(new long[] { 8, 9 }, rx.data<long>().ToArray());
        Assert.Equal(new long[] { 80, 90 }, ry.data<long>().ToArray());
    }

    [Fact]
    public void RejectsWhatKerasRejects()
    {
        var x = arange(10);
        Assert.Contains("At least one of the leftSize or rightSize", Assert.Throws<ArgumentException>(() => Keras.Utils.SplitDataset(x)).Message);
        Assert.Contains("positive integer smaller than 10", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.SplitDataset(x, leftSize: 10)).Message);
        Assert.Equal("rightSize", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.SplitDataset(x, rightSize: 1.0)).ParamName);
        Assert.Contains("greater than 1", Assert.Throws<ArgumentException>(() => Keras.Utils.SplitDataset(x, leftSize: 0.6, rightSize: 0.5)).Message);
        Assert.Contains("should be smaller than the 10", Assert.Throws<ArgumentException>(() => Keras.Utils.SplitDataset(x, leftSize: 6, rightSize: 5)).Message);
        Assert.Contains("right side dataset split will be empty", Assert.Throws<ArgumentException>(() => Keras.Utils.SplitDataset(x, leftSize: 0.99)).Message);
        Assert.Contains("Invalid leftSize type", Assert.Throws<ArgumentException>(() => Keras.Utils.SplitDataset(x, leftSize: "half")).Message);
        Assert.Contains("different lengths", Assert.Throws<ArgumentException>(() => Keras.Utils.SplitDataset((x, arange(9)), leftSize: 2)).Message);
    }
}
