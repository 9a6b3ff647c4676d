using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Utils;

public class ToCategoricalTests
{
    [Fact]
    public void OneHotEncodesWithExplicitNumClasses()
    {
        using var y = tensor(new long[] { 0, 2, 1 });
        using var hot = Keras.Utils.ToCategorical(y, numClasses: 4);
        Assert.Equal(new long[] { 3, 4 }, hot.shape);
        Assert.Equal(ScalarType.Float32, hot.dtype);
        TensorAssert.Close([1, 0, 0, 0, /**/ 0, 0, 1, 0, /**/ 0, 1, 0, 0], hot, 0);
    }

    [Fact]
    public void NumClassesDefaultsToMaxLabelPlusOne()
    {
        using var hot = Keras.Utils.ToCategorical(new[] { 1, 3 });  // max 3 -> 4 classes
        Assert.Equal(new long[] { 2, 4 }, hot.shape);
        TensorAssert.Close([0, 1, 0, 0, /**/ 0, 0, 0, 1], hot, 0);
    }

    [Fact]
    public void ColumnLabelsNBy1AreSqueezed()
    {
        using var y = tensor(new byte[] { 2, 0 }, [2, 1]);
        using var hot = Keras.Utils.ToCategorical(y, 3);
        Assert.Equal(new long[] { 2, 3 }, hot.shape);
        TensorAssert.Close([0, 0, 1, /**/ 1, 0, 0], hot, 0);
    }

    [Fact]
    public void ByteLabelsAndIntegralFloatsAreAccepted()
    {
        using var b = Keras.Utils.ToCategorical(new byte[] { 5 }, 10);
        TensorAssert.Close([0, 0, 0, 0, 0, 1, 0, 0, 0, 0], b, 0);
        using var f = tensor(new float[] { 1f, 0f });
        using var hf = Keras.Utils.ToCategorical(f);
        TensorAssert.Close([0, 1, /**/ 1, 0], hf, 0);
    }

    [Fact]
    public void OutOfRangeLabelIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Utils.ToCategorical(new[] { 0, 10 }, numClasses: 10));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("Label 10 is out of range for numClasses = 10", e.Message);
    }

    [Fact]
    public void NegativeLabelIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Utils.ToCategorical(new[] { 1, -1 }));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("labels >= 0, but received -1", e.Message);
    }

    [Fact]
    public void NonIntegerFloatLabelIsRejected()
    {
        using var y = tensor(new float[] { 0f, 1.5f });
        var e = Assert.Throws<ArgumentException>(() => Keras.Utils.ToCategorical(y));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("non-integer", e.Message);
    }

    [Fact]
    public void NonPositiveNumClassesIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.ToCategorical(new[] { 0 }, numClasses: 0));
        Assert.Equal("numClasses", e.ParamName);
    }
}

public class ToCategoricalEdgeTests
{
    [Fact]
    public void BoolLabelsAreClassesZeroAndOne()
    {
        using var y = tensor(new[] { true, false });
        using var hot = Keras.Utils.ToCategorical(y);
        TensorAssert.Close([0, 1, /**/ 1, 0], hot, 0);
    }

    [Fact]
    public void NaNLabelIsRejectedAsNonInteger()
    {
        using var y = tensor(new double[] { 1, double.NaN });
        Assert.Contains("non-integer", Assert.Throws<ArgumentException>(() => Keras.Utils.ToCategorical(y)).Message);
    }
}
