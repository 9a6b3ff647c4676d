using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Core;

[Collection(GlobalState.Name)]

public class EinsumDenseTests
{
    [Fact]
    public void HarnessDenseEquation() =>
        LayerTest.Run(() => new EinsumDense("ab,bc->ac", 4, biasAxes: "c"), [2, 3], [2, 4], trainableWeights: 2);

    [Fact]
    public void HarnessSequenceEquationTakesUnknownOutputAxisFromInput()
    {
        LayerTest.Run(() => new EinsumDense("abc,cd->abd", [3, 5], biasAxes: "d"), [2, 3, 4], [2, 3, 5], trainableWeights: 2);
        // An unknown output axis is computed from the input, but Keras reports it as declared: the summary of the
        // corpus model einsum_dense_identity shows (None, None, 6) for output_shape (None, 6).
        var layer = new EinsumDense("abc,cd->abd", [null, 5], biasAxes: "d");
        Assert.Equal(new Shape(null, null, 5), layer.ComputeOutputShape([null, 3, 4]));
        Assert.Equal(new long[] { 2, 3, 5 }, layer.Apply(ones(2, 3, 4)).shape);
    }

    [Fact]
    public void HarnessLeftEllipsisNoBias() =>
        LayerTest.Run(() => new EinsumDense("...x,xy->...y", 6), [2, 3, 4], [2, 3, 6], trainableWeights: 1);

    [Fact]
    public void AbBcAcEqualsDense()
    {
        var einsum = new EinsumDense("ab,bc->ac", 2, biasAxes: "c");
        einsum.EnsureBuilt([null, 3]);
        Assert.Equal(new long[] { 3, 2 }, einsum.Kernel!.shape);
        Assert.Equal(new long[] { 2 }, einsum.Bias!.shape);
        var dense = new Dense(2);
        dense.EnsureBuilt([null, 3]);
        using (no_grad())
        {
            // kernel (3, 2) = [[1, -1], [2, 0], [0, 1]], bias = [0.5, -10]
            einsum.Kernel.copy_(tensor(new float[] { 1, -1, 2, 0, 0, 1 }).reshape(3, 2));
            einsum.Bias.copy_(tensor(new float[] { 0.5f, -10 }));
            dense.Kernel!.copy_(einsum.Kernel);
            dense.Bias!.copy_(einsum.Bias);
        }
        var x = tensor(new float[] { 1, 2, 3, -1, 0, 1 }).reshape(2, 3);
        var y = einsum.Apply(x);
        // row 1: [1 + 4 + 0 + 0.5, -1 + 0 + 3 - 10] = [5.5, -8]; row 2: [-1 + 0 + 0 + 0.5, 1 + 0 + 1 - 10] = [-0.5, -8]
        TensorAssert.Close([5.5, -8, -0.5, -8], y);
        TensorAssert.Close(dense.Apply(x), y);
    }

    [Fact]
    public void KernelAndBiasShapesFollowKerasAnalysis()
    {
        // "abc,cde->abde" with outputShape (None, 2, 3) on (None, 3, 4): kernel c,d,e = (4, 2, 3); bias "de" = (2, 3)
        var a = new EinsumDense("abc,cde->abde", [null, 2, 3], biasAxes: "de");
        Assert.Equal(new Shape(null, null, 2, 3), a.ComputeOutputShape([null, 3, 4]));   // Keras keeps the declared null
        a.EnsureBuilt([null, 3, 4]);
        Assert.Equal(new long[] { 4, 2, 3 }, a.Kernel!.shape);
        Assert.Equal(new long[] { 2, 3 }, a.Bias!.shape);

        // right ellipsis "ab...,bc->ac..." on (None, 3, 5) with outputShape 4: output (None, 4, 5), kernel (3, 4),
        // bias (4, 1) (Keras appends a 1 per elided axis)
        var b = new EinsumDense("ab...,bc->ac...", 4, biasAxes: "c");
        var y = b.Apply(ones(2, 3, 5));
        Assert.Equal(new long[] { 2, 4, 5 }, y.shape);
        Assert.Equal(new long[] { 3, 4 }, b.Kernel!.shape);
        Assert.Equal(new long[] { 4, 1 }, b.Bias!.shape);
    }

    [Fact]
    public void ConfigHasKerasKeys()
    {
        var config = new EinsumDense("ab,bc->ac", 8, activation: "relu", biasAxes: "c").GetConfig();
        Assert.Equal("ab,bc->ac", config["equation"]);
        Assert.Equal(new long?[] { 8 }, (List<long?>)config["output_shape"]!);
        Assert.Equal("c", config["bias_axes"]);
        Assert.Equal("relu", config["activation"]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new EinsumDense("ab->b", 3));
        Assert.Contains("invalid einsum equation 'ab->b'", e.Message);
        e = Assert.Throws<ArgumentException>(() => new EinsumDense("ab,bc->ac", 3, biasAxes: "x"));
        Assert.Contains("bias dimension 'x'", e.Message);
        e = Assert.Throws<ArgumentException>(() => new EinsumDense("ab,bc->ad", 3));
        Assert.Contains("dimension 'd'", e.Message);
        // the shared axis b is 3 in the input but 5 in outputShape
        var layer = new EinsumDense("abc,cd->abd", [5, 2]);
        e = Assert.Throws<ArgumentException>(() => layer.Apply(ones(2, 3, 4)));
        Assert.Contains("do not match at shared dimension 'b'", e.Message);
    }
}
