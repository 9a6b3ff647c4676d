using KerasSharp.Data;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Data;

public class ArrayConversionTests
{
    private static void Check(object data, long[] shape, ScalarType dtype, double[] values)
    {
        using var t = ArrayConversion.ToTensor(data, "x");
        Assert.Equal(shape, t.shape);
        Assert.Equal(dtype, t.dtype);
        TensorAssert.Close(values, t, 0);
    }

    [Fact]
    public void TensorIsReturnedAsIs()
    {
        using var t = ones(2, 3);
        Assert.Same(t, ArrayConversion.ToTensor(t, "x"));
    }

    [Fact]
    public void OneDimensionalArraysKeepShapeN()
    {
        // Like a 1-D NumPy array in Keras: (n,), no feature axis added here.
        Check(new float[] { 1.5f, -2, 3 }, [3], ScalarType.Float32, [1.5, -2, 3]);
        Check(new double[] { 0.25, 1e10 }, [2], ScalarType.Float64, [0.25, 1e10]);
        Check(new int[] { 5, 0, 9 }, [3], ScalarType.Int64, [5, 0, 9]);
        Check(new long[] { 3_000_000_000L, -1 }, [2], ScalarType.Int64, [3_000_000_000, -1]);
        Check(new byte[] { 0, 255, 7 }, [3], ScalarType.Byte, [0, 255, 7]);
    }

    [Fact]
    public void RectangularArraysKeepShapeAndRowMajorOrder()
    {
        Check(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, [2, 3], ScalarType.Float32, [1, 2, 3, 4, 5, 6]);
        Check(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, [3, 2], ScalarType.Float64, [1, 2, 3, 4, 5, 6]);
        Check(new int[,] { { 1, 2 }, { 3, 4 } }, [2, 2], ScalarType.Int64, [1, 2, 3, 4]);
        Check(new byte[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } }, [2, 2, 2], ScalarType.Byte, [1, 2, 3, 4, 5, 6, 7, 8]);
        Check(new float[,,] { { { 1 }, { 2 } }, { { 3 }, { 4 } }, { { 5 }, { 6 } } }, [3, 2, 1], ScalarType.Float32, [1, 2, 3, 4, 5, 6]);
        Check(new float[,,,] { { { { 1, 2 } }, { { 3, 4 } } } }, [1, 2, 1, 2], ScalarType.Float32, [1, 2, 3, 4]);
        Check(new byte[,,,] { { { { 9 } } }, { { { 8 } } } }, [2, 1, 1, 1], ScalarType.Byte, [9, 8]);
    }

    [Fact]
    public void JaggedRectangularArraysBecomeMatrices()
    {
        Check(new[] { new float[] { 1, 2 }, [3, 4], [5, 6] }, [3, 2], ScalarType.Float32, [1, 2, 3, 4, 5, 6]);
        Check(new[] { new double[] { 0.5, 1.5, 2.5 } }, [1, 3], ScalarType.Float64, [0.5, 1.5, 2.5]);
    }

    [Fact]
    public void TensorDoesNotAliasTheUsersArray()
    {
        var a = new float[,] { { 1, 2 } };
        var j = new[] { new float[] { 1, 2 } };
        using var t = ArrayConversion.ToTensor(a, "x");
        using var u = ArrayConversion.ToTensor(j, "x");
        a[0, 0] = 100;
        j[0][0] = 100;
        TensorAssert.Close([1, 2], t, 0);
        TensorAssert.Close([1, 2], u, 0);
    }

    [Fact]
    public void RaggedJaggedArrayNamesArgumentAndRow()
    {
        var e = Assert.Throws<ArgumentException>(() => ArrayConversion.ToTensor(new[] { new float[] { 1, 2 }, [3, 4], [5] }, "x"));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("row 0 has 2 values, but row 2 has 1", e.Message);
        var n = Assert.Throws<ArgumentException>(() => ArrayConversion.ToTensor(new[] { new double[] { 1 }, null! }, "y"));
        Assert.Equal("y", n.ParamName);
        Assert.Contains("row 1 is null", n.Message);
    }

    [Fact]
    public void UnsupportedTypeNamesArgumentReceivedTypeAndAcceptedTypes()
    {
        var e = Assert.Throws<ArgumentException>(() => ArrayConversion.ToTensor(new List<float> { 1 }, "validationData"));
        Assert.Equal("validationData", e.ParamName);
        Assert.Contains("System.Collections.Generic.List`1[[System.Single", e.Message);
        Assert.Contains("float[,]", e.Message);
        Assert.Contains("float[][]", e.Message);
        Assert.Contains("TorchSharp Tensor", e.Message);
        var s = Assert.Throws<ArgumentException>(() => ArrayConversion.ToTensor(new short[] { 1 }, "x"));
        Assert.Contains("System.Int16[]", s.Message);
        Assert.Throws<ArgumentNullException>("x", () => ArrayConversion.ToTensor(null!, "x"));
    }

    [Fact]
    public void CheckFiniteAcceptsFiniteAndIntegerTensors()
    {
        using var f = tensor(new float[] { 1, -2, 3e38f });
        ArrayConversion.CheckFinite(f, "x");
        using var i = tensor(new long[] { long.MaxValue });
        ArrayConversion.CheckFinite(i, "y");
    }

    [Fact]
    public void CheckFiniteNamesArgumentAndFirstBadSample()
    {
        // (4, 3): sample 2 holds NaN at element 2*3+1 = 7; sample 3 holds +inf later.
        using var x = tensor(new float[] { 0, 1, 2, 3, 4, 5, 6, float.NaN, 8, 9, float.PositiveInfinity, 11 }, [4, 3]);
        var e = Assert.Throws<ArgumentException>(() => ArrayConversion.CheckFinite(x, "x"));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("NaN in sample 2 (element 7", e.Message);

        using var y = tensor(new double[] { 1, 2, double.NegativeInfinity });
        var ey = Assert.Throws<ArgumentException>(() => ArrayConversion.CheckFinite(y, "y"));
        Assert.Equal("y", ey.ParamName);
        Assert.Contains("-infinity in sample 2", ey.Message);

        using var s = tensor(double.PositiveInfinity);
        Assert.Contains("+infinity", Assert.Throws<ArgumentException>(() => ArrayConversion.CheckFinite(s, "sampleWeight")).Message);
    }
}
