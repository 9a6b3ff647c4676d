using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Runtime;

/// <summary>
/// LibTorch's CPU convolutions agree with a float64 computation for batches larger than one. On this project's
/// AMD EPYC machines oneDNN's AVX kernels were off by more than 10 (and gave NaN) in these very shapes until
/// <see cref="KerasSharp.Runtime.OneDnnGuard"/> capped oneDNN at SSE4.1; this is the regression test for that.
/// </summary>
[Collection(GlobalState.Name)]
public class OneDnnGuardTests
{
    public static IEnumerable<object[]> Shapes() =>
    [
        [2, 28, 10, 29, 3],
        [4, 24, 64, 16, 3],
        [8, 8, 36, 37, 1],
        [3, 5, 17, 7, 4],
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv1dAndItsInputGradientMatchFloat64(int n, int c, int length, int outChannels, int k)
    {
        Keras.Backend.EnsureNativeLoaded();
        var g = new Generator(42);
        var x = randn([n, c, length], generator: g);
        var w = randn([outChannels, c, k], generator: g);
        var x64 = x.to(float64).requires_grad_();
        var xs = x.clone().requires_grad_();
        var y32 = nn.functional.conv1d(xs, w);
        var y64 = nn.functional.conv1d(x64, w.to(float64));
        double diff = (y32.to(float64) - y64).abs().max().item<double>();
        Assert.True(diff < 1e-4, $"conv1d float32 differs from float64 by {diff} ({Keras.Backend.Describe()})");
        y32.sum().backward();
        y64.sum().backward();
        double gradDiff = (xs.grad!.to(float64) - x64.grad!).abs().max().item<double>();
        Assert.True(gradDiff < 1e-4, $"conv1d input gradient differs by {gradDiff}");
    }

    [Fact]
    public void Conv2dChannelsFirstBatchMatchesFloat64()
    {
        Keras.Backend.EnsureNativeLoaded();
        var g = new Generator(7);
        var x = randn([4, 24, 8, 8], generator: g);
        var w = randn([16, 24, 3, 3], generator: g);
        double diff = (nn.functional.conv2d(x, w).to(float64) - nn.functional.conv2d(x.to(float64), w.to(float64))).abs().max().item<double>();
        Assert.True(diff < 1e-4, $"conv2d float32 differs from float64 by {diff}");
    }

    [Fact]
    public void DescribeReportsTheGuardsDecision()
    {
        Assert.Contains("oneDNN guard: ", Keras.Backend.Describe());
        // The decision is one of the documented ones, never an unexplained failure.
        Assert.DoesNotContain("check failed", KerasSharp.Runtime.OneDnnGuard.Status);
    }
}
