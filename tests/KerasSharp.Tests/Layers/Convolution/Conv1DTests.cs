using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Convolution;

[Collection(GlobalState.Name)]

public class Conv1DTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new Conv1D(4, 3), [2, 8, 3], [2, 6, 4], trainableWeights: 2);
        LayerTest.Run(() => new Conv1D(4, 3, padding: "causal", dilationRate: 2), [2, 8, 3], [2, 8, 4], trainableWeights: 2);
    }

    [Fact]
    public void CausalPadsOnlyAtTheStart()
    {
        var conv = new Conv1D(1, 2, padding: "causal", useBias: false);
        conv.EnsureBuilt([null, 4, 1]);
        Assert.Equal(new long[] { 2, 1, 1 }, conv.Kernel!.shape);  // (k, in, out)
        Conv2DTests.Set(conv.Kernel, 1, 10);  // y[t] = 1 * x[t-1] + 10 * x[t]
        // x = [1, 2, 3, 4], padded [0, 1, 2, 3, 4]: [0 + 10, 1 + 20, 2 + 30, 3 + 40] = [10, 21, 32, 43]
        var y = conv.Apply(tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 4, 1));
        TensorAssert.Close([10, 21, 32, 43], y.contiguous());
    }

    [Fact]
    public void ValidStride2()
    {
        var conv = new Conv1D(1, 2, strides: 2, kernelInitializer: "ones", biasInitializer: "ones");
        // x = [1, 2, 3, 4, 5]: windows [1,2], [3,4] -> 3 + 1, 7 + 1
        TensorAssert.Close([4, 8], conv.Apply(tensor(new float[] { 1, 2, 3, 4, 5 }).reshape(1, 5, 1)).contiguous());
        Assert.Equal("causal", new Conv1D(2, 3, padding: "CAUSAL").GetConfig()["padding"]);
    }
}

[Collection(GlobalState.Name)]

public class Conv3DTests
{
    [Fact]
    public void Harness() =>
        LayerTest.Run(() => new Conv3D(2, (2, 2, 3), padding: "same", strides: (1, 2, 2)), [2, 3, 4, 5, 2], [2, 3, 2, 3, 2], trainableWeights: 2);

    [Fact]
    public void OnesKernelSumsTheCube()
    {
        var conv = new Conv3D(1, 2, kernelInitializer: "ones", useBias: false);
        conv.EnsureBuilt([null, 2, 2, 2, 1]);
        Assert.Equal(new long[] { 2, 2, 2, 1, 1 }, conv.Kernel!.shape);
        // x = 1..8 in a 2x2x2 cube, one window: 1 + 2 + ... + 8 = 36
        TensorAssert.Close([36], conv.Apply(arange(1, 9, dtype: ScalarType.Float32).reshape(1, 2, 2, 2, 1)));
    }
}
