using static TorchSharp.torch;

namespace KerasSharp.Tests.TestSupport;

/// <summary>Assertions on tensors with readable failure messages.</summary>
public static class TensorAssert
{
    /// <summary>Asserts same shape and every element within <paramref name="tolerance"/> (absolute).</summary>
    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-6)
    {
        var got = actual.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        Assert.True(expected.Length == got.Length, $"expected {expected.Length} elements, got {got.Length} (shape [{string.Join(", ", actual.shape)}])");
        for (int i = 0; i < got.Length; i++)
            Assert.True(Math.Abs(expected[i] - got[i]) <= tolerance,
                $"element {i}: expected {expected[i]:R}, got {got[i]:R} (tolerance {tolerance})\nexpected [{string.Join(", ", expected)}]\nactual   [{string.Join(", ", got)}]");
    }

    /// <summary>Asserts a scalar tensor or double is within tolerance.</summary>
    public static void Close(double expected, Tensor actual, double tolerance = 1e-6) => Close([expected], actual.reshape(-1), tolerance);

    /// <summary>Asserts two tensors have the same shape and values within tolerance.</summary>
    public static void Close(Tensor expected, Tensor actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.shape, actual.shape);
        Close(expected.to_type(ScalarType.Float64).cpu().data<double>().ToArray(), actual, tolerance);
    }

    /// <summary>
    /// A fused kernel's result against the explicit formula it replaces: same shape, no NaN, and
    /// |fused - explicit| &lt;= 1e-6 * max(1, |explicit|) everywhere (float32 rounding of another summation order).
    /// </summary>
    public static void FusedClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = expected.to_type(ScalarType.Float64).reshape(-1);
        var a = actual.to_type(ScalarType.Float64).reshape(-1);
        Assert.False(a.isnan().any().item<bool>(), $"{what}: NaN in the fused result");
        var excess = (e - a).abs() - e.abs().clamp_min(1) * 1e-6;
        long worst = excess.argmax().item<long>();
        Assert.True(excess[worst].item<double>() <= 0,
            $"{what}, element {worst}: explicit {e[worst].item<double>():R}, fused {a[worst].item<double>():R}");
    }

    /// <summary>Asserts the tensor's shape.</summary>
    public static void HasShape(long[] expected, Tensor actual) => Assert.Equal(expected, actual.shape);
}
