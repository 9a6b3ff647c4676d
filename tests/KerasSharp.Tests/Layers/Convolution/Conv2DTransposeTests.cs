using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Convolution;

[Collection(GlobalState.Name)]

public class Conv2DTransposeTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new Conv2DTranspose(3, 3, strides: 2), [2, 3, 4, 2], [2, 7, 9, 3], trainableWeights: 2);
        LayerTest.Run(() => new Conv2DTranspose(3, 3, strides: 2, padding: "same"), [2, 3, 4, 2], [2, 6, 8, 3], trainableWeights: 2);
        // same with outputPadding: (n - 1) * s + k % 2 + op = (3 - 1) * 3 + 0 + 1 = 7 and (4 - 1) * 3 + 1 = 10
        LayerTest.Run(() => new Conv2DTranspose(3, 2, strides: 3, padding: "same", outputPadding: 1), [2, 3, 4, 2], [2, 7, 10, 3], trainableWeights: 2);
    }

    [Fact]
    public void ValidStride2PlacesScaledKernelCopies()
    {
        var conv = new Conv2DTranspose(1, 2, strides: 2, useBias: false);
        conv.EnsureBuilt([null, 2, 2, 1]);
        Conv2DTests.Set(conv.Kernel!, 1, 2, 3, 4);  // kernel [[1, 2], [3, 4]]
        // y[2i + a, 2j + b] = x[i, j] * K[a, b]; x = [[1, 2], [3, 4]] -> 4x4 of non-overlapping blocks x[i,j] * K
        var y = conv.Apply(Conv2DTests.Counting(2, 2));
        Assert.Equal(new long[] { 1, 4, 4, 1 }, y.shape);
        TensorAssert.Close([1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16], y.contiguous());
    }

    [Fact]
    public void ValidStride1Overlaps()
    {
        var conv = new Conv2DTranspose(1, 2, kernelInitializer: "ones", useBias: false);
        // x = [[1, 2], [3, 4]], ones 2x2 kernel: y[p, q] = sum of x[i, j] with p - i, q - j in {0, 1}
        // [[1, 1+2, 2], [1+3, 1+2+3+4, 2+4], [3, 3+4, 4]]
        TensorAssert.Close([1, 3, 2, 4, 10, 6, 3, 7, 4], conv.Apply(Conv2DTests.Counting(2, 2)).contiguous());
    }

    [Fact]
    public void SameStride2OddCropKeepsTheStart()
    {
        var conv = new Conv2DTranspose(1, 3, strides: 2, padding: "same", kernelInitializer: "ones", biasInitializer: "ones");
        // full transposed output (2-1)*2 + 3 = 5 per axis; Keras output n*s = 4, crop total 1 -> 0 at the start, 1 at the end.
        // full rows covered by x row i: 2i..2i+2; rows 0-1 see i=0, row 2 sees i=0,1, row 3 sees i=1 (same for columns):
        // [[1, 1, 1+2, 2], [1, 1, 3, 2], [1+3, 4, 10, 2+4], [3, 3, 3+4, 4]] + bias 1
        var y = conv.Apply(Conv2DTests.Counting(2, 2));
        Assert.Equal(new long[] { 1, 4, 4, 1 }, y.shape);
        TensorAssert.Close([2, 2, 4, 3, 2, 2, 4, 3, 5, 5, 11, 7, 4, 4, 8, 5], y.contiguous());
    }

    [Fact]
    public void KernelLayoutIsOutByIn()
    {
        var conv = new Conv2DTranspose(3, 1, useBias: false);
        conv.EnsureBuilt([null, 1, 1, 2]);
        Assert.Equal(new long[] { 1, 1, 3, 2 }, conv.Kernel!.shape);  // (kh, kw, filters, in)
        Conv2DTests.Set(conv.Kernel, 1, 2, 3, 4, 5, 6);  // K[o, c] = [[1, 2], [3, 4], [5, 6]]
        // x = (10, 100): y[o] = 10 * K[o, 0] + 100 * K[o, 1] = [210, 430, 650]
        TensorAssert.Close([210, 430, 650], conv.Apply(tensor(new float[] { 10, 100 }).reshape(1, 1, 1, 2)));
    }

    [Fact]
    public void OutputShapeAndArguments()
    {
        Assert.Equal(new Shape(null, 10, 10, 4), new Conv2DTranspose(4, 3, strides: 2, padding: "same").ComputeOutputShape(new Shape(null, 5, 5, 8)));
        // valid, k 2 < s 3: default output padding max(k, s) - k = 1 -> (5-1)*3 + 2 + 1 = 15
        Assert.Equal(new Shape(null, 15, 15, 4), new Conv2DTranspose(4, 2, strides: 3).ComputeOutputShape(new Shape(null, 5, 5, 8)));
        var e1 = Assert.Throws<ArgumentException>(() => new Conv2DTranspose(4, 3, strides: 2, outputPadding: 2));
        Assert.Equal("outputPadding", e1.ParamName);
        Assert.Contains("outputPadding=(2, 2)", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2DTranspose(0, 3));
        Assert.Contains("received 0", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => new Conv2DTranspose(2, 3, padding: "causal"));
        Assert.Contains("\"causal\"", e3.Message);
        Keras.ClearSession();
        var layer = Keras.Conv2DTranspose(4, (3, 3), strides: (2, 2), padding: "same");
        Assert.Equal("conv2d_transpose", layer.Name);
        Assert.Null(layer.GetConfig()["output_padding"]);
        Assert.Equal(new[] { 2, 2 }, layer.GetConfig()["strides"]);
    }
}
