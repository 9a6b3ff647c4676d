using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Utils;

/// <summary>keras.utils.normalize on tensors = keras.ops.normalize (keras/src/ops/nn.py _normalize).</summary>
public class NormalizeTests
{
    [Fact]
    public void L2AlongLastAxis()
    {
        using var x = tensor(new float[,] { { 3, 4 }, { 0, 0 }, { 1, 0 } });
        using var n = Keras.Utils.Normalize(x);
        // [3, 4] / 5; a zero row stays zero (rsqrt(0) = inf is clipped to 1 / epsilon).
        TensorAssert.Close([0.6f, 0.8f, 0, 0, 1, 0], n, 1e-6);
    }

    [Fact]
    public void OtherAxisAndOrder()
    {
        using var x = tensor(new float[,] { { 3, 1 }, { 4, 3 } });
        using var axis0 = Keras.Utils.Normalize(x, axis: 0);
        TensorAssert.Close([0.6f, 1 / MathF.Sqrt(10), 0.8f, 3 / MathF.Sqrt(10)], axis0, 1e-6);
        using var l1 = Keras.Utils.Normalize(x, order: 1);
        TensorAssert.Close([0.75f, 0.25f, 4f / 7, 3f / 7], l1, 1e-6);
        using var arr = Keras.Utils.Normalize(new double[] { 1, 1, 1, 1 }); // double[] converts to a float64 tensor
        TensorAssert.Close([0.5f, 0.5f, 0.5f, 0.5f], arr.to_type(ScalarType.Float32), 1e-7);
        using var ints = Keras.Utils.Normalize(tensor(new long[] { 0, 2 }));
        Assert.Equal(ScalarType.Float32, ints.dtype);
    }

    [Fact]
    public void BadArguments()
    {
        using var x = ones(2, 3);
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.Normalize(x, order: 0)).ParamName);
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.Normalize(x, axis: 2)).ParamName);
        Assert.Contains("at least 1D", Assert.Throws<ArgumentException>(() => Keras.Utils.Normalize(tensor(1f))).Message);
    }
}
