using static TorchSharp.torch;

namespace KerasSharp.Tests.Utils;

/// <summary>The examples of Keras' pad_sequences docstring (keras/src/utils/sequence_utils.py) and its argument checks.</summary>
public class PadSequencesTests
{
    private static readonly int[][] Sequence = [[1], [2, 3], [4, 5, 6]];

    private static int[] Values(Tensor t) => t.flatten().data<int>().ToArray();

    [Fact]
    public void DocstringExamples()
    {
        using var pre = Keras.Utils.PadSequences(Sequence);
        Assert.Equal(ScalarType.Int32, pre.dtype);
        Assert.Equal(new long[] { 3, 3 }, pre.shape);
        Assert.Equal(new[] { 0, 0, 1, 0, 2, 3, 4, 5, 6 }, Values(pre));
        using var minusOne = Keras.Utils.PadSequences(Sequence, value: -1);
        Assert.Equal(new[] { -1, -1, 1, -1, 2, 3, 4, 5, 6 }, Values(minusOne));
        using var post = Keras.Utils.PadSequences(Sequence, padding: "post");
        Assert.Equal(new[] { 1, 0, 0, 2, 3, 0, 4, 5, 6 }, Values(post));
        using var two = Keras.Utils.PadSequences(Sequence, maxlen: 2);
        Assert.Equal(new[] { 0, 1, 2, 3, 5, 6 }, Values(two));
    }

    [Fact]
    public void TruncatingPostKeepsTheStartAndEmptySequencesArePadding()
    {
        using var t = Keras.Utils.PadSequences([[4, 5, 6], [], [7]], maxlen: 2, truncating: "post", padding: "post");
        Assert.Equal(new[] { 4, 5, 0, 0, 7, 0 }, Values(t));
    }

    [Fact]
    public void DtypeAndValueConvertAsNumpy()
    {
        // np.full(..., 0.5, dtype="int32") is 0; float sequences into int32 truncate toward zero.
        using var ints = Keras.Utils.PadSequences(new[] { new[] { 1.7f, -2.7f } }, maxlen: 3, value: 0.5);
        Assert.Equal(new[] { 0, 1, -2 }, Values(ints));
        using var floats = Keras.Utils.PadSequences(new[] { new[] { 1.5, 2.5 } }, maxlen: 3, dtype: "float32", value: 0.5);
        Assert.Equal(ScalarType.Float32, floats.dtype);
        Assert.Equal(new[] { 0.5f, 1.5f, 2.5f }, floats.data<float>().ToArray());
        using var longs = Keras.Utils.PadSequences(new[] { new[] { 9_007_199_254_740_993L } }, dtype: "int64");
        Assert.Equal(9_007_199_254_740_993L, longs.item<long>()); // 2^53 + 1 survives exactly
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Contains("Padding type \"middle\" not understood", Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(Sequence, padding: "middle")).Message);
        Assert.Equal("truncating", Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(Sequence, truncating: "x")).ParamName);
        Assert.Equal("dtype", Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(Sequence, dtype: "int31")).ParamName);
        Assert.Equal("maxlen", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.PadSequences(Sequence, maxlen: -1)).ParamName);
        Assert.Contains("pass maxlen", Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(Array.Empty<int[]>())).Message);
        Assert.Contains("element 1 is null", Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(new int[][] { [1], null! })).Message);
    }
}
